package dev.iterdiff.solver;

import dev.iterdiff.map.Checks;
import dev.iterdiff.problem.Problem;

/**
 * The step size t of gradient descent x⁺ = x − t∇ₓf(x; θ).
 *
 * <ul>
 *   <li>{@link Kind#INVERSE_LIPSCHITZ}: t = 1/L(θ) (the default; monotone decrease of f);</li>
 *   <li>{@link Kind#OPTIMAL_STRONGLY_CONVEX}: t = 2/(μ(θ) + L(θ)), the step minimizing the
 *       contraction factor (κ−1)/(κ+1) on quadratics — the step whose unrolled Jacobian shows
 *       the burn-in hump of Scieur et al., <i>The Curse of Unrolling</i> (2022);</li>
 *   <li>{@link Kind#FIXED}: t = {@code value}.</li>
 * </ul>
 *
 * <p>L and μ depend on θ, so the step does too. iterdiff follows the papers' convention: the
 * step chosen for a solve is a constant recorded in the trajectory, and J_θF is taken with t
 * held fixed (∂t/∂θ is not propagated).
 *
 * @param kind  which rule.
 * @param value the step for {@link Kind#FIXED}; NaN otherwise.
 */
public record StepRule(Kind kind, double value) {

  /** The rules. */
  public enum Kind { INVERSE_LIPSCHITZ, OPTIMAL_STRONGLY_CONVEX, FIXED }

  public StepRule {
    if (kind == null) {
      throw new IllegalArgumentException("step rule kind: null");
    }
    if (kind == Kind.FIXED) {
      Checks.positive("step", value);
    }
  }

  /** t = 1/L. */
  public static StepRule inverseLipschitz() {
    return new StepRule(Kind.INVERSE_LIPSCHITZ, Double.NaN);
  }

  /** t = 2/(μ+L). */
  public static StepRule optimal() {
    return new StepRule(Kind.OPTIMAL_STRONGLY_CONVEX, Double.NaN);
  }

  /** t = value (finite, &gt; 0). */
  public static StepRule fixed(double value) {
    return new StepRule(Kind.FIXED, value);
  }

  /**
   * Parses a step spec as the CLI spells it: {@code 1/L}, {@code 2/(mu+L)} or a positive
   * number.
   *
   * @throws IllegalArgumentException naming the option and the value.
   */
  public static StepRule parse(String spec) {
    if (spec == null) {
      throw new IllegalArgumentException(
          "--step: null (expected 1/L, 2/(mu+L) or a positive number)");
    }
    String s = spec.trim().replace(" ", "");
    if (s.equalsIgnoreCase("1/L")) {
      return inverseLipschitz();
    }
    if (s.equalsIgnoreCase("2/(mu+L)") || s.equalsIgnoreCase("2/(L+mu)")) {
      return optimal();
    }
    double v;
    try {
      v = Double.parseDouble(s);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--step: '" + spec
          + "' is not 1/L, 2/(mu+L) or a positive number");
    }
    if (!(v > 0) || !Double.isFinite(v)) {
      throw new IllegalArgumentException("--step: " + spec + " (must be finite and > 0)");
    }
    return fixed(v);
  }

  /**
   * The step for problem at θ.
   *
   * @throws IllegalArgumentException if L (or μ + L) is not finite and &gt; 0.
   */
  public double step(Problem problem, double[] theta) {
    switch (kind) {
      case FIXED:
        return value;
      case INVERSE_LIPSCHITZ: {
        double l = problem.lipschitz(theta);
        Checks.positive(problem.name() + ": Lipschitz constant L", l);
        return 1.0 / l;
      }
      default: {
        double l = problem.lipschitz(theta);
        double mu = problem.strongConvexity(theta);
        Checks.positive(problem.name() + ": Lipschitz constant L", l);
        Checks.finite(problem.name() + ": strong convexity mu", mu);
        return 2.0 / (mu + l);
      }
    }
  }

  /** The spec as the CLI spells it. */
  @Override
  public String toString() {
    switch (kind) {
      case INVERSE_LIPSCHITZ:
        return "1/L";
      case OPTIMAL_STRONGLY_CONVEX:
        return "2/(mu+L)";
      default:
        return Double.toString(value);
    }
  }
}
