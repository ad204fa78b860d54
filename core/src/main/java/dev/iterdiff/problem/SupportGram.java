package dev.iterdiff.problem;

import dev.iterdiff.linalg.Blas;

/**
 * The squared loss's Hessian on a support S: H_SS = c·A_Sᵀ diag(w) A_S (w the sample weights,
 * or one shared weight, or none), with the |S| columns A_S gathered once (N·|S| copies).
 * {@link #apply} is two dgemv on A_S (4N|S| flops instead of 4Np for a padded Hessian-vector
 * product); {@link #dense} one dsyrk (native BLAS) or dgemm (Java BLAS), ≈ N|S|² flops.
 */
final class SupportGram implements SupportHessian {

  private final int rows;
  private final int k;
  private final double[] columns;
  private final double scale;
  private final double[] weights;
  private final double[] au;

  /**
   * @param design  A. Not modified.
   * @param scale   c.
   * @param weights null, length 1 or length N. Copied.
   * @param support S, ascending indices into [0, p). Not modified.
   */
  SupportGram(DesignMatrix design, double scale, double[] weights, int[] support) {
    this.rows = design.rows;
    this.k = support.length;
    this.columns = new double[Math.multiplyExact(rows, Math.max(k, 1))];
    for (int q = 0; q < k; q++) {
      System.arraycopy(design.a, support[q] * rows, columns, q * rows, rows);
    }
    this.scale = scale;
    this.weights = weights == null ? null : weights.clone();
    this.au = new double[rows];
  }

  @Override
  public int size() {
    return k;
  }

  @Override
  public void apply(double[] v, double[] out) {
    if (k == 0) {
      return;
    }
    Blas.gemv(false, rows, k, 1.0, columns, v, 0.0, au);
    if (weights != null) {
      for (int i = 0; i < rows; i++) {
        au[i] *= weights.length == 1 ? weights[0] : weights[i];
      }
    }
    Blas.gemv(true, rows, k, scale, columns, au, 0.0, out);
  }

  @Override
  public void dense(double[] out) {
    if (k == 0) {
      return;
    }
    if (weights == null || weights.length == 1) {
      Blas.gramian(rows, k, weights == null ? scale : scale * weights[0], columns, 0.0, out);
      return;
    }
    double[] scaled = new double[columns.length];
    for (int q = 0; q < k; q++) {
      int off = q * rows;
      for (int i = 0; i < rows; i++) {
        scaled[off + i] = weights[i] * columns[off + i];
      }
    }
    Blas.gemm(true, false, k, k, rows, scale, columns, scaled, 0.0, out);
  }

  /** One dsyrk ("L"; dgemm on the Java backends) with α·c·w folded in; per-sample weights: dgemm. */
  @Override
  public void denseLower(double alpha, double[] out) {
    if (k == 0) {
      return;
    }
    if (weights == null || weights.length == 1) {
      Blas.gramianLower(rows, k, alpha * (weights == null ? scale : scale * weights[0]),
          columns, 0.0, out);
      return;
    }
    double[] scaled = new double[columns.length];
    for (int q = 0; q < k; q++) {
      int off = q * rows;
      for (int i = 0; i < rows; i++) {
        scaled[off + i] = weights[i] * columns[off + i];
      }
    }
    Blas.gemm(true, false, k, k, rows, alpha * scale, columns, scaled, 0.0, out);
  }

  @Override
  public double applyFlops() {
    return 4.0 * rows * k;
  }

  @Override
  public double denseFlops() {
    return (double) rows * k * k;
  }
}
