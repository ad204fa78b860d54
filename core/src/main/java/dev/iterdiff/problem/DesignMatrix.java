package dev.iterdiff.problem;

import dev.iterdiff.linalg.Blas;
import dev.iterdiff.linalg.CsrMatrix;
import dev.iterdiff.linalg.SymmetricEigenvalues;
import java.util.SplittableRandom;

/**
 * The design matrix A (N×p, from a {@link LabeledData}) with the products the data terms need,
 * and the lazily computed extreme eigenvalues of AᵀA and squared row norms. Dense A
 * (column-major {@code a}): the {@link Blas} facade, extremes by LAPACK {@code dsyev} on the
 * Gramian. Sparse A ({@code sparse}, compressed rows; {@code a} null): O(nnz) products, the
 * p×p Gramian only when a dense Hessian is asked for, and for p &gt; {@value #DENSE_EIGEN_MAX}
 * the extremes {0, λ̂_max}: 0 is a valid lower bound, λ̂_max the power iteration's Rayleigh
 * quotient on AᵀA (≤ λ_max, converged to 10⁻⁶ relative change) times {@value #POWER_MARGIN},
 * capped by the certified bound min(‖A‖_F², ‖A‖₁‖A‖_∞) — no p×p array at any size. A dense
 * Gramian formed for the extremes (N ≥ p) is kept ({@link #retainedGram}).
 */
final class DesignMatrix {

  /** Largest p whose sparse Gramian is formed for dsyev. */
  static final int DENSE_EIGEN_MAX = 2000;
  /** Safety factor on the power iteration's estimate of λ_max(AᵀA). */
  static final double POWER_MARGIN = 1.05;

  final double[] a;
  final CsrMatrix sparse;
  final int rows;
  final int cols;
  private double[] gramExtremes;
  private double[] gram;
  private double[] rowNormsSquared;

  DesignMatrix(LabeledData data) {
    this.sparse = data.sparse();
    this.a = sparse == null ? data.a() : null;
    this.rows = data.rows();
    this.cols = data.cols();
  }

  /** out (length N) ← α·A v + β·out. */
  void times(double alpha, double[] v, double beta, double[] out) {
    if (sparse != null) {
      sparse.times(alpha, v, beta, out);
      return;
    }
    Blas.gemv(false, rows, cols, alpha, a, v, beta, out);
  }

  /** out (length p) ← α·Aᵀ u + β·out. */
  void transposeTimes(double alpha, double[] u, double beta, double[] out) {
    if (sparse != null) {
      sparse.transposeTimes(alpha, u, beta, out);
      return;
    }
    Blas.gemv(true, rows, cols, alpha, a, u, beta, out);
  }

  /**
   * out (length p) ← α·Aᵀ diag(s) A v, s = null meaning 1; sparse: one pass over the rows
   * ({@link CsrMatrix#weightedGramTimes}); dense: two gemv through {@code work} (length N).
   */
  void weightedGramTimes(double alpha, double[] s, double[] v, double[] work, double[] out) {
    if (sparse != null) {
      sparse.weightedGramTimes(alpha, s, v, out);
      return;
    }
    Blas.gemv(false, rows, cols, 1.0, a, v, 0.0, work);
    if (s != null) {
      for (int i = 0; i < rows; i++) {
        work[i] *= s[i];
      }
    }
    Blas.gemv(true, rows, cols, alpha, a, work, 0.0, out);
  }

  /** The dense array A, for the callers that have no sparse path (softmax), naming the data. */
  double[] dense(String who) {
    if (sparse != null) {
      throw new IllegalArgumentException(who + ": sparse features are not supported here ("
          + rows + "x" + cols + ", " + sparse.nnz() + " stored entries)");
    }
    return a;
  }

  /**
   * out (p×p) ← α·Aᵀ diag(s) A + β·out. {@code s == null} means s = 1 (dsyrk on A). When
   * every sᵢ ≥ 0, dsyrk on the row-scaled copy √s∘A held in {@code scaled} (length N·p,
   * overwritten), and s is overwritten by √s (N square roots, not N·p); otherwise Aᵀ(s∘A) by
   * dgemm, valid for any sign, s not modified.
   */
  void weightedGramian(double alpha, double[] s, double[] scaled, double beta, double[] out) {
    if (sparse != null) {
      sparse.weightedGram(alpha, s, beta, out);
      return;
    }
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
    if (sparse != null) {
      sparse.weightedGram(alpha, s, beta, out);
      return;
    }
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
    if (gramExtremes == null && sparse != null && cols > DENSE_EIGEN_MAX) {
      gramExtremes = new double[] {0.0, powerBound()};
    }
    if (gramExtremes == null && sparse != null) {
      double[] g = new double[cols * cols];
      sparse.weightedGram(1.0, null, 0.0, g);
      gramExtremes = SymmetricEigenvalues.extremes(cols, g);
    }
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
        gram = g; // kept: p² ≤ N·p entries, no more than A itself
      }
    }
    return gramExtremes;
  }

  /**
   * AᵀA (p×p column-major, both triangles) if {@link #gramExtremes} has formed it — dense A with
   * N ≥ p, e.g. for a solver's step 1/L — else null; never computed here. Kept for the life of
   * this object (p² ≤ N·p entries: at most the size of A): the support Hessians of the ℓ1-type
   * implicit systems read their |S|×|S| block from it instead of forming A_SᵀA_S (N|S|² flops).
   * Not to be modified.
   */
  double[] retainedGram() {
    return gram;
  }

  /** ‖aᵢ‖² per row, computed on first use. Not to be modified. */
  double[] rowNormsSquared() {
    if (rowNormsSquared == null && sparse != null) {
      rowNormsSquared = sparse.rowNormsSquared();
    }
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

  /** See the class comment: margin × power-iteration estimate, capped by the certified bound. */
  private double powerBound() {
    double[] norms = sparse.rowNormsSquared();
    double frobenius = 0;
    double maxRow = 0;
    double[] colSums = new double[cols];
    int[] start = sparse.rowStart();
    int[] col = sparse.columns();
    double[] val = sparse.values();
    for (int i = 0; i < rows; i++) {
      frobenius += norms[i];
      double r = 0;
      for (int k = start[i]; k < start[i + 1]; k++) {
        r += Math.abs(val[k]);
        colSums[col[k]] += Math.abs(val[k]);
      }
      maxRow = Math.max(maxRow, r);
    }
    double maxCol = 0;
    for (double c : colSums) {
      maxCol = Math.max(maxCol, c);
    }
    double certified = Math.min(frobenius, maxRow * maxCol);
    double[] v = new double[cols];
    double[] av = new double[rows];
    SplittableRandom rng = new SplittableRandom(17);
    for (int j = 0; j < cols; j++) {
      v[j] = rng.nextDouble() + 0.5;
    }
    double estimate = 0;
    for (int it = 0; it < 300; it++) {
      double norm = Blas.nrm2(v);
      if (norm == 0) {
        return certified;
      }
      Blas.scal(1.0 / norm, v);
      sparse.times(1.0, v, 0.0, av);
      double next = Blas.dot(av, av); // vᵀAᵀAv, ‖v‖ = 1
      sparse.transposeTimes(1.0, av, 0.0, v);
      if (Math.abs(next - estimate) <= 1e-6 * next) {
        estimate = next;
        break;
      }
      estimate = next;
    }
    return Math.min(certified, POWER_MARGIN * estimate);
  }
}
