package dev.iterdiff.spark.distill;

import java.util.List;

/**
 * The outer loss of dataset distillation, the mean cross-entropy of a p×K weight matrix X on the
 * real training set, ℓ(X) = (1/N)·Σ_b ℓ_b(X), and its gradient, reduced over the partitions
 * {@link ImageBlock} in partition order — in this process ({@link #local}) or on a cluster
 * ({@link SparkRealDataLoss}). Both give the same bits.
 */
public interface RealDataLoss {

  /** K, the classes. */
  int classes();

  /**
   * ℓ(X), ∇ℓ(X) and the accuracy of X on the real rows.
   *
   * @param x p×K weights, column-major. Not modified.
   */
  OuterLossAggregator.Total at(double[] x);

  /** The in-process reference: the blocks one after the other, the same aggregator. */
  static RealDataLoss local(List<ImageBlock> blocks, int classes) {
    if (blocks.isEmpty()) {
      throw new IllegalArgumentException("real data loss: no partitions");
    }
    List<ImageBlock> copy = List.copyOf(blocks);
    int dim = copy.get(0).p() * classes;
    return new RealDataLoss() {
      @Override
      public int classes() {
        return classes;
      }

      @Override
      public OuterLossAggregator.Total at(double[] x) {
        OuterLossAggregator agg = new OuterLossAggregator(dim);
        for (ImageBlock b : copy) {
          agg.add(b.loss(x, classes));
        }
        return agg.total();
      }
    };
  }
}
