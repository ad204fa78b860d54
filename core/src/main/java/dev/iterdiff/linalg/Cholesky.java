package dev.iterdiff.linalg;

import org.netlib.util.doubleW;
import org.netlib.util.intW;

/**
 * Cholesky factorization A = L Lᵀ of a symmetric positive definite matrix through LAPACK
 * {@code dpotrf} (n³/3 flops), solves through {@code dpotrs} (2n² flops per right-hand side),
 * and a reciprocal condition estimate through {@code dpocon}. Only the lower triangle of A is
 * read. See {@link DenseFactorization} for the two ways to use it (factor once / solve many,
 * or as a {@link LinearSolver}).
 *
 * <p><b>Negative definite matrices.</b> {@link #factor(double[], int)} accepts only symmetric
 * positive definite A. The {@link LinearSolver} path also accepts a symmetric <em>negative</em>
 * definite A — the fixed-point condition of gradient descent has ∂ₓG = −tH: when every
 * diagonal entry is negative it factors −A = L Lᵀ and returns x = −(−A)⁻¹ b
 * ({@link #isNegated()} tells which happened). A matrix whose diagonal has mixed signs is
 * indefinite and fails.
 *
 * <p>Failures: {@code dpotrf} info = k > 0 (the leading minor of order k is not positive)
 * and rcond &lt; {@value DenseFactorization#RCOND_MIN} (numerically singular) throw
 * {@link LinearSolveException} naming n and k (resp. rcond).
 */
public final class Cholesky extends DenseFactorization {

  /** Default tolerance on the relative residual of the {@link LinearSolver} path. */
  public static final double DEFAULT_TOLERANCE = 1e-10;

  private double[] work = new double[0];
  private int[] iwork = new int[0];
  private boolean negated;
  private double rcond = Double.NaN;

  /** A Cholesky solver with tolerance {@value #DEFAULT_TOLERANCE}. */
  public Cholesky() {
    this(DEFAULT_TOLERANCE);
  }

  /**
   * @param tolerance tolerance on ‖b − A x‖/‖b‖ of the {@link LinearSolver} path, > 0.
   */
  public Cholesky(double tolerance) {
    super(tolerance);
  }

  @Override
  public String name() {
    return "cholesky";
  }

  /** True if the current factorization is of −A (A negative definite, LinearSolver path). */
  public boolean isNegated() {
    return negated;
  }

  /** LAPACK's estimate of 1/κ₁(A) for the current factorization. */
  public double rcond() {
    return rcond;
  }

  @Override
  protected void allocate(int n) {
    if (iwork.length < n) {
      work = new double[3 * n];
      iwork = new int[n];
    }
  }

  @Override
  protected void decompose(int n, boolean fromOperator) {
    double[] f = factorData;
    negated = false;
    rcond = Double.NaN;
    if (fromOperator && allDiagonalNegative(f, n)) {
      Blas.scal(n * n, -1.0, f, 0);
      negated = true;
    }
    boolean estimate = estimatesCondition();
    double anorm = estimate ? Lapack.netlib().dlansy("1", "L", n, f, Math.max(1, n), work) : 0;
    intW info = new intW(0);
    Lapack.netlib().dpotrf("L", n, f, Math.max(1, n), info);
    if (info.val > 0) {
      String which = negated ? "negative definite" : "positive definite";
      throw failure("matrix is not " + which + " (n = " + n + "): the leading minor of order "
          + info.val + (negated ? " of -A" : "") + " is not positive");
    }
    checkInfo("dpotrf", info);
    if (!estimate) {
      return;
    }
    doubleW rc = new doubleW(0);
    Lapack.netlib().dpocon("L", n, f, Math.max(1, n), anorm, rc, work, iwork, info);
    checkInfo("dpocon", info);
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
    Lapack.netlib().dpotrs("L", n, m, factorData, Math.max(1, n), bx, Math.max(1, n), info);
    checkInfo("dpotrs", info);
    if (negated) {
      Blas.scal(n * m, -1.0, bx, 0);
    }
  }

  private static boolean allDiagonalNegative(double[] f, int n) {
    for (int i = 0; i < n; i++) {
      if (!(f[i + i * n] < 0)) {
        return false;
      }
    }
    return true;
  }

  static void checkInfo(String routine, intW info) {
    if (info.val != 0) {
      throw new IllegalStateException(routine + " returned info = " + info.val);
    }
  }
}
