package dev.iterdiff.linalg;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A cheap solver tried first and a robust one used when it fails: {@link #solve} runs the
 * primary solver and, on a {@link LinearSolveException} (missed tolerance, breakdown), solves
 * the same system again, from the caller's initial guess, with the fallback. The result names the solver that
 * produced x; a failure of the fallback propagates with its own message. Used by implicit
 * differentiation for CG preconditioned by a factorization the iterative solver already
 * holds, with the size-based {@link LinearSolvers#auto} choice behind it.
 *
 * <p>Not thread-safe (neither are the two solvers).
 */
public final class FallbackLinearSolver implements LinearSolver {

  private static final Logger LOG = LoggerFactory.getLogger(FallbackLinearSolver.class);

  private final LinearSolver primary;
  private final LinearSolver fallback;

  /**
   * @param primary  tried first.
   * @param fallback used when the primary throws {@link LinearSolveException}.
   */
  public FallbackLinearSolver(LinearSolver primary, LinearSolver fallback) {
    if (primary == null || fallback == null) {
      throw new IllegalArgumentException("fallback linear solver: primary " + primary
          + ", fallback " + fallback + ": neither may be null");
    }
    this.primary = primary;
    this.fallback = fallback;
  }

  /** "primary→fallback", e.g. "pcg→cholesky". */
  @Override
  public String name() {
    return primary.name() + "→" + fallback.name();
  }

  @Override
  public LinearSolveResult solve(LinearOperator a, int n, double[] b, double[] x) {
    double[] guess = x.clone();
    try {
      return primary.solve(a, n, b, x);
    } catch (LinearSolveException e) {
      LOG.debug("{} failed ({}); solving with {}", primary.name(), e.getMessage(),
          fallback.name());
      System.arraycopy(guess, 0, x, 0, x.length);
      return fallback.solve(a, n, b, x);
    }
  }

  @Override
  public LinearSolveResult solveColumns(LinearOperator a, int n, double[] b, int m,
      double[] x) {
    double[] guess = x.clone();
    try {
      return primary.solveColumns(a, n, b, m, x);
    } catch (LinearSolveException e) {
      LOG.debug("{} failed ({}); solving {} columns with {}", primary.name(), e.getMessage(),
          m, fallback.name());
      System.arraycopy(guess, 0, x, 0, x.length);
      return fallback.solveColumns(a, n, b, m, x);
    }
  }
}
