package dev.iterdiff.spark.distill;

import java.io.Serializable;

/**
 * One partition's share of the outer loss: the summed cross-entropy ℓ_b(X), its gradient
 * ∇ℓ_b (p×K, column-major) and the rows classified correctly.
 *
 * @param partition the partition's number (summation order).
 * @param rows      rows of the partition.
 * @param loss      ℓ_b(X), summed (not averaged) over the rows.
 * @param gradient  ∇ₓℓ_b, length p·K.
 * @param correct   rows whose largest score is their label's.
 */
public record PartitionLoss(int partition, long rows, double loss, double[] gradient,
    long correct) implements Serializable {

  private static final long serialVersionUID = 1L;
}
