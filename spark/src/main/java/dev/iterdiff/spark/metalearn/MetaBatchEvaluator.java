package dev.iterdiff.spark.metalearn;

import dev.iterdiff.bilevel.FoldResult;
import dev.iterdiff.bilevel.HypergradientAggregator;
import dev.iterdiff.bilevel.OuterEvaluation;
import dev.iterdiff.bilevel.OuterEvaluator;
import dev.iterdiff.spark.hyperopt.NonFiniteFoldException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

/**
 * The meta-gradient of one outer step on the cluster: the {@link MetaTasks} (with the pool's
 * images) are broadcast once; each evaluation broadcasts θ, spreads the step's B task numbers
 * over min(B, partitions) partitions, builds and solves each task on an executor from its prior
 * mean ({@link MetaTask}, null warm start), and reduces the results with
 * {@link HypergradientAggregator} through treeAggregate — summed in task order, so the result
 * is bit for bit {@link MetaTasks#evaluate(int, double[], double)} in process. The step set by
 * {@link #atStep} picks the meta-batch when {@link MetaTasks#fresh()}; no state survives a
 * step, so a resumed run needs only θ and the optimizer state.
 */
public final class MetaBatchEvaluator implements OuterEvaluator, AutoCloseable {

  private final JavaSparkContext jsc;
  private final Broadcast<MetaTasks> tasks;
  private final int count;
  private final int thetaDim;
  private final int partitions;
  private int step;

  /**
   * @param partitions how many Spark partitions a meta-batch spreads over (≥ 1; at most B are
   *                   used).
   */
  public MetaBatchEvaluator(JavaSparkContext jsc, MetaTasks tasks, int partitions) {
    if (partitions < 1) {
      throw new IllegalArgumentException("partitions is " + partitions + " (must be >= 1)");
    }
    this.jsc = jsc;
    this.tasks = jsc.broadcast(tasks);
    this.count = tasks.count();
    this.thetaDim = tasks.thetaDim();
    this.partitions = Math.min(partitions, count);
  }

  /** The outer step whose meta-batch the next evaluations use. */
  public MetaBatchEvaluator atStep(int outerStep) {
    this.step = outerStep;
    return this;
  }

  @Override
  public int thetaDim() {
    return thetaDim;
  }

  @Override
  public OuterEvaluation evaluate(double[] theta, double innerTolerance) {
    Broadcast<double[]> tb = jsc.broadcast(theta.clone());
    Broadcast<MetaTasks> ts = tasks;
    int s = step;
    try {
      List<Integer> ks = new ArrayList<>(IntStream.range(0, count).boxed().toList());
      JavaRDD<FoldResult> results = jsc.parallelize(ks, partitions)
          .map(k -> ts.value().task(s, k).evaluate(tb.value(), null, innerTolerance));
      HypergradientAggregator agg = results.treeAggregate(new HypergradientAggregator(thetaDim),
          HypergradientAggregator::add, HypergradientAggregator::merge, 2);
      OuterEvaluation total = agg.result();
      if (!Double.isFinite(total.value())
          || !java.util.Arrays.stream(total.gradient()).allMatch(Double::isFinite)) {
        throw firstNonFinite(theta, innerTolerance);
      }
      return total;
    } finally {
      tb.destroy();
    }
  }

  /** The first task (in task order) whose loss or meta-gradient is not finite, in process. */
  private NonFiniteFoldException firstNonFinite(double[] theta, double tol) {
    MetaTasks t = tasks.value();
    for (int k = 0; k < count; k++) {
      FoldResult r = t.task(step, k).evaluate(theta, null, tol);
      if (!Double.isFinite(r.value())) {
        return new NonFiniteFoldException(k, "query loss is " + r.value());
      }
      if (!java.util.Arrays.stream(r.gradient()).allMatch(Double::isFinite)) {
        return new NonFiniteFoldException(k, "meta-gradient is not finite");
      }
    }
    return new NonFiniteFoldException(-1, "the sum over tasks is not finite");
  }

  @Override
  public void close() {
    tasks.destroy();
  }
}
