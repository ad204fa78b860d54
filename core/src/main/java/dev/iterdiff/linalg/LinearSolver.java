package dev.iterdiff.linalg;

import dev.iterdiff.map.Checks;

/**
 * Solves A x = b for a square n×n operator, matrix-free or dense. Implementations:
 * {@link Cholesky}, {@link Lu} (LAPACK, materialising A when it is only an operator),
 * {@link ConjugateGradient}, restarted {@link Gmres}, {@link BiCgStab}, truncated
 * {@link NeumannSeries}. Obtain them from {@link LinearSolvers}.
 *
 * <p>Implementations keep workspaces per instance and are not thread-safe: use one instance
 * per thread (per Spark task).
 */
public interface LinearSolver {

  /** The method name as the CLI spells it: cholesky, lu, cg, gmres, bicgstab, neumann. */
  String name();

  /**
   * Solves A x = b.
   *
   * @param a operator, applied as out = A v. Not modified.
   * @param n dimension.
   * @param b right-hand side, length n. Not modified.
   * @param x initial guess on entry (iterative methods; ignored by direct ones), solution on
   *          exit. Modified.
   * @return iterations and residual reached.
   * @throws LinearSolveException if the tolerance is not reached or the method breaks down
   *         (singular, not positive definite); the message names tolerance and residual.
   * @throws IllegalArgumentException if n ≤ 0, a length is not n, or b is not finite.
   */
  LinearSolveResult solve(LinearOperator a, int n, double[] b, double[] x);

  /**
   * {@link #solve} for callers that record failures instead of stopping (e.g. one row per
   * instance in a sweep): a {@link LinearSolveException} is turned into its result, marked
   * {@code converged = false}, with x holding the iterate reached.
   *
   * @return the result, converged or not.
   * @throws IllegalArgumentException for bad arguments (those are not solve failures).
   */
  default LinearSolveResult solveOrReport(LinearOperator a, int n, double[] b, double[] x) {
    try {
      return solve(a, n, b, x);
    } catch (LinearSolveException e) {
      LinearSolveResult r = e.result();
      return r != null ? r : new LinearSolveResult(name(), 0, Double.NaN, Double.NaN, false);
    }
  }

  /**
   * Solves A X = B for m right-hand sides at once. The default solves column by column
   * (each column's initial guess is the column of X on entry); the dense solvers override it
   * to factor A once.
   *
   * @param a operator. Not modified.
   * @param n dimension.
   * @param b B, n×m column-major (column j at b[j·n .. j·n + n)). Not modified.
   * @param m number of right-hand sides, > 0.
   * @param x X, n×m column-major: initial guesses on entry, solutions on exit. Modified.
   * @return the worst column's result (largest relative residual).
   * @throws LinearSolveException as soon as one column fails.
   * @throws IllegalArgumentException if n or m ≤ 0 or b, x do not have length n·m.
   */
  default LinearSolveResult solveColumns(LinearOperator a, int n, double[] b, int m,
      double[] x) {
    Checks.positive("n", n);
    Checks.positive("m", m);
    Checks.length("b", b, Math.multiplyExact(n, m));
    Checks.length("x", x, Math.multiplyExact(n, m));
    if (m == 1) {
      return solve(a, n, b, x);
    }
    double[] bj = new double[n];
    double[] xj = new double[n];
    LinearSolveResult worst = null;
    for (int j = 0; j < m; j++) {
      System.arraycopy(b, j * n, bj, 0, n);
      System.arraycopy(x, j * n, xj, 0, n);
      LinearSolveResult r = solve(a, n, bj, xj);
      System.arraycopy(xj, 0, x, j * n, n);
      if (worst == null || r.relativeResidual() > worst.relativeResidual()) {
        worst = r;
      }
    }
    return worst;
  }
}
