package dev.iterdiff.diff;

import dev.iterdiff.map.DifferentiableMap;
import dev.iterdiff.problem.Problem;

/**
 * A problem's gradient as a map, G(x, θ) = ∇ₓf(x; θ): ∂ₓG = ∇²ₓf (symmetric, so both x-products
 * are {@link Problem#hvp}) and ∂_θG = ∂_θ∇ₓf ({@link Problem#crossJvp}/{@link Problem#crossVjp}).
 * Used by {@link FiniteDifferences#checkProblem} to check those products.
 */
final class ProblemGradientMap implements DifferentiableMap {

  private final Problem problem;

  ProblemGradientMap(Problem problem) {
    this.problem = problem;
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
    problem.gradient(x, theta, out);
  }

  @Override
  public void jvpX(double[] x, double[] theta, double[] v, double[] out) {
    problem.hvp(x, theta, v, out);
  }

  @Override
  public void vjpX(double[] x, double[] theta, double[] u, double[] out) {
    problem.hvp(x, theta, u, out);
  }

  @Override
  public void jvpTheta(double[] x, double[] theta, double[] w, double[] out) {
    problem.crossJvp(x, theta, w, out);
  }

  @Override
  public void vjpTheta(double[] x, double[] theta, double[] u, double[] out) {
    problem.crossVjp(x, theta, u, out);
  }
}
