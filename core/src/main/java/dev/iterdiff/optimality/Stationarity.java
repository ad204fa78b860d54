package dev.iterdiff.optimality;

import dev.iterdiff.map.Checks;
import dev.iterdiff.problem.CompositeProblem;
import dev.iterdiff.problem.Problem;

/**
 * Stationarity of a smooth unconstrained objective: G(x, θ) = ∇ₓf(x; θ) = 0, with
 * ∂ₓG = ∇²ₓf (symmetric) and ∂_θG = ∂_θ∇ₓf (the problem's cross products). Implicit
 * differentiation through it gives J = −(∇²ₓf)⁻¹ ∂_θ∇ₓf (Blondel et al., <i>Efficient and
 * Modular Implicit Differentiation</i>, 2021, eq. (2) with F = ∇ₓf).
 *
 * <p>Shares the problem's workspaces: one instance per thread.
 */
public final class Stationarity implements OptimalityCondition {

  /** The catalog name. */
  public static final String NAME = "stationarity";

  /** Symmetric ∂ₓG for every solver, on x, from any solve (k ≥ 0), smooth problems only. */
  public static final ConditionEntry.Capabilities CAPABILITIES =
      new ConditionEntry.Capabilities(ConditionEntry.Symmetry.ALWAYS, false, 0,
          ConditionEntry.Scope.SMOOTH);

  private final Problem problem;

  /** @param problem the objective f. */
  public Stationarity(Problem problem) {
    if (problem == null) {
      throw new IllegalArgumentException("stationarity: problem is null");
    }
    if (problem instanceof CompositeProblem c) {
      throw new IllegalArgumentException("condition stationarity does not hold for "
          + problem.name() + ": grad f = 0 ignores its nonsmooth part (" + c.nonsmooth().name()
          + "); use a fixed-point condition of a prox or projection step");
    }
    if (problem instanceof dev.iterdiff.problem.QuadraticProgram) {
      throw new IllegalArgumentException("condition stationarity does not hold for qp: grad f "
          + "= 0 ignores its constraints; use kkt");
    }
    this.problem = problem;
  }

  /** The objective. */
  public Problem problem() {
    return problem;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public boolean symmetric() {
    return true;
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

  /** out = ∇ₓf(x; θ). */
  @Override
  public void apply(double[] x, double[] theta, double[] out) {
    Checks.applyArgs(this, x, theta, out);
    problem.gradient(x, theta, out);
  }

  /** out = ∇²ₓf v. */
  @Override
  public void jvpX(double[] x, double[] theta, double[] v, double[] out) {
    Checks.jvpXArgs(this, x, theta, v, out);
    problem.hvp(x, theta, v, out);
  }

  /** out = ∇²ₓf u (the Hessian is symmetric). */
  @Override
  public void vjpX(double[] x, double[] theta, double[] u, double[] out) {
    Checks.vjpXArgs(this, x, theta, u, out);
    problem.hvp(x, theta, u, out);
  }

  /** out = (∂_θ∇ₓf) w. */
  @Override
  public void jvpTheta(double[] x, double[] theta, double[] w, double[] out) {
    Checks.jvpThetaArgs(this, x, theta, w, out);
    problem.crossJvp(x, theta, w, out);
  }

  /** out = (∂_θ∇ₓf)ᵀ u. */
  @Override
  public void vjpTheta(double[] x, double[] theta, double[] u, double[] out) {
    Checks.vjpThetaArgs(this, x, theta, u, out);
    problem.crossVjp(x, theta, u, out);
  }

  /** The problem's dense Hessian ∇²ₓf (BLAS-3), for dense implicit solves. */
  @Override
  public boolean denseJacobianX(double[] x, double[] theta, double[] out) {
    int n = problem.dim();
    Checks.length("x", x, n);
    Checks.length("theta", theta, problem.thetaDim());
    Checks.length("out", out, Math.multiplyExact(n, n));
    problem.hessian(x, theta, out);
    return true;
  }
}
