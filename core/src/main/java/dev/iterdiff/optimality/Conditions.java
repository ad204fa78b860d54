package dev.iterdiff.optimality;

import dev.iterdiff.catalog.Catalog;
import dev.iterdiff.problem.Problem;
import dev.iterdiff.solver.SolverEntry;
import dev.iterdiff.solver.Solvers;
import java.util.List;

/**
 * The catalog of optimality conditions G(z, θ) = 0 that implicit differentiation can use. The
 * solver that computed z and the condition used to differentiate it are chosen independently
 * (as in JAXopt). A new condition is one class and one line in {@link #CATALOG}.
 */
public final class Conditions {

  /** Every registered condition, in the order help texts list them. */
  public static final Catalog<ConditionEntry> CATALOG = Catalog.of("optimality condition",
      new ConditionEntry(Stationarity.NAME, "grad_x f(x, theta) = 0 at x_k (smooth, "
          + "unconstrained problems)", Stationarity.CAPABILITIES,
          solution -> new Stationarity(solution.solver().problem())),
      new ConditionEntry(FixedPoint.NAME, "F(s, theta) - s = 0 at s_k with the solver's last "
          + "step record (any solver)", FixedPoint.CAPABILITIES, FixedPoint::atLastStep),
      new ConditionEntry(ProxGradientFixedPoint.NAME, "prox_{eta g}(x - eta grad f) - x = 0 "
          + "(composite f + g; support-restricted system for l1, elastic net, box)",
          ProxGradientFixedPoint.CAPABILITIES, ProxGradientFixedPoint::of),
      MirrorDescentCondition.ENTRY,
      new ConditionEntry(KktCondition.NAME, "KKT of a qp on (x, nu, lambda, s): stationarity, "
          + "primal feasibility, complementarity", KktCondition.CAPABILITIES, KktCondition::of));

  /** The valid names. */
  public static final List<String> NAMES = CATALOG.names();

  /**
   * The option value that lets each solve choose its condition ({@link #defaultFor}): what the
   * CLI and the jobs use when no condition is named, so a lasso solved by proximal gradient
   * or a QP by the interior-point method is differentiated through the condition that holds
   * at its solutions without the user naming it.
   */
  public static final String AUTO = "auto";

  /** The order in which {@link #defaultFor} tries the scopes: the most specific first. */
  private static final List<ConditionEntry.Scope> PREFERENCE = List.of(
      ConditionEntry.Scope.PRIMAL_DUAL, ConditionEntry.Scope.COMPOSITE,
      ConditionEntry.Scope.SMOOTH, ConditionEntry.Scope.ANY);

  private Conditions() {}

  /**
   * A condition name or {@link #AUTO}, in canonical spelling.
   *
   * @throws dev.iterdiff.catalog.UnknownNameException naming the value and the valid names.
   */
  public static String choice(String name) {
    if (name != null && AUTO.equalsIgnoreCase(name.strip())) {
      return AUTO;
    }
    return CATALOG.canonical(name);
  }

  /**
   * The condition that holds at the solutions of {@code solver} on {@code problem}: the first
   * registered condition that neither refuses ({@link ConditionEntry#misfit}), trying the
   * scopes from the most specific — primal-dual (kkt for a solver with constraints), composite
   * (the prox-gradient fixed point for f + g), smooth (stationarity) — to any (the solver's own
   * fixed point).
   *
   * @throws IllegalArgumentException if no registered condition fits, naming both.
   */
  public static ConditionEntry defaultFor(SolverEntry solver, Problem problem) {
    for (ConditionEntry.Scope scope : PREFERENCE) {
      for (ConditionEntry g : CATALOG) {
        if (g.capabilities().scope() == scope && g.misfit(solver) == null
            && g.misfit(problem) == null) {
          return g;
        }
      }
    }
    throw new IllegalArgumentException("no optimality condition holds at the solutions of "
        + solver.name() + " on " + problem.name() + " (conditions: "
        + String.join(", ", NAMES) + ")");
  }

  /**
   * The condition named (or, for {@link #AUTO}, {@link #defaultFor} the solver and problem).
   */
  public static ConditionEntry resolve(String name, SolverEntry solver, Problem problem) {
    return AUTO.equals(name) ? defaultFor(solver, problem) : CATALOG.get(name);
  }

  /**
   * The factory implicit differentiation uses for the option value {@code name}: the named
   * condition's, or for {@link #AUTO} one that picks {@link #defaultFor} the solver and the
   * problem of each solution it is given.
   */
  public static ConditionEntry.Factory factory(String name) {
    if (!AUTO.equals(name)) {
      return CATALOG.get(name).factory();
    }
    return solution -> defaultFor(Solvers.CATALOG.get(solution.solver().name()),
        solution.solver().problem()).factory().apply(solution);
  }
}
