package dev.iterdiff.optimality;

import dev.iterdiff.catalog.CatalogEntry;
import dev.iterdiff.problem.CompositeProblem;
import dev.iterdiff.problem.Problem;
import dev.iterdiff.solver.IterativeSolver;
import dev.iterdiff.solver.Solution;
import dev.iterdiff.solver.SolverEntry;
import dev.iterdiff.problem.Problem;
import java.util.List;
import java.util.function.Function;

/**
 * An optimality condition as registered in {@link Conditions#CATALOG}: its name, its
 * capabilities and how it is built for a solution (the problem's stationarity, the solver's
 * fixed point with its last step record, …).
 *
 * @param name         the name the CLI ({@code --condition}) and the configs use.
 * @param description  one line for help texts.
 * @param capabilities symmetry of ∂_zG, the point it lives on, the iterations it needs.
 * @param factory      the condition G for a solution; called once per estimate.
 * @param problemCheck which problems it holds for (the mirror-descent fixed point: f + a
 *                     simplex constraint only); null for every problem.
 */
public record ConditionEntry(String name, String description, Capabilities capabilities,
    Factory factory, SolverEntry.ProblemCheck problemCheck) implements CatalogEntry {

  /** An entry for every problem. */
  public ConditionEntry(String name, String description, Capabilities capabilities,
      Factory factory) {
    this(name, description, capabilities, factory, null);
  }

  /** Builds the condition for a solution. */
  @FunctionalInterface
  public interface Factory extends Function<Solution, OptimalityCondition> {}

  /** When ∂_zG is symmetric. */
  public enum Symmetry {
    /** For every solver (stationarity: ∂ₓG = ∇²ₓf). */
    ALWAYS,
    /** When the solver's J_sF is ({@link IterativeSolver#symmetricFixedPoint}). */
    SOLVER,
    /** Never assumed. */
    NEVER
  }

  /** The problems and solutions a condition holds for. */
  public enum Scope {
    /**
     * Smooth, unconstrained problems only (stationarity ∇ₓf = 0 ignores a nonsmooth part, and
     * does not hold at the constrained solutions of a solver that handles constraints).
     */
    SMOOTH,
    /** Composite problems f + g only (a prox or projection step needs g). */
    COMPOSITE,
    /** The primal-dual state (x, ν, λ, s) of a solver that handles constraints (KKT). */
    PRIMAL_DUAL,
    /** Any problem (the solver's own fixed point). */
    ANY
  }

  /**
   * What a condition offers and needs.
   *
   * @param symmetry      when ∂_zG is symmetric (Cholesky and CG apply).
   * @param onState       whether z is the whole solver state (fixed point) rather than x.
   * @param minIterations the fewest solver iterations it can be built from (the fixed point
   *                      uses the last step record: 1).
   * @param scope         the problems it holds for (smooth, composite f + g, any).
   */
  public record Capabilities(Symmetry symmetry, boolean onState, int minIterations,
      Scope scope) {

    /** For any problem. */
    public Capabilities(Symmetry symmetry, boolean onState, int minIterations) {
      this(symmetry, onState, minIterations, Scope.ANY);
    }

    /** @throws IllegalArgumentException on a null symmetry or scope or a negative minIterations. */
    public Capabilities {
      if (symmetry == null || minIterations < 0 || scope == null) {
        throw new IllegalArgumentException("condition capabilities: symmetry must be non-null "
            + "and minIterations >= 0, got " + symmetry + ", " + minIterations);
      }
      if (scope == null) {
        throw new IllegalArgumentException("condition capabilities: scope is null");
      }
    }
  }

  /** @throws IllegalArgumentException on a null name, capabilities or factory. */
  public ConditionEntry {
    if (name == null || capabilities == null || factory == null) {
      throw new IllegalArgumentException("condition entry: name, capabilities and factory "
          + "must be non-null");
    }
    problemCheck = problemCheck == null ? problem -> null : problemCheck;
  }


  @Override
  public List<String> aliases() {
    return List.of();
  }

  /** Whether ∂_zG is symmetric for conditions built on this solver's solutions. */
  public boolean symmetricFor(IterativeSolver solver) {
    return switch (capabilities.symmetry()) {
      case ALWAYS -> true;
      case SOLVER -> solver.symmetricFixedPoint();
      case NEVER -> false;
    };
  }

  /**
   * Why this condition does not hold at the solutions of a solver, by its scope and the
   * solver's constraint capability, or null when it does.
   */
  public String misfit(dev.iterdiff.solver.SolverEntry solver) {
    boolean constrained = solver.capabilities().constraints();
    if (capabilities.scope() == Scope.PRIMAL_DUAL && !constrained) {
      return "condition " + name + " needs the primal-dual state (x, nu, lambda, s) of a solver "
          + "with constraints; " + solver.name() + " has none";
    }
    if (capabilities.scope() == Scope.SMOOTH && constrained) {
      return "condition " + name + " does not hold at the constrained solutions of "
          + solver.name() + "; use kkt or fixed-point";
    }
    return null;
  }

  /**
   * Why this condition cannot differentiate a solve of k iterations, or null when it can.
   *
   * @param iterations k, the iterations of the solve (or the budget of a planned one).
   */
  public String misfit(int iterations) {
    return misfit(null, iterations);
  }

  /**
   * Why this condition does not hold for a problem (one line naming it), or null: a problem
   * outside its {@link Scope} (stationarity on f + g; a prox-gradient fixed point on a smooth
   * problem, e.g. a Newton solve), or one its {@link #problemCheck} refuses (mirror descent's
   * fixed point without a simplex constraint).
   */
  public String misfit(Problem problem) {
    if (problem == null) {
      return null;
    }
    boolean composite = problem instanceof CompositeProblem;
    if (capabilities.scope() == Scope.SMOOTH && composite) {
      return "condition " + name + " holds for smooth problems only; " + problem.name()
          + " has a nonsmooth part (" + ((CompositeProblem) problem).nonsmooth().name()
          + "): use a fixed-point condition of a prox or projection step";
    }
    if (capabilities.scope() == Scope.COMPOSITE && !composite) {
      return "condition " + name + " needs a composite problem f + g; " + problem.name()
          + " is smooth (use stationarity or fixed-point)";
    }
    String why = problemCheck.misfit(problem);
    return why == null ? null : "condition " + name + ": " + why;
  }

  /**
   * Why this condition cannot differentiate a solve of k iterations on a problem, or null
   * when it can: {@link #misfit(Problem)}, then too few iterations.
   *
   * @param problem    the problem solved, or null to check the iterations only.
   * @param iterations k, the iterations of the solve (or the budget of a planned one).
   */
  public String misfit(Problem problem, int iterations) {
    String why = misfit(problem);
    return why != null ? why : misfitIterations(iterations);
  }

  private String misfitIterations(int iterations) {
    if (iterations < capabilities.minIterations()) {
      return "condition " + name + " needs at least " + capabilities.minIterations()
          + " iteration(s), got k = " + iterations;
    }
    return null;
  }
}
