package dev.iterdiff.spark.sweep;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The sweep as a plain in-process loop, no Spark: one {@link InstanceRunner} over every
 * instance in id order (the budgets of one θ sharing a solve, as in the Spark job), or the same instances on a few plain threads. The reference the Spark
 * job is tested against (same rows, same numbers), and the baseline of {@code bench sweep}.
 */
public final class LocalSweep {

  private LocalSweep() {}

  /** Every row of the plan, in (instance id, estimator) order, on the calling thread. */
  public static List<SweepRow> run(SweepPlan plan) {
    InstanceRunner runner = new InstanceRunner(plan.config(), plan.data());
    List<SweepRow> rows = new ArrayList<>();
    InstanceRunner.groups(plan.space().instances(0, plan.space().size()), plan.config())
        .forEachRemaining(g -> rows.addAll(runner.run(g)));
    return rows;
  }

  /**
   * The same rows as {@link #run(SweepPlan)}, computed on {@code threads} plain threads: the
   * instances are split into {@code parts} cost-balanced buckets exactly as the Spark job
   * splits them ({@link RangePartitioner}), each range runs on one {@link InstanceRunner},
   * and the buckets are taken by the threads as they become free — what Spark's local mode
   * does with {@code threads} cores, without Spark.
   *
   * @throws IllegalArgumentException if {@code threads} or {@code parts} is below 1.
   */
  public static List<SweepRow> run(SweepPlan plan, int threads, int parts) {
    if (threads < 1 || parts < 1) {
      throw new IllegalArgumentException("LocalSweep: threads and parts must be >= 1, got "
          + threads + " and " + parts);
    }
    List<InstanceRange> ranges = RangePartitioner.split(plan.space(), parts);
    ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "local-sweep");
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<List<SweepRow>>> done = new ArrayList<>(ranges.size());
      for (InstanceRange range : ranges) {
        done.add(pool.submit(() -> {
          InstanceRunner runner = new InstanceRunner(plan.config(), plan.data());
          List<SweepRow> out = new ArrayList<>();
          InstanceRunner.groups(plan.space().instances(range.first(), range.end()),
              plan.config()).forEachRemaining(g -> out.addAll(runner.run(g)));
          return out;
        }));
      }
      List<SweepRow> rows = new ArrayList<>();
      for (Future<List<SweepRow>> f : done) {
        rows.addAll(f.get()); // ranges are contiguous and in id order
      }
      return rows;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("LocalSweep interrupted", e);
    } catch (ExecutionException e) {
      Throwable c = e.getCause();
      if (c instanceof RuntimeException re) {
        throw re;
      }
      if (c instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException("LocalSweep: " + c, c);
    } finally {
      pool.shutdownNow();
    }
  }
}
