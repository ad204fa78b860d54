package dev.iterdiff.optimality;

import dev.iterdiff.map.DifferentiableMap;

/**
 * An optimality condition G(z, θ) = 0 satisfied by the solution z* (z = x, or the solver
 * state for the fixed-point condition of a solver with extra state). outDim = xDim.
 * Implicit differentiation solves (∂_zG) J = −∂_θG with it; the solver that computed z and
 * the condition used to differentiate it are chosen independently (as in JAXopt).
 */
public interface OptimalityCondition extends DifferentiableMap {

  /** Name, e.g. stationarity, fixed-point(gd). */
  String name();

  /**
   * Whether ∂_zG is symmetric (stationarity: the Hessian; fixed point of gradient descent:
   * −t·H). Symmetric definite systems may use Cholesky and CG.
   */
  boolean symmetric();

  /**
   * Writes ∂_zG(z, θ) as a dense xDim×xDim column-major matrix when the condition can form it
   * faster than by xDim JVPs (stationarity: the problem's Hessian by BLAS-3), and returns
   * true; returns false without touching {@code out} otherwise (the default). Implicit
   * differentiation uses it when the linear solver is dense (Cholesky, LU).
   *
   * @param z     point, length xDim. Not modified.
   * @param theta θ. Not modified.
   * @param out   length xDim². Modified only when true is returned.
   */
  default boolean denseJacobianX(double[] z, double[] theta, double[] out) {
    return false;
  }

  /**
   * The implicit systems at (z, θ) solved by the condition itself, with the structure it
   * knows (the reduced KKT matrix of a QP), or null to leave them to a generic linear solver
   * (the default). {@link dev.iterdiff.diff.Implicit} uses it with the automatic linear
   * solver; a named one (--linear-solver lu, …) solves the full system instead.
   *
   * @param z         point, length xDim. Not modified.
   * @param theta     θ. Not modified.
   * @param tolerance relative residual each solve must reach.
   */
  default ConditionSystem system(double[] z, double[] theta, double tolerance) {
    return null;
  }

  /**
   * {@link #system(double[], double[], double)} for a solution of {@code solver}, which may
   * hold a factorization to reuse ({@link dev.iterdiff.solver.IterativeSolver#kktPreconditioner}).
   * The default ignores the solver.
   */
  default ConditionSystem system(double[] z, double[] theta, double tolerance,
      dev.iterdiff.solver.IterativeSolver solver) {
    return system(z, theta, tolerance);
  }
}
