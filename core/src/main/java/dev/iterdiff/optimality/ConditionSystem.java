package dev.iterdiff.optimality;

import dev.iterdiff.linalg.LinearSolveResult;

/**
 * The implicit linear systems of an optimality condition at one point, (∂_zG) y = r and
 * (∂_zG)ᵀ v = u, solved by the condition itself with the structure it knows — the active set
 * of a separable prox ({@link ActiveSetSystem}), the reduced KKT matrix of a quadratic program
 * ({@link ReducedKktSystem}) — rather than by a generic solver on the full system.
 * {@link dev.iterdiff.diff.Implicit} uses it, with the automatic linear solver, when
 * {@link OptimalityCondition#system} offers one. Not thread-safe: one per estimate.
 */
public interface ConditionSystem {

  /** The method as the diagnostics report it, e.g. {@code reduced-kkt-lu(n+p=12 of 30)}. */
  String method();

  /**
   * Solves (∂_zG) y = r, or (∂_zG)ᵀ y = r when {@code transposed}.
   *
   * @param r          right-hand side, length xDim. Not modified.
   * @param y          solution, length xDim, distinct from r. Modified.
   * @param transposed whether to solve with the transpose.
   * @return the method, iterations (or refinement steps) and relative residual reached.
   * @throws dev.iterdiff.linalg.LinearSolveException when the tolerance is missed.
   */
  LinearSolveResult solve(double[] r, double[] y, boolean transposed);
}
