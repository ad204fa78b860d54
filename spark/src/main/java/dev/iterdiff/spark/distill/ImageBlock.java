package dev.iterdiff.spark.distill;

import dev.iterdiff.linalg.Blas;
import dev.iterdiff.map.Checks;
import dev.iterdiff.problem.LabeledData;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * One partition of the real training set: rows × p pixels (column-major) and integer labels
 * 0…K−1. {@link #loss} is the partition's share of the outer loss of dataset distillation,
 * the <b>summed</b> softmax cross-entropy of a p×K weight matrix X and its gradient,
 * <pre>
 *   ℓ_b(X) = Σ_{i ∈ b} (logsumexp(zᵢ) − z_{i,yᵢ}),   ∇ℓ_b = A_bᵀ(S_b − Y_b),   Z_b = A_b X,
 * </pre>
 * so the outer loss is ℓ(X) = (1/N)·Σ_b ℓ_b(X), summed in partition order
 * ({@link OuterLossAggregator}).
 *
 * @param index  the partition's number (summation order).
 * @param a      rows × p design, column-major. Not copied.
 * @param rows   rows of this block (&gt; 0).
 * @param p      pixels per image.
 * @param labels class of each row, 0…K−1. Not copied.
 */
public record ImageBlock(int index, double[] a, int rows, int p, int[] labels)
    implements Serializable {

  private static final long serialVersionUID = 1L;

  public ImageBlock {
    Checks.positive("image block rows", rows);
    Checks.length("image block " + index + " pixels", a, rows * p);
    if (labels.length != rows) {
      throw new IllegalArgumentException("image block " + index + ": " + labels.length
          + " labels for " + rows + " rows");
    }
  }

  /**
   * Splits the data into {@code partitions} contiguous blocks of ⌊N/P⌋ or ⌈N/P⌉ rows, block k
   * holding rows [k·N/P, (k+1)·N/P).
   *
   * @throws IllegalArgumentException if partitions is not in 1…N, or a label is not an integer.
   */
  public static List<ImageBlock> split(LabeledData data, int partitions) {
    int n = data.rows();
    if (partitions < 1 || partitions > n) {
      throw new IllegalArgumentException("partitions is " + partitions + " (must be in 1.."
          + n + " for " + data.source() + ")");
    }
    int p = data.cols();
    List<ImageBlock> blocks = new ArrayList<>();
    for (int k = 0; k < partitions; k++) {
      int from = (int) ((long) k * n / partitions);
      int to = (int) ((long) (k + 1) * n / partitions);
      int r = to - from;
      double[] a = new double[r * p];
      int[] y = new int[r];
      for (int j = 0; j < p; j++) {
        System.arraycopy(data.a(), from + j * n, a, j * r, r);
      }
      for (int i = 0; i < r; i++) {
        y[i] = (int) data.labels()[from + i];
      }
      blocks.add(new ImageBlock(k, a, r, p, y));
    }
    return blocks;
  }

  /**
   * ℓ_b(X), ∇ℓ_b and the rows X classifies correctly (argmax of the scores, ties to the first).
   *
   * @param x       p×K weights, column-major. Not modified.
   * @param classes K.
   * @throws IllegalArgumentException if x is not p·K long or a label is outside 0…K−1.
   */
  public PartitionLoss loss(double[] x, int classes) {
    Checks.length("x", x, p * classes);
    int n = rows;
    double[] z = new double[n * classes];
    Blas.gemm(false, false, n, classes, p, 1.0, a, x, 0.0, z);
    double sum = 0;
    int correct = 0;
    for (int i = 0; i < n; i++) {
      int y = labels[i];
      if (y < 0 || y >= classes) {
        throw new IllegalArgumentException("image block " + index + ": label of row " + i
            + " is " + y + " (integers 0.." + (classes - 1) + ")");
      }
      double max = Double.NEGATIVE_INFINITY;
      int arg = 0;
      for (int c = 0; c < classes; c++) {
        if (z[i + c * n] > max) {
          max = z[i + c * n];
          arg = c;
        }
      }
      correct += arg == y ? 1 : 0;
      double e = 0;
      for (int c = 0; c < classes; c++) {
        e += Math.exp(z[i + c * n] - max);
      }
      double lse = max + Math.log(e);
      sum += lse - z[i + y * n];
      for (int c = 0; c < classes; c++) {
        z[i + c * n] = Math.exp(z[i + c * n] - lse) - (c == y ? 1.0 : 0.0);
      }
    }
    double[] grad = new double[p * classes];
    Blas.gemm(true, false, p, classes, n, 1.0, a, z, 0.0, grad);
    return new PartitionLoss(index, n, sum, grad, correct);
  }
}
