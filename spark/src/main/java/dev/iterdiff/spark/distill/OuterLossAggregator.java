package dev.iterdiff.spark.distill;

import java.io.Serializable;
import java.util.TreeMap;

/**
 * Reduces {@link PartitionLoss}es to the mean outer loss ℓ(X) = (1/N)·Σ_b ℓ_b(X) and its
 * gradient, in the Serializable add/merge shape of Spark MLlib's aggregators so the same
 * reduction runs in one process and through {@code treeAggregate}. The sums are taken in
 * partition order whatever the order of adds and merges (each partition's numbers are kept
 * until {@link #total()}): floating-point addition is not associative and Spark merges in
 * the order tasks finish, so this is what makes the cluster result equal the in-process one
 * to the last bit. Memory: partitions × p·K numbers, what the tasks send anyway.
 */
public final class OuterLossAggregator implements Serializable {

  private static final long serialVersionUID = 1L;

  private final int dim;
  private final TreeMap<Integer, PartitionLoss> parts = new TreeMap<>();

  /**
   * The mean loss over the N rows, its gradient and the accuracy.
   *
   * @param value      ℓ(X).
   * @param gradient   ∇ₓℓ, length p·K.
   * @param accuracy   fraction of rows classified correctly.
   * @param rows       N.
   * @param partitions partitions reduced.
   */
  public record Total(double value, double[] gradient, double accuracy, long rows,
      int partitions) implements Serializable {}

  /** An empty sum for gradients of length {@code dim} (= p·K). */
  public OuterLossAggregator(int dim) {
    this.dim = dim;
  }

  /**
   * Adds one partition; returns this.
   *
   * @throws IllegalArgumentException on a gradient of another length or a partition added twice.
   */
  public OuterLossAggregator add(PartitionLoss r) {
    if (r.gradient().length != dim) {
      throw new IllegalArgumentException("OuterLossAggregator.add: expected gradient "
          + "dimension " + dim + ", got " + r.gradient().length + " (partition "
          + r.partition() + ")");
    }
    if (parts.putIfAbsent(r.partition(), r) != null) {
      throw new IllegalArgumentException("OuterLossAggregator: partition " + r.partition()
          + " added twice");
    }
    return this;
  }

  /**
   * Adds another partial sum; returns this.
   *
   * @throws IllegalArgumentException if the dimensions differ or a partition is in both.
   */
  public OuterLossAggregator merge(OuterLossAggregator o) {
    if (o.dim != dim) {
      throw new IllegalArgumentException("OuterLossAggregator.merge: expected gradient "
          + "dimension " + dim + ", got " + o.dim);
    }
    for (PartitionLoss r : o.parts.values()) {
      add(r);
    }
    return this;
  }

  /**
   * The mean over all rows, summed in partition order.
   *
   * @throws IllegalStateException if nothing was added.
   */
  public Total total() {
    if (parts.isEmpty()) {
      throw new IllegalStateException("OuterLossAggregator: no partition was added");
    }
    double[] g = new double[dim];
    double loss = 0;
    long rows = 0;
    long correct = 0;
    for (PartitionLoss r : parts.values()) {
      for (int j = 0; j < dim; j++) {
        g[j] += r.gradient()[j];
      }
      loss += r.loss();
      rows += r.rows();
      correct += r.correct();
    }
    for (int j = 0; j < dim; j++) {
      g[j] /= rows;
    }
    return new Total(loss / rows, g, (double) correct / rows, rows, parts.size());
  }
}
