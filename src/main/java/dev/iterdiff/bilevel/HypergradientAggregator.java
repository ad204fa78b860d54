package dev.iterdiff.bilevel;

import java.io.Serializable;

/**
 * Sums fold results — outer objective values, hypergradients and counts — with {@code add}
 * (one fold) and {@code merge} (two partial sums), the Serializable add/merge shape of Spark
 * MLlib's loss aggregators, so the same reduction runs in one process and through
 * {@code treeAggregate}. The outer objective is the mean over folds,
 * G(θ) = 1/K Σ_f g_f(x_f*(θ)), and its gradient the mean of the fold hypergradients.
 */
public final class HypergradientAggregator implements Serializable {

  private static final long serialVersionUID = 1L;

  private final double[] gradientSum;
  private double valueSum;
  private double misclassificationSum;
  private int folds;
  private long validationSamples;
  private long innerIterations;
  private int unconverged;
  private double maxInnerResidual;
  private double seconds;

  /** An empty sum for a θ of dimension {@code dim}. */
  public HypergradientAggregator(int dim) {
    this.gradientSum = new double[dim];
  }

  /** Adds one fold. Returns this. */
  public HypergradientAggregator add(FoldResult r) {
    if (r.gradient().length != gradientSum.length) {
      throw new IllegalArgumentException("HypergradientAggregator.add: expected gradient "
          + "dimension " + gradientSum.length + ", got " + r.gradient().length + " (fold "
          + r.fold() + ")");
    }
    for (int j = 0; j < gradientSum.length; j++) {
      gradientSum[j] += r.gradient()[j];
    }
    valueSum += r.value();
    misclassificationSum += r.misclassification();
    folds++;
    validationSamples += r.validationSamples();
    innerIterations += r.innerIterations();
    unconverged += r.converged() ? 0 : 1;
    maxInnerResidual = Math.max(maxInnerResidual, r.innerResidual());
    seconds += r.seconds();
    return this;
  }

  /** Adds another partial sum. Returns this. */
  public HypergradientAggregator merge(HypergradientAggregator o) {
    if (o.gradientSum.length != gradientSum.length) {
      throw new IllegalArgumentException("HypergradientAggregator.merge: expected gradient "
          + "dimension " + gradientSum.length + ", got " + o.gradientSum.length);
    }
    for (int j = 0; j < gradientSum.length; j++) {
      gradientSum[j] += o.gradientSum[j];
    }
    valueSum += o.valueSum;
    misclassificationSum += o.misclassificationSum;
    folds += o.folds;
    validationSamples += o.validationSamples;
    innerIterations += o.innerIterations;
    unconverged += o.unconverged;
    maxInnerResidual = Math.max(maxInnerResidual, o.maxInnerResidual);
    seconds += o.seconds;
    return this;
  }

  /** Number of folds added. */
  public int folds() {
    return folds;
  }

  /**
   * The mean over folds.
   *
   * @throws IllegalStateException if no fold was added.
   */
  public OuterEvaluation result() {
    if (folds == 0) {
      throw new IllegalStateException("HypergradientAggregator: no fold was added");
    }
    double[] mean = new double[gradientSum.length];
    for (int j = 0; j < mean.length; j++) {
      mean[j] = gradientSum[j] / folds;
    }
    return new OuterEvaluation(valueSum / folds, mean, misclassificationSum / folds, folds,
        validationSamples, innerIterations, unconverged, maxInnerResidual, seconds);
  }
}
