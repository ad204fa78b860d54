package dev.iterdiff.spark.sweep;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Size-aware partitioning: longest-processing-time-first (Graham 1969). Instances are taken
 * by decreasing estimated cost (ties by id) and each goes to the partition with the least
 * cost so far (ties by index), so big instances spread out instead of piling up in one
 * partition; the greedy schedule is within 4/3 of the best makespan. Deterministic. Within a
 * partition instances run in id order.
 */
public final class InstancePartitioner {

  private InstancePartitioner() {}

  /**
   * @param instances the instances. Not modified.
   * @param parts     number of partitions wanted (capped at the instance count, at least 1).
   * @return the partitions, none empty, each in id order.
   */
  public static List<List<SweepInstance>> balance(List<SweepInstance> instances, int parts) {
    int p = Math.max(1, Math.min(parts, instances.size()));
    List<SweepInstance> order = new ArrayList<>(instances);
    order.sort(Comparator.comparingDouble(SweepInstance::cost).reversed()
        .thenComparingLong(SweepInstance::id));
    List<List<SweepInstance>> out = new ArrayList<>(p);
    double[] load = new double[p];
    PriorityQueue<Integer> least = new PriorityQueue<>(p,
        Comparator.<Integer>comparingDouble(i -> load[i]).thenComparingInt(i -> i));
    for (int i = 0; i < p; i++) {
      out.add(new ArrayList<>());
      least.add(i);
    }
    for (SweepInstance s : order) {
      int i = least.poll();
      out.get(i).add(s);
      load[i] += Math.max(s.cost(), 1e-300);
      least.add(i);
    }
    for (List<SweepInstance> part : out) {
      part.sort(Comparator.comparingLong(SweepInstance::id));
    }
    return out;
  }
}
