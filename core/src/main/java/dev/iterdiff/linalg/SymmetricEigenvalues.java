package dev.iterdiff.linalg;

import dev.iterdiff.map.Checks;
import dev.ludovic.netlib.lapack.LAPACK;
import org.netlib.util.intW;

/**
 * Eigenvalues of a dense symmetric matrix through LAPACK {@code dsyev} (eigenvalues only,
 * {@code jobz = "N"}), ascending. Used for the extreme eigenvalues λ_min, λ_max that give a
 * problem's strong convexity μ and smoothness L (Golub &amp; Van Loan, <i>Matrix
 * Computations</i>, §8.3: symmetric QR algorithm).
 *
 * <p>Allocates its workspace per call: meant for set-up, not for hot loops.
 */
public final class SymmetricEigenvalues {

  private static final LAPACK LAPACK_INSTANCE = Lapack.netlib(); // initialized (see Lapack)

  private SymmetricEigenvalues() {}

  /**
   * All eigenvalues of the symmetric n×n column-major matrix {@code a}, ascending.
   *
   * @param n order of the matrix.
   * @param a column-major n×n, only the upper triangle is read. Not modified (copied).
   * @return a new array of n eigenvalues, ascending.
   * @throws IllegalArgumentException on a wrong length or a non-finite entry.
   * @throws LinearSolveException if LAPACK reports that the QR iteration did not converge.
   */
  public static double[] of(int n, double[] a) {
    Checks.positive("symmetric matrix: order", n);
    Checks.length("symmetric matrix", a, Math.multiplyExact(n, n));
    Checks.finite("symmetric matrix", a);
    double[] copy = a.clone();
    double[] w = new double[n];
    double[] query = new double[1];
    intW info = new intW(0);
    LAPACK_INSTANCE.dsyev("N", "U", n, copy, n, w, query, -1, info);
    int lwork = Math.max(3 * n, (int) query[0]);
    double[] work = new double[lwork];
    info.val = 0;
    LAPACK_INSTANCE.dsyev("N", "U", n, copy, n, w, work, lwork, info);
    if (info.val != 0) {
      throw new LinearSolveException("dsyev: " + info.val
          + " off-diagonal elements did not converge to zero (n = " + n + ")", null);
    }
    return w;
  }

  /** {min eigenvalue, max eigenvalue} of a symmetric n×n matrix; see {@link #of}. */
  public static double[] extremes(int n, double[] a) {
    double[] w = of(n, a);
    return new double[] {w[0], w[n - 1]};
  }
}
