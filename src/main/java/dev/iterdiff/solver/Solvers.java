package dev.iterdiff.solver;

import dev.iterdiff.problem.Problem;
import java.util.List;
import java.util.Locale;

/**
 * Builds a solver from its CLI name and step spec ({@code --solver}, {@code --step}).
 *
 * <table>
 *   <caption>names and step specs</caption>
 *   <tr><th>name</th><th>step spec (null = default)</th></tr>
 *   <tr><td>gd</td><td>1/L (default), 2/(mu+L), or a positive number</td></tr>
 *   <tr><td>heavy-ball</td><td>default: α = 4/(√L+√μ)², β = ((√L−√μ)/(√L+√μ))²; 1/L,
 *       2/(mu+L) or a number set α, with the same β</td></tr>
 *   <tr><td>newton</td><td>default (or {@code line-search}): backtracking Armijo; a number in
 *       (0, 1]: fixed damped step</td></tr>
 * </table>
 */
public final class Solvers {

  /** The solver names as the CLI spells them. */
  public static final List<String> NAMES = List.of("gd", "heavy-ball", "newton");

  private Solvers() {}

  /**
   * @param name     gd | heavy-ball | newton (case-insensitive).
   * @param problem  the objective.
   * @param stepSpec the step spec, or null for the solver's default.
   * @throws IllegalArgumentException naming the option and the value.
   */
  public static IterativeSolver create(String name, Problem problem, String stepSpec) {
    if (problem == null) {
      throw new IllegalArgumentException("solver: problem is null");
    }
    String key = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
    String spec = stepSpec == null || stepSpec.isBlank() ? null : stepSpec.trim();
    switch (key) {
      case "gd":
      case "gradient-descent":
        return new GradientDescent(problem,
            spec == null ? StepRule.inverseLipschitz() : StepRule.parse(spec));
      case "heavy-ball":
      case "heavyball":
        return new HeavyBall(problem, spec == null ? null : StepRule.parse(spec), Double.NaN);
      case "newton":
        return new Newton(problem, newtonStep(spec));
      default:
        throw new IllegalArgumentException("--solver: unknown solver '" + name
            + "' (expected one of " + String.join(", ", NAMES) + ")");
    }
  }

  private static double newtonStep(String spec) {
    if (spec == null || spec.equalsIgnoreCase("line-search")) {
      return Double.NaN;
    }
    double v;
    try {
      v = Double.parseDouble(spec);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--step: '" + spec + "' does not apply to newton "
          + "(expected line-search or a fixed step in (0, 1])");
    }
    if (!(v > 0 && v <= 1)) {
      throw new IllegalArgumentException("--step: " + spec + " for newton must be in (0, 1]");
    }
    return v;
  }
}
