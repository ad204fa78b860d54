package dev.iterdiff.problem;

import dev.iterdiff.linalg.Blas;
import dev.iterdiff.linalg.SymmetricEigenvalues;

/**
 * The design matrix A (N×p, column-major, from a {@link LabeledData}) with the products the
 * data terms need, through the {@link Blas} facade, and the lazily computed extreme
 * eigenvalues of AᵀA (LAPACK {@code dsyev} on the Gramian, once per instance) and squared row
 * norms.
 */
final class DesignMatrix {

  final double[] a;
  final int rows;
  final int cols;
  private double[] gramExtremes;
  private double[] rowNormsSquared;

  DesignMatrix(LabeledData data) {
    this.a = data.a();
    this.rows = data.rows();
    this.cols = data.cols();
  }

  /** out (length N) ← α·A v + β·out. */
  void times(double alpha, double[] v, double beta, double[] out) {
    Blas.gemv(false, rows, cols, alpha, a, v, beta, out);
  }

  /** out (length p) ← α·Aᵀ u + β·out. */
  void transposeTimes(double alpha, double[] u, double beta, double[] out) {
    Blas.gemv(true, rows, cols, alpha, a, u, beta, out);
  }

  /**
   * out (p×p) ← α·Aᵀ diag(s) A + β·out. {@code s == null} means s = 1 (dsyrk on A). When
   * every sᵢ ≥ 0, dsyrk on the row-scaled copy √s∘A held in {@code scaled} (length N·p,
   * overwritten), and s is overwritten by √s (N square roots, not N·p); otherwise Aᵀ(s∘A) by
   * dgemm, valid for any sign, s not modified.
   */
  void weightedGramian(double alpha, double[] s, double[] scaled, double beta, double[] out) {
    if (s == null) {
      Blas.gramian(rows, cols, alpha, a, beta, out);
      return;
    }
    boolean nonNegative = true;
    for (int i = 0; i < rows && nonNegative; i++) {
      nonNegative = s[i] >= 0;
    }
    if (!nonNegative) {
      weightedProduct(alpha, s, scaled, beta, out);
      return;
    }
    for (int i = 0; i < rows; i++) {
      s[i] = Math.sqrt(s[i]);
    }
    for (int j = 0; j < cols; j++) {
      int off = j * rows;
      for (int i = 0; i < rows; i++) {
        scaled[off + i] = s[i] * a[off + i];
      }
    }
    Blas.gramian(rows, cols, alpha, scaled, beta, out);
  }

  /** out (p×p) ← α·Aᵀ(s∘A) + β·out by dgemm, any sign of s; scaled (N·p) overwritten. */
  void weightedProduct(double alpha, double[] s, double[] scaled, double beta, double[] out) {
    for (int j = 0; j < cols; j++) {
      int off = j * rows;
      for (int i = 0; i < rows; i++) {
        scaled[off + i] = s[i] * a[off + i];
      }
    }
    Blas.gemm(true, false, cols, cols, rows, alpha, a, scaled, beta, out);
  }

  /**
   * {λ_min(AᵀA), λ_max(AᵀA)}, computed on first use. Not to be modified. A wide matrix (N &lt; p,
   * e.g. a few-shot support set of 5 images × 784 pixels) has AᵀA of rank ≤ N &lt; p: λ_min = 0
   * exactly and λ_max = λ_max(AAᵀ), the N×N Gram matrix — O(N²p + N³) instead of the p×p
   * matrix's O(Np² + p³) (0.3–0.5 s per 784-pixel task, the bulk of a meta-learning task).
   */
  double[] gramExtremes() {
    if (gramExtremes == null) {
      if (rows < cols) {
        double[] g = new double[rows * rows];
        Blas.gemm(false, true, rows, rows, cols, 1.0, a, a, 0.0, g);
        for (int i = 0; i < rows; i++) { // exactly symmetric
          for (int j = i + 1; j < rows; j++) {
            g[j + i * rows] = g[i + j * rows];
          }
        }
        gramExtremes = new double[] {0.0, SymmetricEigenvalues.extremes(rows, g)[1]};
      } else {
        double[] g = new double[cols * cols];
        Blas.gramian(rows, cols, 1.0, a, 0.0, g);
        gramExtremes = SymmetricEigenvalues.extremes(cols, g);
      }
    }
    return gramExtremes;
  }

  /** ‖aᵢ‖² per row, computed on first use. Not to be modified. */
  double[] rowNormsSquared() {
    if (rowNormsSquared == null) {
      rowNormsSquared = new double[rows];
      for (int j = 0; j < cols; j++) {
        for (int i = 0; i < rows; i++) {
          double v = a[i + j * rows];
          rowNormsSquared[i] += v * v;
        }
      }
    }
    return rowNormsSquared;
  }
}
