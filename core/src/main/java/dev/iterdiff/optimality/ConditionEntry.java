package dev.iterdiff.optimality;

import dev.iterdiff.catalog.CatalogEntry;
import dev.iterdiff.solver.IterativeSolver;
import dev.iterdiff.solver.Solution;
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
 */
public record ConditionEntry(String name, String description, Capabilities capabilities,
    Factory factory) implements CatalogEntry {

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

  /** Which solutions a condition holds at, read against the solver's capabilities. */
  public enum Scope {
    /** Any solver's (stationarity on a QP is refused by the solver first: none solves it). */
    ANY,
    /** Unconstrained problems only: not the solution of a solver that handles constraints. */
    UNCONSTRAINED,
    /** The primal-dual state (x, ν, λ, s) of a solver that handles constraints (KKT). */
    PRIMAL_DUAL
  }

  /**
   * What a condition offers and needs.
   *
   * @param symmetry      when ∂_zG is symmetric (Cholesky and CG apply).
   * @param onState       whether z is the whole solver state (fixed point) rather than x.
   * @param minIterations the fewest solver iterations it can be built from (the fixed point
   *                      uses the last step record: 1).
   * @param scope         the solutions it holds at ({@link Scope}).
   */
  public record Capabilities(Symmetry symmetry, boolean onState, int minIterations,
      Scope scope) {

    /** A condition of {@link Scope#ANY} scope. */
    public Capabilities(Symmetry symmetry, boolean onState, int minIterations) {
      this(symmetry, onState, minIterations, Scope.ANY);
    }

    /** @throws IllegalArgumentException on a null symmetry or negative minIterations. */
    public Capabilities {
      if (symmetry == null || minIterations < 0 || scope == null) {
        throw new IllegalArgumentException("condition capabilities: symmetry must be non-null "
            + "and minIterations >= 0, got " + symmetry + ", " + minIterations);
      }
    }
  }

  /** @throws IllegalArgumentException on a null name, capabilities or factory. */
  public ConditionEntry {
    if (name == null || capabilities == null || factory == null) {
      throw new IllegalArgumentException("condition entry: name, capabilities and factory "
          + "must be non-null");
    }
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
    if (capabilities.scope() == Scope.UNCONSTRAINED && constrained) {
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
    if (iterations < capabilities.minIterations()) {
      return "condition " + name + " needs at least " + capabilities.minIterations()
          + " iteration(s), got k = " + iterations;
    }
    return null;
  }
}
