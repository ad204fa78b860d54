package dev.iterdiff.solver;

import dev.iterdiff.catalog.Catalog;
import dev.iterdiff.problem.Problem;
import java.util.List;

/**
 * The catalog of solvers, built from their CLI name and step spec ({@code --solver},
 * {@code --step}). Each entry's description lists the step specs it takes ({@link
 * #CATALOG}{@code .describe()} prints them for help texts): gd (1/L default, 2/(mu+L) or a
 * number), heavy-ball (default α = 4/(√L+√μ)², β = ((√L−√μ)/(√L+√μ))²; a step spec sets α),
 * newton (line-search default, or a fixed damping in (0, 1]), and every solver registered
 * since. A new solver is one class and one line in {@link #CATALOG}.
 */
public final class Solvers {

  /** Every registered solver, in the order help texts list them. */
  public static final Catalog<SolverEntry> CATALOG = Catalog.of("solver",
      new SolverEntry("gd", List.of("gradient-descent"), "gradient descent x - t grad f; step "
          + "1/L (default), 2/(mu+L) or a number",
          new SolverEntry.Capabilities(List.of("1/L", "2/(mu+L)", "<number>"), false, true,
          false), StepRule::parse, (problem, spec) -> new GradientDescent(problem,
              spec == null ? StepRule.inverseLipschitz() : StepRule.parse(spec))),
      new SolverEntry("heavy-ball", List.of("heavyball"), "Polyak's heavy ball on (x, x_prev); "
          + "default alpha = 4/(sqrt L + sqrt mu)^2 with the optimal beta, or a step spec for alpha",
          new SolverEntry.Capabilities(List.of("1/L", "2/(mu+L)", "<number>"), false, false,
              false),
          StepRule::parse, (problem, spec) -> new HeavyBall(problem,
              spec == null ? null : StepRule.parse(spec), Double.NaN)),
      new SolverEntry("newton", List.of(), "Newton's method; step: line-search (default, "
          + "backtracking Armijo) or a fixed damping in (0, 1]",
          new SolverEntry.Capabilities(List.of("line-search", "<number in (0, 1]>"), true, true,
              true),
          Solvers::newtonStep, (problem, spec) -> new Newton(problem, newtonStep(spec))),
      Nesterov.ENTRY,
      ProximalGradient.ENTRY,
      ProximalGradient.FISTA_ENTRY,
      ProximalGradient.PROJECTED_ENTRY,
      Chebyshev.ENTRY,
      MirrorDescent.ENTRY,
      InteriorPoint.ENTRY);

  /** The solver names as the CLI spells them. */
  public static final List<String> NAMES = CATALOG.names();

  private Solvers() {}

  /**
   * @param name     a name of {@link #CATALOG} (case-insensitive).
   * @param problem  the objective.
   * @param stepSpec the step spec, or null for the solver's default.
   * @throws IllegalArgumentException naming the option and the value.
   */
  public static IterativeSolver create(String name, Problem problem, String stepSpec) {
    if (problem == null) {
      throw new IllegalArgumentException("solver: problem is null");
    }
    return CATALOG.get(name).create(problem, stepSpec);
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
