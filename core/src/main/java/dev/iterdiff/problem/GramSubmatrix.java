package dev.iterdiff.problem;

import dev.iterdiff.linalg.Blas;

/**
 * The squared loss's Hessian on a support S, H_SS = c·w·(AᵀA)_SS, read from a Gram matrix AᵀA
 * that is already there ({@link DesignMatrix#retainedGram}: formed once per data set for the
 * step 1/L of the proximal-gradient solvers) instead of formed from the gathered columns
 * ({@link SupportGram}: N|S|² flops). {@link #denseLower} gathers the |S|(|S|+1)/2 entries
 * of the lower triangle; {@link #apply} is one dgemv on AᵀA with the vector padded by zeros
 * (2p² flops; the active-set system uses it only to check the residual of its Cholesky
 * solve). Unit or one shared sample weight only. Holds workspaces: one instance per thread.
 */
final class GramSubmatrix implements SupportHessian {

  private final double[] gram;
  private final int p;
  private final int[] support;
  private final double scale;
  private final double[] padded;
  private final double[] product;

  /**
   * @param gram    AᵀA, p×p, both triangles. Not modified (kept by reference).
   * @param p       its order.
   * @param scale   c·w (the data term's scale times the shared weight).
   * @param support S, ascending indices into [0, p). Copied.
   */
  GramSubmatrix(double[] gram, int p, double scale, int[] support) {
    this.gram = gram;
    this.p = p;
    this.support = support.clone();
    this.scale = scale;
    this.padded = new double[p];
    this.product = new double[p];
  }

  @Override
  public int size() {
    return support.length;
  }

  @Override
  public void apply(double[] v, double[] out) {
    int k = support.length;
    for (int q = 0; q < k; q++) {
      padded[support[q]] = v[q];
    }
    Blas.gemv(false, p, p, scale, gram, padded, 0.0, product);
    for (int q = 0; q < k; q++) {
      out[q] = product[support[q]];
      padded[support[q]] = 0.0;
    }
  }

  @Override
  public void dense(double[] out) {
    int k = support.length;
    for (int j = 0; j < k; j++) {
      int col = support[j] * p;
      for (int i = 0; i < k; i++) {
        out[i + j * k] = scale * gram[support[i] + col];
      }
    }
  }

  @Override
  public void denseLower(double alpha, double[] out) {
    int k = support.length;
    double s = alpha * scale;
    for (int j = 0; j < k; j++) {
      int col = support[j] * p;
      int off = j * k;
      for (int i = j; i < k; i++) {
        out[i + off] = s * gram[support[i] + col];
      }
    }
  }

  /** One dgemv on the p×p Gram matrix. */
  @Override
  public double applyFlops() {
    return 2.0 * p * p;
  }

  /** A gather of |S|² entries (counted as flops). */
  @Override
  public double denseFlops() {
    return (double) support.length * support.length;
  }
}
