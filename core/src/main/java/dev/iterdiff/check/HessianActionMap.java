package dev.iterdiff.check;

import dev.iterdiff.map.DifferentiableMap;
import dev.iterdiff.problem.ThirdOrderProblem;

/**
 * The Hessian action on a fixed vector d as a map, H_d(x, θ) = ∇²ₓf(x; θ) d. Its products are
 * the third-order products of a {@link ThirdOrderProblem}: ∂ₓH_d v = ∇³ₓf[v, d, ·] (symmetric, so the
 * transpose product is the same formula) and ∂_θH_d w = D_θ(∇²ₓf)[w] d, with transpose
 * ∂_θ(uᵀ∇²ₓf d). Used by {@link FiniteDifferences#checkProblem}.
 */
final class HessianActionMap implements DifferentiableMap {

  private final ThirdOrderProblem problem;
  private final double[] d;

  HessianActionMap(ThirdOrderProblem problem, double[] d) {
    this.problem = problem;
    this.d = d;
  }

  @Override
  public int xDim() {
    return problem.dim();
  }

  @Override
  public int thetaDim() {
    return problem.thetaDim();
  }

  @Override
  public int outDim() {
    return problem.dim();
  }

  @Override
  public void apply(double[] x, double[] theta, double[] out) {
    problem.hvp(x, theta, d, out);
  }

  @Override
  public void jvpX(double[] x, double[] theta, double[] v, double[] out) {
    problem.hessianDerivX(x, theta, d, v, out);
  }

  @Override
  public void vjpX(double[] x, double[] theta, double[] u, double[] out) {
    problem.hessianDerivX(x, theta, d, u, out);
  }

  @Override
  public void jvpTheta(double[] x, double[] theta, double[] w, double[] out) {
    problem.hessianDerivThetaJvp(x, theta, d, w, out);
  }

  @Override
  public void vjpTheta(double[] x, double[] theta, double[] u, double[] out) {
    problem.hessianDerivThetaVjp(x, theta, d, u, out);
  }
}
