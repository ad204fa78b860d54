package dev.iterdiff.optimality;

import dev.iterdiff.map.Checks;
import dev.iterdiff.map.DifferentiableMap;
import dev.iterdiff.solver.IterativeSolver;

/**
 * The fixed-point condition of a solver: G(s, θ) = F_t(s, θ) − s = 0 on the solver state s
 * (x for gradient descent and Newton, (x, x_prev) for heavy ball), with the step t held
 * fixed. ∂_sG = J_sF − I and ∂_θG = J_θF. For gradient descent ∂_sG = −t∇²ₓf is symmetric;
 * for the other solvers it is not (JAXopt's "fixed_point" condition, Blondel et al. 2021).
 *
 * <p>Shares the solver's workspaces: one instance per thread.
 */
public final class FixedPoint implements OptimalityCondition {

  /** The catalog name. */
  public static final String NAME = "fixed-point";

  private final IterativeSolver solver;
  private final DifferentiableMap map;
  private final double step;

  /**
   * @param solver the solver whose iteration map F_t defines G.
   * @param step   t, e.g. the last step the solve recorded; finite and &gt; 0.
   */
  public FixedPoint(IterativeSolver solver, double step) {
    if (solver == null) {
      throw new IllegalArgumentException("fixed-point: solver is null");
    }
    Checks.positive("fixed-point step", step);
    this.solver = solver;
    this.step = step;
    this.map = solver.iteration(step);
  }

  /** The step t. */
  public double step() {
    return step;
  }

  @Override
  public String name() {
    return "fixed-point(" + solver.name() + ")";
  }

  /** True for gradient descent only (∂_sG = −t∇²ₓf). */
  @Override
  public boolean symmetric() {
    return "gd".equals(solver.name());
  }

  @Override
  public int xDim() {
    return map.xDim();
  }

  @Override
  public int thetaDim() {
    return map.thetaDim();
  }

  @Override
  public int outDim() {
    return map.outDim();
  }

  /** out = F_t(s, θ) − s. */
  @Override
  public void apply(double[] s, double[] theta, double[] out) {
    map.apply(s, theta, out);
    for (int i = 0; i < out.length; i++) {
      out[i] -= s[i];
    }
  }

  /** out = J_sF v − v. */
  @Override
  public void jvpX(double[] s, double[] theta, double[] v, double[] out) {
    map.jvpX(s, theta, v, out);
    for (int i = 0; i < out.length; i++) {
      out[i] -= v[i];
    }
  }

  /** out = J_sFᵀ u − u. */
  @Override
  public void vjpX(double[] s, double[] theta, double[] u, double[] out) {
    map.vjpX(s, theta, u, out);
    for (int i = 0; i < out.length; i++) {
      out[i] -= u[i];
    }
  }

  /** out = J_θF w. */
  @Override
  public void jvpTheta(double[] s, double[] theta, double[] w, double[] out) {
    map.jvpTheta(s, theta, w, out);
  }

  /** out = J_θFᵀ u. */
  @Override
  public void vjpTheta(double[] s, double[] theta, double[] u, double[] out) {
    map.vjpTheta(s, theta, u, out);
  }
}
