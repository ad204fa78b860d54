package dev.iterdiff.solver;

import dev.iterdiff.map.Checks;
import dev.iterdiff.map.DifferentiableMap;
import dev.iterdiff.problem.Problem;
import java.util.List;

/**
 * Proximal gradient on a composite problem f + g ({@link ProxGradientStep}
 * T_η(y) = prox_{ηg}(y − η∇f(y))), in three registrations sharing this class:
 * <ul>
 *   <li>{@code prox-gradient} (ISTA): x⁺ = T_η(x); state x; record [η];
 *       J_xF = P'(z)(I − η∇²f), J_θF = −ηP'(z)∂_θ∇f + ∂_θprox (Beck &amp; Teboulle 2009);</li>
 *   <li>{@code projected-gradient}: the same iteration for g the indicator of a constraint set
 *       (box, non-negative orthant, simplex: the prox is the projection), reported with the
 *       projected-gradient mapping;</li>
 *   <li>{@code fista}: on s = (x, x_prev), y = x + β_i(x − x_prev), x⁺ = T_η(y), x_prev⁺ = x,
 *       with τ₁ = 1, τ_{i+1} = (1 + √(1 + 4τ_i²))/2, β_i = (τ_i − 1)/τ_{i+1} (β₀ = 0; Beck
 *       &amp; Teboulle 2009, FISTA); record [η, β_i]; J_sF = [[(1+β)J_yT, −βJ_yT], [I, 0]],
 *       J_θF = [J_θT; 0].</li>
 * </ul>
 * P' is the generalized Jacobian of the prox stated by each penalty or constraint (at a kink
 * of |·| or on a face: the coordinate is inactive), as in the JAXopt and one-step papers; the
 * maps are exact wherever the prox is differentiable. The step η comes from a
 * {@link StepRule} (1/L default, 2/(μ+L) or a number) and is held fixed in the derivatives;
 * a step η ≥ 2/L(θ), for which the iteration does not converge, is refused naming η and L.
 * Optimality measure: the prox-gradient mapping ‖x − T_η(x)‖/η at the x part. On a smooth
 * problem (g = 0) the iteration is gradient descent (FISTA: Nesterov with the FISTA sequence).
 * One instance per thread.
 */
public final class ProximalGradient implements IterativeSolver {

  /** ‖x − prox_{ηg}(x − η∇f(x))‖₂/η. */
  public static final OptimalityMeasure PROX_GRADIENT_MAPPING = new OptimalityMeasure(
      "prox-gradient-mapping", "||x - prox_{eta g}(x - eta grad f(x))||_2 / eta");
  /** ‖x − P_C(x − η∇f(x))‖₂/η. */
  public static final OptimalityMeasure PROJECTED_GRADIENT_MAPPING = new OptimalityMeasure(
      "projected-gradient-mapping", "||x - P_C(x - eta grad f(x))||_2 / eta");

  /** Which registration: the momentum and the name. */
  public enum Variant {
    ISTA("prox-gradient"), PROJECTED("projected-gradient"), FISTA("fista");

    private final String cliName;

    Variant(String cliName) {
      this.cliName = cliName;
    }

    /** The catalog name. */
    public String cliName() {
      return cliName;
    }
  }

  private static final List<String> STEP_SPECS = List.of("1/L", "2/(mu+L)", "<number>");

  /** ISTA. */
  public static final SolverEntry ENTRY = entry(Variant.ISTA,
      List.of("ista", "proximal-gradient"), "proximal gradient (ISTA) prox_{eta g}(x - eta grad f) on f + g");
  /** FISTA. */
  public static final SolverEntry FISTA_ENTRY = entry(Variant.FISTA, List.of(),
      "FISTA on (x, x_prev): prox-gradient step at x + beta_k (x - x_prev), Beck-Teboulle t_k");
  /** Projected gradient. */
  public static final SolverEntry PROJECTED_ENTRY = entry(Variant.PROJECTED,
      List.of("projected"), "projected gradient P_C(x - eta grad f) for a constraint g = "
          + "indicator of C (box, non-negative, simplex)");

  private static SolverEntry entry(Variant variant, List<String> aliases, String what) {
    return new SolverEntry(variant.cliName(), aliases, what + "; step 1/L (default), 2/(mu+L) "
        + "or a number < 2/L", new SolverEntry.Capabilities(STEP_SPECS, false,
            variant != Variant.FISTA, false, true),
        StepRule::parse, (problem, spec) -> new ProximalGradient(problem,
            spec == null ? StepRule.inverseLipschitz() : StepRule.parse(spec), variant));
  }

  private final Problem problem;
  private final StepRule rule;
  private final Variant variant;
  private final ProxGradientStep step;
  private final int n;
  private final double[] y;
  private final double[] mapped;
  private final double[] direction;
  private final PointKey stepKey;
  private double eta;
  private double tau;
  private boolean first = true;

  /**
   * @param problem f + g (or a smooth f: g = 0).
   * @param rule    the step rule.
   * @param variant ISTA, projected or FISTA.
   */
  public ProximalGradient(Problem problem, StepRule rule, Variant variant) {
    if (problem == null || rule == null || variant == null) {
      throw new IllegalArgumentException("prox-gradient: problem, step rule and variant must be "
          + "non-null");
    }
    this.problem = problem;
    this.rule = rule;
    this.variant = variant;
    this.step = new ProxGradientStep(problem);
    this.n = problem.dim();
    this.y = new double[n];
    this.mapped = new double[n];
    this.direction = new double[n];
    this.stepKey = new PointKey(0, problem.thetaDim());
  }

  private boolean fista() {
    return variant == Variant.FISTA;
  }

  @Override public String name() { return variant.cliName(); }
  @Override public Problem problem() { return problem; }
  @Override public int stateDim() { return fista() ? 2 * n : n; }

  /** The registration. */
  public Variant variant() {
    return variant;
  }

  /** The step T_η (shared workspaces). */
  public ProxGradientStep proxStep() {
    return step;
  }

  /**
   * η at θ (cached by the content of θ).
   *
   * @throws IllegalArgumentException if η ≥ 2/L(θ), naming η and L: the iteration diverges.
   */
  public double step(double[] theta) {
    if (!stepKey.matches(theta, theta)) {
      double e = rule.step(problem, theta);
      double l = problem.lipschitz(theta);
      if (e * l >= 2) {
        throw new IllegalArgumentException(name() + ": step " + e + " >= 2/L = " + 2 / l
            + " (L = " + l + " for " + problem.name() + "): the iteration diverges; use 1/L");
      }
      eta = e;
      stepKey.store(theta, theta);
    }
    return eta;
  }

  @Override
  public void initialState(double[] x0, double[] state) {
    Checks.length("x0", x0, n);
    Checks.length("state", state, stateDim());
    System.arraycopy(x0, 0, state, 0, n);
    if (fista()) {
      System.arraycopy(x0, 0, state, n, n);
    }
    first = true;
    tau = 1;
  }

  @Override
  public OptimalityMeasure optimalityMeasure() {
    return variant == Variant.PROJECTED ? PROJECTED_GRADIENT_MAPPING : PROX_GRADIENT_MAPPING;
  }

  /** ‖x − T_η(x)‖/η at the x part of the state. */
  @Override
  public double residual(double[] state, double[] theta) {
    System.arraycopy(state, 0, y, 0, n);
    return step.mappingNorm(y, theta, step(theta), mapped);
  }

  /** [eta] (ISTA, projected) or [eta, beta] (FISTA). */
  @Override
  public List<String> recordFields() {
    return fista() ? List.of("eta", "beta") : List.of("eta");
  }

  @Override
  public void advance(double[] state, double[] theta, double[] out, double[] record) {
    double e = step(theta);
    double beta = 0;
    if (fista()) {
      if (!first) {
        double next = 0.5 * (1 + Math.sqrt(1 + 4 * tau * tau));
        beta = (tau - 1) / next;
        tau = next;
      }
      record[1] = beta;
    }
    first = false;
    update(state, theta, e, beta, out);
    record[0] = e;
  }

  /**
   * F_r for the record [η] or [η, β].
   *
   * @throws IllegalArgumentException on a record of another length, η not finite and &gt; 0,
   *         or β not in [0, 1).
   */
  @Override
  public DifferentiableMap iteration(double... record) {
    Checks.length(name() + " step record " + recordFields(), record, recordLength());
    Checks.positive(name() + " step eta", record[0]);
    double beta = fista() ? record[1] : 0;
    if (!(beta >= 0 && beta < 1)) {
      throw new IllegalArgumentException(name() + ": momentum beta must be in [0, 1), got "
          + beta);
    }
    return new ProximalGradientIteration(this, record[0], beta);
  }

  /** y = x + β(x − x_prev) into the workspace (y = x for ISTA). */
  double[] extrapolate(double[] s, double beta) {
    if (!fista()) {
      System.arraycopy(s, 0, y, 0, n);
      return y;
    }
    for (int i = 0; i < n; i++) {
      y[i] = s[i] + beta * (s[i] - s[n + i]);
    }
    return y;
  }

  /** The one update formula of advance and apply: out = (T_η(y), x). */
  void update(double[] s, double[] theta, double e, double beta, double[] out) {
    step.apply(extrapolate(s, beta), theta, e, mapped);
    System.arraycopy(mapped, 0, out, 0, n);
    if (fista()) {
      System.arraycopy(s, 0, out, n, n);
    }
  }

  /** Workspace of length n for the iteration map. */
  double[] direction() {
    return direction;
  }

  /** Workspace of length n (T's output). */
  double[] mapped() {
    return mapped;
  }
}
