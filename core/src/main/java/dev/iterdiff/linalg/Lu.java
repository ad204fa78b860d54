package dev.iterdiff.linalg;

import org.netlib.util.doubleW;
import org.netlib.util.intW;

/**
 * LU factorization with partial pivoting P A = L U of a general square matrix through LAPACK
 * {@code dgetrf} (2n³/3 flops), solves with A or Aᵀ through {@code dgetrs} (2n² flops per
 * right-hand side), and a reciprocal condition estimate through {@code dgecon}. See
 * {@link DenseFactorization} for the two ways to use it (factor once / solve many, or as a
 * {@link LinearSolver}).
 *
 * <p>Failures: {@code dgetrf} info = k > 0 (U(k,k) is exactly zero: A is singular) and
 * rcond &lt; {@value DenseFactorization#RCOND_MIN} (numerically singular) throw
 * {@link LinearSolveException} naming n and the pivot k (resp. rcond).
 */
public final class Lu extends DenseFactorization {

  /** Default tolerance on the relative residual of the {@link LinearSolver} path. */
  public static final double DEFAULT_TOLERANCE = 1e-10;

  private int[] pivots = new int[0];
  private double[] work = new double[0];
  private int[] iwork = new int[0];
  private double rcond = Double.NaN;

  /** An LU solver with tolerance {@value #DEFAULT_TOLERANCE}. */
  public Lu() {
    this(DEFAULT_TOLERANCE);
  }

  /**
   * @param tolerance tolerance on ‖b − A x‖/‖b‖ of the {@link LinearSolver} path, > 0.
   */
  public Lu(double tolerance) {
    super(tolerance);
  }

  @Override
  public String name() {
    return "lu";
  }

  /** LAPACK's estimate of 1/κ₁(A) for the current factorization. */
  public double rcond() {
    return rcond;
  }

  @Override
  protected void allocate(int n) {
    if (pivots.length < n) {
      pivots = new int[n];
      work = new double[4 * n];
      iwork = new int[n];
    }
  }

  @Override
  protected void decompose(int n, boolean fromOperator) {
    double[] f = factorData;
    rcond = Double.NaN;
    boolean estimate = estimatesCondition();
    double anorm = estimate ? Lapack.netlib().dlange("1", n, n, f, Math.max(1, n), work) : 0;
    intW info = new intW(0);
    Lapack.netlib().dgetrf(n, n, f, Math.max(1, n), pivots, info);
    if (info.val > 0) {
      throw failure("matrix is singular (n = " + n + "): pivot " + info.val + " is exactly zero"
          + " (U(" + info.val + "," + info.val + ") = 0)");
    }
    Cholesky.checkInfo("dgetrf", info);
    if (!estimate) {
      return;
    }
    doubleW rc = new doubleW(0);
    Lapack.netlib().dgecon("1", n, f, Math.max(1, n), anorm, rc, work, iwork, info);
    Cholesky.checkInfo("dgecon", info);
    rcond = rc.val;
    if (!(rcond >= RCOND_MIN)) {
      throw failure("matrix is numerically singular (n = " + n + "): reciprocal condition "
          + "number " + LinearSolveException.format(rcond) + " < "
          + LinearSolveException.format(RCOND_MIN));
    }
  }

  @Override
  protected void solveInPlace(double[] bx, int m, boolean transposed) {
    int n = dimension();
    intW info = new intW(0);
    Lapack.netlib().dgetrs(transposed ? "T" : "N", n, m, factorData, Math.max(1, n), pivots, bx,
        Math.max(1, n), info);
    Cholesky.checkInfo("dgetrs", info);
  }
}
