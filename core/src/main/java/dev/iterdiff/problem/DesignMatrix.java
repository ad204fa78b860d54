package dev.iterdiff.problem;

import dev.iterdiff.linalg.Blas;
import dev.iterdiff.linalg.SymmetricEigenvalues;

/**
 * The design matrix A (N×p, column-major, from a {@link LabeledData}) with the products the
 * problems need, through the {@link Blas} facade, and the lazily computed extreme
 * eigenvalues of AᵀA (LAPACK {@code dsyev} on the Gramian, once per instance).
 */
final class DesignMatrix {

  final double[] a;
  final int rows;
  final int cols;
  private double[] gramExtremes;

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
   * out (p×p) ← α·Aᵀ diag(s) A + β·out with s ≥ 0, through dsyrk on the row-scaled copy
   * √s∘A held in {@code scaled} (length N·p, overwritten). {@code s == null} means s = 1.
   */
  void weightedGramian(double alpha, double[] s, double[] scaled, double beta, double[] out) {
    double[] m = a;
    if (s != null) {
      for (int j = 0; j < cols; j++) {
        int off = j * rows;
        for (int i = 0; i < rows; i++) {
          scaled[off + i] = Math.sqrt(s[i]) * a[off + i];
        }
      }
      m = scaled;
    }
    Blas.gramian(rows, cols, alpha, m, beta, out);
  }

  /** {λ_min(AᵀA), λ_max(AᵀA)}, computed on first use. Not to be modified. */
  double[] gramExtremes() {
    if (gramExtremes == null) {
      double[] g = new double[cols * cols];
      Blas.gramian(rows, cols, 1.0, a, 0.0, g);
      gramExtremes = SymmetricEigenvalues.extremes(cols, g);
    }
    return gramExtremes;
  }
}
