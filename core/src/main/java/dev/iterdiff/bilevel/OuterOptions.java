package dev.iterdiff.bilevel;

import dev.iterdiff.catalog.Catalog;
import dev.iterdiff.catalog.CatalogEntry;
import dev.iterdiff.map.Checks;

/**
 * Options of the outer loop on φ, θ = T(φ) (see {@link Parametrizations}).
 *
 * @param optimizer          a name of {@link OuterOptimizers#CATALOG}: gd | adam (Kingma &amp;
 *                           Ba 2015); stored in its canonical form.
 * @param stepRule           a name of {@link OuterStepRules#CATALOG}: fixed (step
 *                           {@code learningRate}) | backtracking (Armijo on the outer
 *                           objective, step halved on failure and doubled on success) | hoag
 *                           (Pedregosa 2016: step 1/L, L×0.95 on sufficient decrease, L×2
 *                           with the step rejected and ε halved on increase); one the
 *                           optimizer accepts (Adam: fixed only).
 * @param learningRate       fixed step; first step of backtracking and HOAG (NaN for HOAG:
 *                           1/L₀ with L₀ = ‖∇φ₀‖·dim θ as in the HOAG code).
 * @param maxIterations      outer budget: evaluations of the outer objective.
 * @param gradientTolerance  stop when ‖∇_φ‖ ≤ this at an accepted point.
 * @param relativeTolerance  stop when an accepted step improves the objective by ≤ this,
 *                           relative, once the inner tolerance is at its floor.
 * @param innerTolerance     ε₀ of the inner solves (on ‖∇ₓf‖); NaN: fixed iteration count.
 * @param toleranceDecay     ε_{k+1} = decay·ε_k (HOAG's geometric schedule, 0.9).
 * @param minInnerTolerance  floor of ε_k.
 * @param regularization     ρ of R(φ) = ½ρ‖φ‖² (for log: ½ρ Σⱼ (log θⱼ)²), 0 for none.
 * @param parametrization    a name of {@link Parametrizations#CATALOG}: log (θ = exp φ) |
 *                           identity | box; stored in its canonical form.
 * @param lower              lower bound of φ (projection; log: of log θ; identity: −∞).
 * @param upper              upper bound of φ (projection; log: of log θ; identity: +∞).
 * @param beta1              Adam's first-moment decay.
 * @param beta2              Adam's second-moment decay.
 */
public record OuterOptions(String optimizer, String stepRule, double learningRate,
    int maxIterations, double gradientTolerance, double relativeTolerance,
    double innerTolerance, double toleranceDecay, double minInnerTolerance,
    double regularization, String parametrization, double lower, double upper, double beta1,
    double beta2) implements java.io.Serializable {

  /**
   * Options with the {@code log} parametrization, φ = log θ ∈ [minLogTheta, maxLogTheta].
   *
   * @throws IllegalArgumentException naming the option and its value.
   */
  public OuterOptions(String optimizer, String stepRule, double learningRate,
      int maxIterations, double gradientTolerance, double relativeTolerance,
      double innerTolerance, double toleranceDecay, double minInnerTolerance,
      double regularization, double minLogTheta, double maxLogTheta, double beta1,
      double beta2) {
    this(optimizer, stepRule, learningRate, maxIterations, gradientTolerance,
        relativeTolerance, innerTolerance, toleranceDecay, minInnerTolerance, regularization,
        "log", minLogTheta, maxLogTheta, beta1, beta2);
  }

  /**
   * @throws IllegalArgumentException naming the option and its value.
   */
  public OuterOptions {
    OuterOptimizerEntry opt = lookup("optimizer", OuterOptimizers.CATALOG, optimizer);
    OuterStepRuleEntry rule = lookup("step-rule", OuterStepRules.CATALOG, stepRule);
    optimizer = opt.name();
    stepRule = rule.name();
    if (!opt.accepts(stepRule)) {
      throw new IllegalArgumentException("step-rule: " + optimizer + " takes '"
          + String.join("', '", opt.stepRules()) + "' only, got '" + stepRule + "'");
    }
    if (!(rule.learningRateOptional() && Double.isNaN(learningRate))) {
      Checks.positive("learning-rate", learningRate);
    }
    Checks.positive("max-iterations", maxIterations);
    if (!(gradientTolerance >= 0) || !(relativeTolerance >= 0)) {
      throw new IllegalArgumentException("gradient-tolerance and relative-tolerance must be "
          + ">= 0, got " + gradientTolerance + " and " + relativeTolerance);
    }
    if (!Double.isNaN(innerTolerance)) {
      Checks.positive("inner-tolerance", innerTolerance);
      Checks.positive("min-inner-tolerance", minInnerTolerance);
    }
    if (!(toleranceDecay > 0 && toleranceDecay <= 1)) {
      throw new IllegalArgumentException("tolerance-decay must be in (0, 1], got "
          + toleranceDecay);
    }
    if (!(regularization >= 0) || !Double.isFinite(regularization)) {
      throw new IllegalArgumentException("regularization must be finite and >= 0, got "
          + regularization);
    }
    ParametrizationEntry param = lookup("parametrization", Parametrizations.CATALOG,
        parametrization);
    parametrization = param.name();
    param.create(lower, upper);
    if (!(beta1 >= 0 && beta1 < 1 && beta2 >= 0 && beta2 < 1)) {
      throw new IllegalArgumentException("adam betas must be in [0, 1), got " + beta1 + ", "
          + beta2);
    }
  }

  /** The parametrization θ = T(φ) with its bounds. */
  public Parametrization parametrizationMap() {
    return Parametrizations.create(parametrization, lower, upper);
  }

  /** A copy with another parametrization and bounds on φ. */
  public OuterOptions withParametrization(String parametrization, double lower, double upper) {
    return new OuterOptions(optimizer, stepRule, learningRate, maxIterations,
        gradientTolerance, relativeTolerance, innerTolerance, toleranceDecay,
        minInnerTolerance, regularization, parametrization, lower, upper, beta1, beta2);
  }

  /** The entry called {@code name}; "key: unknown 'name' (valid: …)" otherwise. */
  private static <E extends CatalogEntry> E lookup(String key, Catalog<E> catalog,
      String name) {
    return catalog.find(name).orElseThrow(() -> new IllegalArgumentException(key
        + ": unknown '" + name + "' (valid: " + String.join(", ", catalog.names()) + ")"));
  }

  /**
   * Gradient descent on log θ ∈ [−25, 25] with HOAG's step rule, ε₀ = 1e-4 decaying by 0.9 to its floor 1e-8 (after
   * 88 steps), 100 steps.
   */
  public static OuterOptions defaults() {
    return new OuterOptions("gd", "hoag", Double.NaN, 100, 1e-6, 1e-8, 1e-4, 0.9, 1e-8, 0.0,
        "log", -25, 25, 0.9, 0.999);
  }

  /** A copy with another optimizer, step rule and learning rate. */
  public OuterOptions withRule(String optimizer, String stepRule, double learningRate) {
    return new OuterOptions(optimizer, stepRule, learningRate, maxIterations,
        gradientTolerance, relativeTolerance, innerTolerance, toleranceDecay,
        minInnerTolerance, regularization, parametrization, lower, upper, beta1, beta2);
  }

  /** A copy with another budget and stopping tolerances. */
  public OuterOptions withStopping(int maxIterations, double gradientTolerance,
      double relativeTolerance) {
    return new OuterOptions(optimizer, stepRule, learningRate, maxIterations,
        gradientTolerance, relativeTolerance, innerTolerance, toleranceDecay,
        minInnerTolerance, regularization, parametrization, lower, upper, beta1, beta2);
  }

  /** A copy with another inner tolerance schedule. */
  public OuterOptions withInnerTolerance(double innerTolerance, double toleranceDecay,
      double minInnerTolerance) {
    return new OuterOptions(optimizer, stepRule, learningRate, maxIterations,
        gradientTolerance, relativeTolerance, innerTolerance, toleranceDecay,
        minInnerTolerance, regularization, parametrization, lower, upper, beta1, beta2);
  }

  /** A copy with another θ regularization weight ρ. */
  public OuterOptions withRegularization(double regularization) {
    return new OuterOptions(optimizer, stepRule, learningRate, maxIterations,
        gradientTolerance, relativeTolerance, innerTolerance, toleranceDecay,
        minInnerTolerance, regularization, parametrization, lower, upper, beta1, beta2);
  }
}
