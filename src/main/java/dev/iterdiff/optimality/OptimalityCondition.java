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
}
