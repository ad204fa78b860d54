package dev.iterdiff.spark;

import java.util.ArrayList;
import java.util.List;

/**
 * The sweep as a plain in-process loop: one {@link InstanceRunner} over every instance in id
 * order. The reference the Spark job is tested against (same rows, same numbers), and the
 * baseline of {@code bench sweep}. No Spark.
 */
public final class LocalSweep {

  private LocalSweep() {}

  /** Every row of the plan, in (instance id, estimator) order. */
  public static List<SweepRow> run(SweepPlan plan) {
    InstanceRunner runner = new InstanceRunner(plan.config(), plan.data());
    List<SweepRow> rows = new ArrayList<>(plan.instances().size()
        * plan.config().estimators().size());
    for (SweepInstance s : plan.instances()) {
      rows.addAll(runner.run(s));
    }
    return rows;
  }
}
