package dev.iterdiff.spark.sweep;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a sweep's id space into contiguous ranges of equal estimated cost, by the per-range
 * cost model of {@link InstanceSpace}: within a data set every instance has that data set's
 * cost, so the cumulative cost is piecewise linear in the id and the k-th cut sits where it
 * reaches k/parts of the total. O(parts + data sets) on the driver whatever the instance
 * count; the imbalance is at most one instance per range (one θ's budgets when the
 * iteration count is a sweep axis: cuts fall between θ, so their budgets share a solve).
 * Deterministic. Rows do not depend
 * on the split (instances start from x₀ = 0, no warm start).
 */
public final class RangePartitioner {

  private RangePartitioner() {}

  /**
   * @param space the instances.
   * @param parts partitions wanted (capped at the instance count, at least 1).
   * @return the ranges, in id order, none empty, covering [0, size).
   */
  public static List<InstanceRange> split(InstanceSpace space, int parts) {
    long n = space.size();
    int p = (int) Math.max(1, Math.min(parts, n));
    double total = space.totalCost();
    List<InstanceRange> out = new ArrayList<>(p);
    long start = 0;
    for (int k = 1; k <= p; k++) {
      long cut = k == p ? n : aligned(cutAt(space, total * k / p), space.budgetCount(), n);
      cut = Math.max(cut, start + 1);
      cut = Math.min(cut, n - (p - k)); // leave one id for each range still to come
      out.add(new InstanceRange(start, cut));
      start = cut;
    }
    return out;
  }

  /**
   * The cut moved to the nearest multiple of the budget count, so that the budgets of one θ
   * (neighbour ids, {@link InstanceSpace}) stay in one range and share one solve; the clamps
   * of {@link #split} may still move it when there are fewer θ than ranges.
   */
  private static long aligned(long cut, int budgets, long n) {
    if (budgets <= 1) {
      return cut;
    }
    long down = cut / budgets * budgets;
    long up = Math.min(n, down + budgets);
    return cut - down <= up - cut ? down : up;
  }

  /** The smallest id t such that the instances [0, t) cost at least {@code target}. */
  private static long cutAt(InstanceSpace space, double target) {
    double before = 0;
    for (InstanceSpace.Segment s : space.segments()) {
      double segCost = s.count() * s.cost();
      if (before + segCost >= target && s.count() > 0) {
        double c = Math.max(s.cost(), 1e-300);
        long k = (long) Math.ceil((target - before) / c);
        return s.first() + Math.max(0, Math.min(k, s.count()));
      }
      before += segCost;
    }
    return space.size();
  }
}
