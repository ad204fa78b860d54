package dev.iterdiff.linalg;

/**
 * Solves A x = b for a square n×n operator, matrix-free or dense. Implementations:
 * Cholesky, LU (LAPACK, materialising A when it is only an operator), CG, restarted GMRES,
 * BiCGSTAB, truncated Neumann series. Obtain them from {@link LinearSolvers}.
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
   */
  LinearSolveResult solve(LinearOperator a, int n, double[] b, double[] x);
}
