package dev.iterdiff.optimality;

import dev.iterdiff.map.Checks;
import dev.iterdiff.problem.CompositeProblem;
import dev.iterdiff.problem.Problem;
import dev.iterdiff.solver.ProxGradientStep;
import dev.iterdiff.solver.ProximalGradient;
import dev.iterdiff.solver.Solution;

/**
 * The proximal-gradient fixed point of a composite problem f + g (Blondel et al. 2021, §2.2,
 * JAXopt's {@code prox_grad} optimality condition):
 * <pre>
 *   G(x, θ) = prox_{ηg}(x − η∇ₓf(x; θ); θ) − x = T_η(x, θ) − x,
 *   ∂ₓG = P'(z)(I − η∇²ₓf) − I,   ∂_θG = −ηP'(z)∂_θ∇ₓf + ∂_θprox,   z = x − η∇ₓf,
 * </pre>
 * with P' the prox's generalized Jacobian ({@link ProxGradientStep}); G = 0 exactly at the
 * minimizers of f + g for every η &gt; 0, so the implicit Jacobian does not depend on η away
 * from kinks. η is the solver's step when the solve ran a {@link ProximalGradient} (the fixed
 * point of the solver's own iteration), else 1/L(θ). Selectable with any solver that solved a
 * composite problem; on a smooth problem (gd, Newton, …) it is refused — use stationarity.
 *
 * <p>For a separable g (ℓ1, elastic net, box: {@link dev.iterdiff.problem.ProximalTerm#separable})
 * {@link #activeSet} restricts the implicit linear system to the support S (|S| unknowns;
 * {@link ActiveSetSystem}). Shares the problem's workspaces (and, from {@link #of}, the
 * proximal-gradient solver's step): one instance per thread, the solver's thread.
 */
public final class ProxGradientFixedPoint implements ActiveSetCondition {

  /** The catalog name. */
  public static final String NAME = "prox-gradient";

  /** Not symmetric; on x; from any solve; composite problems only. */
  public static final ConditionEntry.Capabilities CAPABILITIES =
      new ConditionEntry.Capabilities(ConditionEntry.Symmetry.NEVER, false, 0,
          ConditionEntry.Scope.COMPOSITE);

  private final CompositeProblem problem;
  private final ProxGradientStep step;
  private final double eta;
  private final int n;

  /**
   * @param problem f + g.
   * @param eta     the step η, finite and &gt; 0.
   * @throws IllegalArgumentException on a smooth problem or a bad η, naming them.
   */
  public ProxGradientFixedPoint(Problem problem, double eta) {
    this(problem, eta, null);
  }

  private ProxGradientFixedPoint(Problem problem, double eta, ProxGradientStep shared) {
    if (!(problem instanceof CompositeProblem c)) {
      throw new IllegalArgumentException("condition " + NAME + " needs a composite problem "
          + "f + g; " + (problem == null ? "null" : problem.name())
          + " is smooth (use stationarity or fixed-point)");
    }
    Checks.positive(NAME + " step eta", eta);
    this.problem = c;
    this.step = shared != null ? shared : new ProxGradientStep(problem);
    this.eta = eta;
    this.n = problem.dim();
  }

  /**
   * The condition for a solution: η = the solver's step at θ if it is a proximal-gradient
   * solver, else 1/L(θ). With a proximal-gradient solver the condition shares the solver's
   * step T_η (same thread): its gradient cache, keyed by the point's content, still holds
   * ∇ₓf(x_k) from the solve's last residual, so the support and ∂_θG at x_k cost no gradient
   * evaluation (two A-products of 2Np flops each on a least-squares f).
   *
   * @throws IllegalArgumentException on a smooth problem (e.g. a Newton solve).
   */
  public static ProxGradientFixedPoint of(Solution solution) {
    Problem p = solution.solver().problem();
    if (!(p instanceof CompositeProblem)) {
      throw new IllegalArgumentException("condition " + NAME + " does not fit solver "
          + solution.solver().name() + " on " + p.name() + ": " + p.name() + " is smooth, "
          + "there is no prox step to take (use stationarity or fixed-point)");
    }
    if (solution.solver() instanceof ProximalGradient pg) {
      return new ProxGradientFixedPoint(p, pg.step(solution.theta()), pg.proxStep());
    }
    return new ProxGradientFixedPoint(p, 1.0 / p.lipschitz(solution.theta()));
  }

  /** η. */
  public double eta() {
    return eta;
  }

  @Override public String name() { return NAME; }
  @Override public boolean symmetric() { return false; }
  @Override public int xDim() { return n; }
  @Override public int thetaDim() { return problem.thetaDim(); }
  @Override public int outDim() { return n; }

  @Override
  public void apply(double[] x, double[] theta, double[] out) {
    Checks.applyArgs(this, x, theta, out);
    step.apply(x, theta, eta, out);
    for (int i = 0; i < n; i++) {
      out[i] -= x[i];
    }
  }

  /** out = P'(z)(v − η∇²f v) − v. */
  @Override
  public void jvpX(double[] x, double[] theta, double[] v, double[] out) {
    Checks.jvpXArgs(this, x, theta, v, out);
    step.jvpX(x, theta, eta, v, out);
    for (int i = 0; i < n; i++) {
      out[i] -= v[i];
    }
  }

  /** out = (I − η∇²f)P'(z)ᵀu − u. */
  @Override
  public void vjpX(double[] x, double[] theta, double[] u, double[] out) {
    Checks.vjpXArgs(this, x, theta, u, out);
    step.vjpX(x, theta, eta, u, out);
    for (int i = 0; i < n; i++) {
      out[i] -= u[i];
    }
  }

  @Override
  public void jvpTheta(double[] x, double[] theta, double[] w, double[] out) {
    Checks.jvpThetaArgs(this, x, theta, w, out);
    step.jvpTheta(x, theta, eta, w, out);
  }

  @Override
  public void vjpTheta(double[] x, double[] theta, double[] u, double[] out) {
    Checks.vjpThetaArgs(this, x, theta, u, out);
    step.vjpTheta(x, theta, eta, u, out);
  }

  /** The system on the support when g is separable, else null. */
  @Override
  public ActiveSetSystem activeSet(double[] x, double[] theta, double tolerance) {
    return activeSet(x, theta, tolerance, 1);
  }

  @Override
  public ActiveSetSystem activeSet(double[] x, double[] theta, double tolerance, int columns) {
    return activeSet(x, theta, tolerance, columns, null);
  }

  /**
   * {@link #activeSet(double[], double[], double, int)} with the method forced ("cholesky" or
   * "cg", or null for the cost-based choice): for tests and benchmarks.
   */
  public ActiveSetSystem activeSet(double[] x, double[] theta, double tolerance, int columns,
      String method) {
    if (!problem.nonsmooth().separable()) {
      return null;
    }
    double[] d = new double[n];
    step.proxDiagonal(x, theta, eta, d);
    return new ActiveSetSystem(problem, x, theta, eta, d, tolerance, columns, method);
  }
}
