package dev.iterdiff.bilevel;

import java.util.List;

/**
 * The in-process reference evaluator: solves the inner tasks (folds, meta-learning tasks, data
 * partitions) one after the other, warm-starting each from its previous solution, and reduces
 * them with {@link HypergradientAggregator} — the same task-order reduction the Spark job runs
 * through treeAggregate.
 */
public final class LocalEvaluator implements OuterEvaluator {

  private final List<? extends InnerTask> folds;
  private final int thetaDim;
  private final double[][] warmStarts;

  /** Every task of {@code tasks}, built here; warm starts begin at x = 0. */
  public LocalEvaluator(InnerTasks tasks) {
    this(build(tasks), tasks.thetaDim());
  }

  /** @param folds one per inner problem; warm starts begin at x = 0. */
  public LocalEvaluator(List<? extends InnerTask> folds, int thetaDim) {
    if (folds.isEmpty()) {
      throw new IllegalArgumentException("LocalEvaluator: no folds");
    }
    this.folds = List.copyOf(folds);
    this.thetaDim = thetaDim;
    this.warmStarts = new double[folds.size()][];
    for (int f = 0; f < warmStarts.length; f++) {
      warmStarts[f] = new double[folds.get(f).dim()];
    }
  }

  private static List<InnerTask> build(InnerTasks tasks) {
    List<InnerTask> list = new java.util.ArrayList<>();
    for (int k = 0; k < tasks.count(); k++) {
      list.add(tasks.task(k));
    }
    return list;
  }

  @Override
  public int thetaDim() {
    return thetaDim;
  }

  @Override
  public OuterEvaluation evaluate(double[] theta, double innerTolerance) {
    HypergradientAggregator agg = new HypergradientAggregator(thetaDim);
    for (int f = 0; f < warmStarts.length; f++) {
      FoldResult r = folds.get(f).evaluate(theta, warmStarts[f], innerTolerance);
      warmStarts[f] = r.x();
      agg.add(r);
    }
    return agg.result();
  }

  /** The current warm starts (the last solutions), one per fold; live arrays. */
  public double[][] warmStarts() {
    return warmStarts;
  }

  /** Replaces the warm starts (e.g. from a checkpoint). Lengths must match. */
  public void restoreWarmStarts(double[][] xs) {
    dev.iterdiff.map.Checks.sameDim("warm starts: folds", warmStarts.length, xs.length);
    for (int f = 0; f < xs.length; f++) {
      dev.iterdiff.map.Checks.length("warm start " + f, xs[f], warmStarts[f].length);
      warmStarts[f] = xs[f].clone();
    }
  }
}
