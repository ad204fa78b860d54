package dev.iterdiff.problem;

import dev.iterdiff.linalg.Blas;
import dev.iterdiff.linalg.SymmetricEigenvalues;

/**
 * The data of a dense convex quadratic program
 * <pre>
 *   min_x ½ xᵀQx + qᵀx   s.t.   Ax = b,  Gx ≤ h,
 * </pre>
 * Q n×n symmetric positive semidefinite, A p×n of full row rank, G m×n (p, m ≥ 0), all
 * column-major. Validated on construction with one-line errors naming the field and the value
 * (the fields as the JSON file spells them: {@code Q, q, A, b, G, h}); {@code source} names
 * where the data came from for those messages.
 *
 * @param n      dim x.
 * @param q2     Q, n×n column-major (named {@code Q} in files and messages).
 * @param q      q, length n.
 * @param a      A, p×n column-major (length 0 when p = 0).
 * @param b      b, length p.
 * @param g      G, m×n column-major (length 0 when m = 0).
 * @param h      h, length m.
 * @param source where the data came from (a file, a generator spec).
 */
public record QpData(int n, double[] q2, double[] q, double[] a, double[] b, double[] g,
    double[] h, String source) {

  /** Q may have eigenvalues down to −{@value}·max(1, ‖Q‖) (rounding) and count as PSD. */
  public static final double PSD_SLACK = 1e-10;
  /** AAᵀ must have λ_min ≥ {@value}·λ_max: A has full row rank. */
  public static final double RANK_SLACK = 1e-12;

  /**
   * @throws IllegalArgumentException naming the field: inconsistent dimensions, a NaN or
   *         infinite entry, Q not symmetric or not positive semidefinite, A without full row
   *         rank.
   */
  public QpData {
    if (n <= 0) {
      throw new IllegalArgumentException(source + ": n must be > 0, got " + n);
    }
    length(source, "Q", q2, (long) n * n, "n x n = " + n + " x " + n);
    length(source, "q", q, n, "n = " + n);
    if (a == null || b == null || g == null || h == null) {
      throw new IllegalArgumentException(source + ": A, b, G and h must be present (empty "
          + "when there are no constraints of that kind)");
    }
    int p = b.length;
    int m = h.length;
    length(source, "A", a, (long) p * n, "len(b) x n = " + p + " x " + n);
    length(source, "G", g, (long) m * n, "len(h) x n = " + m + " x " + n);
    finite(source, "Q", q2, n);
    finite(source, "q", q, 1);
    finite(source, "A", a, Math.max(1, p));
    finite(source, "b", b, 1);
    finite(source, "G", g, Math.max(1, m));
    finite(source, "h", h, 1);
    double scale = 0;
    for (int j = 0; j < n; j++) {
      for (int i = 0; i < n; i++) {
        double d = Math.abs(q2[i + j * n] - q2[j + i * n]);
        scale = Math.max(scale, Math.abs(q2[i + j * n]));
        if (d > 1e-12 * Math.max(1, Math.abs(q2[i + j * n]))) {
          throw new IllegalArgumentException(source + ": Q is not symmetric: Q[" + i + "][" + j
              + "] = " + q2[i + j * n] + " but Q[" + j + "][" + i + "] = " + q2[j + i * n]);
        }
      }
    }
    double minEig = SymmetricEigenvalues.extremes(n, q2)[0];
    if (minEig < -PSD_SLACK * Math.max(1, scale * n)) {
      throw new IllegalArgumentException(source + ": Q is not positive semidefinite: its "
          + "smallest eigenvalue is " + minEig);
    }
    if (p > 0) {
      double[] aat = new double[p * p];
      Blas.gemm(false, true, p, p, n, 1.0, a, a, 0.0, aat);
      double[] ext = SymmetricEigenvalues.extremes(p, aat);
      if (!(ext[0] > RANK_SLACK * ext[1])) {
        throw new IllegalArgumentException(source + ": A (" + p + " x " + n + ") does not have "
            + "full row rank: the smallest eigenvalue of AA' is " + ext[0] + " (largest "
            + ext[1] + ")");
      }
    }
  }

  /** p, the number of equality constraints. */
  public int equalities() {
    return b.length;
  }

  /** m, the number of inequality constraints. */
  public int inequalities() {
    return h.length;
  }

  private static void length(String source, String field, double[] v, long expected,
      String what) {
    if (v == null) {
      throw new IllegalArgumentException(source + ": field " + field + " is missing");
    }
    if (v.length != expected) {
      throw new IllegalArgumentException(source + ": field " + field + " has " + v.length
          + " entries, expected " + what + " = " + expected + " (inconsistent dimensions)");
    }
  }

  /** Names a non-finite entry by (row, column) for a matrix with {@code rows} rows. */
  private static void finite(String source, String field, double[] v, int rows) {
    for (int k = 0; k < v.length; k++) {
      if (!Double.isFinite(v[k])) {
        String at = rows == 1 ? "[" + k + "]" : "[" + (k % rows) + "][" + (k / rows) + "]";
        throw new IllegalArgumentException(source + ": " + field + at + " is " + v[k]
            + " (must be finite)");
      }
    }
  }
}
