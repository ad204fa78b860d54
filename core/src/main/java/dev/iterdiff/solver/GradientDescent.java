package dev.iterdiff.solver;

import dev.iterdiff.linalg.Blas;
import dev.iterdiff.map.Checks;
import dev.iterdiff.map.DifferentiableMap;
import dev.iterdiff.problem.Problem;
import java.util.List;

/**
 * Gradient descent as an iteration map: F_t(x, θ) = x − t∇ₓf(x; θ), with
 * J_xF = I − t∇²ₓf (symmetric) and J_θF = −t·∂_θ∇ₓf.
 *
 * <p>The step t comes from a {@link StepRule} (1/L, 2/(μ+L) or fixed). It depends on θ
 * through L(θ), μ(θ); as in Bolte, Pauwels &amp; Vaiter (2023) and Scieur et al. (2022), the
 * step chosen for a solve is a constant recorded in the trajectory (step record [t]), and
 * the derivatives hold it fixed. J_xF is symmetric, so is the fixed-point condition
 * ({@link #symmetricFixedPoint}). Optimality measure: {@link OptimalityMeasure#GRADIENT_NORM}.
 *
 * <p>The gradient computed by {@link #residual} is cached by the content of (x, θ) and
 * reused by the next {@link #advance} and {@code apply} at the same point, so one iteration
 * of {@link Solve#run} costs one gradient. One instance per thread.
 */
public final class GradientDescent implements IterativeSolver {

  private static final List<String> RECORD = List.of("t");

  private final Problem problem;
  private final StepRule rule;
  private final int n;
  private final CachedGradient gradients;
  private final PointKey stepKey;
  private double cachedStep;

  /**
   * @param problem the objective. Not modified.
   * @param rule    the step rule.
   */
  public GradientDescent(Problem problem, StepRule rule) {
    if (problem == null || rule == null) {
      throw new IllegalArgumentException(
          "gradient descent: problem and step rule must be non-null");
    }
    this.problem = problem;
    this.rule = rule;
    this.n = problem.dim();
    this.gradients = new CachedGradient(problem);
    this.stepKey = new PointKey(0, problem.thetaDim());
  }

  /** Gradient descent with step 1/L. */
  public GradientDescent(Problem problem) {
    this(problem, StepRule.inverseLipschitz());
  }

  @Override
  public String name() {
    return "gd";
  }

  @Override
  public Problem problem() {
    return problem;
  }

  @Override
  public int stateDim() {
    return n;
  }

  /** The step rule. */
  public StepRule rule() {
    return rule;
  }

  /** The step t the rule gives at θ (cached by the content of θ). */
  public double step(double[] theta) {
    if (!stepKey.matches(theta, theta)) {
      cachedStep = rule.step(problem, theta);
      stepKey.store(theta, theta);
    }
    return cachedStep;
  }

  @Override
  public void initialState(double[] x0, double[] state) {
    Checks.length("x0", x0, n);
    Checks.length("state", state, n);
    System.arraycopy(x0, 0, state, 0, n);
  }

  @Override
  public OptimalityMeasure optimalityMeasure() {
    return OptimalityMeasure.GRADIENT_NORM;
  }

  @Override
  public double residual(double[] state, double[] theta) {
    return Blas.nrm2(gradients.at(state, theta));
  }

  /** Record [t]. */
  @Override
  public List<String> recordFields() {
    return RECORD;
  }

  @Override
  public void advance(double[] state, double[] theta, double[] out, double[] record) {
    double t = step(theta);
    update(state, gradients.at(state, theta), t, out);
    record[0] = t;
  }

  /** F_t for the record [t], t finite and &gt; 0. */
  @Override
  public DifferentiableMap iteration(double... record) {
    Checks.length("gd step record [t]", record, 1);
    Checks.positive("step", record[0]);
    return new Iteration(record[0]);
  }

  /** True: J_xF = I − t∇²ₓf is symmetric. */
  @Override
  public boolean symmetricFixedPoint() {
    return true;
  }


  /** out = x − t g: the one formula both advance and apply use (bitwise-equal states). */
  private static void update(double[] x, double[] g, double t, double[] out) {
    for (int i = 0; i < out.length; i++) {
      out[i] = x[i] - t * g[i];
    }
  }

  /** F_t with its four products; shares the gradient cache of the solver. */
  private final class Iteration implements DifferentiableMap {
    private final double t;

    Iteration(double t) {
      this.t = t;
    }

    @Override
    public int xDim() {
      return n;
    }

    @Override
    public int thetaDim() {
      return problem.thetaDim();
    }

    @Override
    public int outDim() {
      return n;
    }

    @Override
    public void apply(double[] x, double[] theta, double[] out) {
      Checks.applyArgs(this, x, theta, out);
      update(x, gradients.at(x, theta), t, out);
    }

    /** out = v − t∇²f v. */
    @Override
    public void jvpX(double[] x, double[] theta, double[] v, double[] out) {
      Checks.jvpXArgs(this, x, theta, v, out);
      problem.hvp(x, theta, v, out);
      for (int i = 0; i < n; i++) {
        out[i] = v[i] - t * out[i];
      }
    }

    /** out = u − t∇²f u (J_xF is symmetric). */
    @Override
    public void vjpX(double[] x, double[] theta, double[] u, double[] out) {
      Checks.vjpXArgs(this, x, theta, u, out);
      problem.hvp(x, theta, u, out);
      for (int i = 0; i < n; i++) {
        out[i] = u[i] - t * out[i];
      }
    }

    /** out = −t(∂_θ∇ₓf) w. */
    @Override
    public void jvpTheta(double[] x, double[] theta, double[] w, double[] out) {
      Checks.jvpThetaArgs(this, x, theta, w, out);
      problem.crossJvp(x, theta, w, out);
      Blas.scal(-t, out);
    }

    /** out = −t(∂_θ∇ₓf)ᵀ u. */
    @Override
    public void vjpTheta(double[] x, double[] theta, double[] u, double[] out) {
      Checks.vjpThetaArgs(this, x, theta, u, out);
      problem.crossVjp(x, theta, u, out);
      Blas.scal(-t, out);
    }
  }
}
