package dev.iterdiff.solver;

import dev.iterdiff.linalg.Blas;
import dev.iterdiff.map.Checks;
import dev.iterdiff.map.DifferentiableMap;
import dev.iterdiff.problem.Problem;
import java.util.List;
import java.util.Locale;

/**
 * Nesterov's accelerated gradient on the state s = (x, x_prev) ∈ ℝ²ⁿ:
 * <pre>
 *   y = x + β(x − x_prev),   x⁺ = y − t∇ₓf(y; θ),   x_prev⁺ = x,
 * </pre>
 * with the exact state Jacobian J_sF = [[(I − tH)(1+β), −(I − tH)β], [I, 0]], H = ∇²ₓf(y),
 * and J_θF = [−t∂_θ∇ₓf(y); 0]. The step t comes from a {@link StepRule} (1/L by default,
 * 2/(μ+L) or fixed). The momentum β is either
 * <ul>
 *   <li>{@link Momentum#CONSTANT} (default): β = (√L−√μ)/(√L+√μ), the strongly convex
 *       choice (Nesterov 2004, Introductory Lectures, (2.2.22)); needs μ &gt; 0;</li>
 *   <li>{@link Momentum#FISTA} (step spec suffix {@code ,fista}, or {@code fista} alone for
 *       t = 1/L): Beck &amp; Teboulle's sequence τ₁ = 1, τ_{i+1} = (1 + √(1 + 4τ_i²))/2,
 *       β_i = (τ_i − 1)/τ_{i+1} for iteration i ≥ 1 and β₀ = 0 (SIAM J. Imaging Sci. 2009,
 *       FISTA with g = 0). The sequence restarts at {@link #initialState}.</li>
 * </ul>
 * Each iteration records [t, β_i]; {@link #iteration(double...)} rebuilds that exact map and
 * the derivatives hold the record fixed, as for the other solvers. Optimality measure:
 * {@link OptimalityMeasure#GRADIENT_NORM} at x (one more gradient per iteration than gradient
 * descent when β ≠ 0, at y). One instance per thread.
 */
public final class Nesterov implements IterativeSolver {

  /** The registration of this solver in {@link Solvers#CATALOG}. */
  public static final SolverEntry ENTRY = new SolverEntry("nesterov",
      List.of("accelerated-gradient"), "Nesterov's accelerated gradient on (x, x_prev); step "
          + "1/L (default), 2/(mu+L) or a number, momentum (sqrt L - sqrt mu)/(sqrt L + sqrt mu); "
          + "suffix ,fista (or fista alone) for the FISTA momentum sequence",
      new SolverEntry.Capabilities(List.of("1/L", "2/(mu+L)", "<number>", "fista",
          "<step>,fista"), false, false, false),
      Nesterov::parse, (problem, spec) -> new Nesterov(problem, parse(spec)));

  /** How β is chosen. */
  public enum Momentum { CONSTANT, FISTA }

  /** Options: the rule of t and the rule of β. */
  public record Options(StepRule step, Momentum momentum) {

    /** @throws IllegalArgumentException on a null rule. */
    public Options {
      if (step == null || momentum == null) {
        throw new IllegalArgumentException("nesterov: step rule and momentum must be non-null");
      }
    }
  }

  private static final List<String> RECORD = List.of("t", "beta");
  private static final String FISTA = ",fista";

  private final Problem problem;
  private final Options options;
  private final int n;
  private final double[] y;
  private final double[] gradient;
  private final double[] scratch;
  private final double[] direction;
  private final PointKey gradientKey;
  private final PointKey parameterKey;
  private double step;
  private double constantBeta;
  private double tau;
  private boolean first = true;

  /**
   * @param problem the objective.
   * @param options step rule and momentum rule.
   */
  public Nesterov(Problem problem, Options options) {
    if (problem == null || options == null) {
      throw new IllegalArgumentException("nesterov: problem and options must be non-null");
    }
    this.problem = problem;
    this.options = options;
    this.n = problem.dim();
    this.y = new double[n];
    this.gradient = new double[n];
    this.scratch = new double[n];
    this.direction = new double[n];
    this.gradientKey = new PointKey(n, problem.thetaDim());
    this.parameterKey = new PointKey(0, problem.thetaDim());
  }

  /**
   * Parses a step spec: null (1/L, constant momentum), {@code fista} (1/L, FISTA), a step
   * rule ({@link StepRule#parse}) optionally followed by {@code ,fista}.
   *
   * @throws IllegalArgumentException naming the spec.
   */
  public static Options parse(String spec) {
    if (spec == null || spec.isBlank()) {
      return new Options(StepRule.inverseLipschitz(), Momentum.CONSTANT);
    }
    String s = spec.trim().replace(" ", "").toLowerCase(Locale.ROOT);
    if (s.equals("fista")) {
      return new Options(StepRule.inverseLipschitz(), Momentum.FISTA);
    }
    boolean fista = s.endsWith(FISTA);
    String rule = fista ? s.substring(0, s.length() - FISTA.length()) : s;
    try {
      return new Options(StepRule.parse(rule), fista ? Momentum.FISTA : Momentum.CONSTANT);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--step: '" + spec + "' does not apply to nesterov "
          + "(expected 1/L, 2/(mu+L) or a positive number, optionally followed by ,fista; "
          + "or fista)");
    }
  }

  @Override public String name() { return ENTRY.name(); }
  @Override public Problem problem() { return problem; }
  @Override public int stateDim() { return 2 * n; }
  @Override public OptimalityMeasure optimalityMeasure() { return OptimalityMeasure.GRADIENT_NORM; }

  /** Record [t, beta]. */
  @Override public List<String> recordFields() { return RECORD; }

  /** s₀ = (x₀, x₀); restarts the FISTA sequence. */
  @Override
  public void initialState(double[] x0, double[] state) {
    Checks.length("x0", x0, n);
    Checks.length("state", state, 2 * n);
    System.arraycopy(x0, 0, state, 0, n);
    System.arraycopy(x0, 0, state, n, n);
    first = true;
    tau = 1;
  }

  @Override
  public double residual(double[] state, double[] theta) {
    System.arraycopy(state, 0, scratch, 0, n);
    return Blas.nrm2(gradientAt(scratch, theta));
  }

  /** t at θ (cached by the content of θ). */
  public double step(double[] theta) {
    parameters(theta);
    return step;
  }

  /**
   * The constant momentum (√L−√μ)/(√L+√μ) at θ.
   *
   * @throws IllegalArgumentException if μ(θ) is not finite and &gt; 0.
   */
  public double constantMomentum(double[] theta) {
    double l = problem.lipschitz(theta);
    double mu = problem.strongConvexity(theta);
    Checks.positive(problem.name() + ": Lipschitz constant L", l);
    if (!(mu > 0) || !Double.isFinite(mu)) {
      throw new IllegalArgumentException("nesterov: constant momentum needs strong convexity "
          + "mu > 0, got mu = " + mu + " for " + problem.name() + " (use step spec fista)");
    }
    return (Math.sqrt(l) - Math.sqrt(mu)) / (Math.sqrt(l) + Math.sqrt(mu));
  }

  private void parameters(double[] theta) {
    if (!parameterKey.matches(theta, theta)) {
      step = options.step().step(problem, theta);
      constantBeta = options.momentum() == Momentum.CONSTANT ? constantMomentum(theta) : 0;
      parameterKey.store(theta, theta);
    }
  }

  @Override
  public void advance(double[] state, double[] theta, double[] out, double[] record) {
    parameters(theta);
    double beta = constantBeta;
    if (options.momentum() == Momentum.FISTA) {
      if (first) {
        beta = 0;
      } else {
        double next = 0.5 * (1 + Math.sqrt(1 + 4 * tau * tau));
        beta = (tau - 1) / next;
        tau = next;
      }
    }
    first = false;
    update(state, theta, step, beta, out);
    record[0] = step;
    record[1] = beta;
  }

  /**
   * F_{t,β} for the record [t, β].
   *
   * @throws IllegalArgumentException on a record of length ≠ 2, t not finite and &gt; 0 or β
   *         not in [0, 1).
   */
  @Override
  public DifferentiableMap iteration(double... record) {
    Checks.length("nesterov step record [t, beta]", record, 2);
    Checks.positive("nesterov step t", record[0]);
    if (!(record[1] >= 0 && record[1] < 1)) {
      throw new IllegalArgumentException("nesterov: momentum beta must be in [0, 1), got "
          + record[1]);
    }
    return new NesterovIteration(record[0], record[1]);
  }

  private double[] gradientAt(double[] point, double[] theta) {
    if (!gradientKey.matches(point, theta)) {
      gradientKey.invalidate();
      problem.gradient(point, theta, gradient);
      gradientKey.store(point, theta);
    }
    return gradient;
  }

  /** y = x + β(x − x_prev) into the workspace y. */
  private void extrapolate(double[] s, double beta) {
    for (int i = 0; i < n; i++) {
      y[i] = s[i] + beta * (s[i] - s[n + i]);
    }
  }

  /** The one update formula of advance and apply. */
  private void update(double[] s, double[] theta, double t, double beta, double[] out) {
    extrapolate(s, beta);
    double[] g = gradientAt(y, theta);
    for (int i = 0; i < n; i++) {
      out[i] = y[i] - t * g[i];
      out[n + i] = s[i];
    }
  }

  /** F_{t,β} with its four products (H at y); shares the solver's workspaces. */
  private final class NesterovIteration implements DifferentiableMap {
    private final double t;
    private final double b;

    NesterovIteration(double t, double b) {
      this.t = t;
      this.b = b;
    }

    @Override public int xDim() { return 2 * n; }
    @Override public int thetaDim() { return problem.thetaDim(); }
    @Override public int outDim() { return 2 * n; }

    @Override
    public void apply(double[] s, double[] theta, double[] out) {
      Checks.applyArgs(this, s, theta, out);
      update(s, theta, t, b, out);
    }

    /** w = v₁ + β(v₁ − v₂); out = (w − tH w, v₁). */
    @Override
    public void jvpX(double[] s, double[] theta, double[] v, double[] out) {
      Checks.jvpXArgs(this, s, theta, v, out);
      extrapolate(s, b);
      for (int i = 0; i < n; i++) {
        direction[i] = v[i] + b * (v[i] - v[n + i]);
      }
      problem.hvp(y, theta, direction, scratch);
      for (int i = 0; i < n; i++) {
        out[i] = direction[i] - t * scratch[i];
        out[n + i] = v[i];
      }
    }

    /** a = u₁ − tH u₁; out = ((1+β)a + u₂, −βa). */
    @Override
    public void vjpX(double[] s, double[] theta, double[] u, double[] out) {
      Checks.vjpXArgs(this, s, theta, u, out);
      extrapolate(s, b);
      System.arraycopy(u, 0, direction, 0, n);
      problem.hvp(y, theta, direction, scratch);
      for (int i = 0; i < n; i++) {
        double a = u[i] - t * scratch[i];
        out[i] = (1 + b) * a + u[n + i];
        out[n + i] = -b * a;
      }
    }

    /** out = (−t(∂_θ∇ₓf)(y) w, 0). */
    @Override
    public void jvpTheta(double[] s, double[] theta, double[] w, double[] out) {
      Checks.jvpThetaArgs(this, s, theta, w, out);
      extrapolate(s, b);
      problem.crossJvp(y, theta, w, scratch);
      for (int i = 0; i < n; i++) {
        out[i] = -t * scratch[i];
        out[n + i] = 0;
      }
    }

    /** out = −t(∂_θ∇ₓf)(y)ᵀ u₁. */
    @Override
    public void vjpTheta(double[] s, double[] theta, double[] u, double[] out) {
      Checks.vjpThetaArgs(this, s, theta, u, out);
      extrapolate(s, b);
      System.arraycopy(u, 0, direction, 0, n);
      problem.crossVjp(y, theta, direction, out);
      Blas.scal(-t, out);
    }
  }
}
