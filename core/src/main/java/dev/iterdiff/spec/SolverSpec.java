package dev.iterdiff.spec;

import dev.iterdiff.problem.Problem;
import dev.iterdiff.solver.IterativeSolver;
import dev.iterdiff.solver.SolveOptions;
import dev.iterdiff.solver.SolverEntry;
import dev.iterdiff.solver.Solvers;
import dev.iterdiff.solver.Storage;
import java.io.Serializable;

/**
 * A solver by its catalog name ({@link Solvers#CATALOG}), its step spec and its budget.
 *
 * @param name       a solver of the catalog (any accepted spelling; stored canonical).
 * @param step       the step spec as the CLI spells it ({@code 1/L}, {@code 2/(mu+L)}, a
 *                   number, {@code line-search}), or null for the solver's default; checked
 *                   against the solver's entry ({@link SolverEntry#checkStep}).
 * @param iterations k: the solve runs exactly k iterations when {@code tolerance} is NaN, at
 *                   most k otherwise (≥ 0).
 * @param tolerance  stop once the solver's optimality residual is ≤ tolerance; NaN for none.
 */
public record SolverSpec(String name, String step, int iterations, double tolerance)
    implements Serializable {

  private static final long serialVersionUID = 1L;

  /**
   * @throws dev.iterdiff.catalog.UnknownNameException for a name not in the catalog.
   * @throws IllegalArgumentException for a step spec the solver does not take, k &lt; 0 or a
   *         tolerance that is neither NaN nor finite and &gt; 0, naming the value.
   */
  public SolverSpec {
    name = Solvers.CATALOG.canonical(name);
    step = step == null || step.isBlank() ? null : step.trim();
    Solvers.CATALOG.get(name).checkStep(step);
    if (iterations < 0) {
      throw new IllegalArgumentException("iterations must be >= 0, got " + iterations);
    }
    if (!Double.isNaN(tolerance) && !(tolerance > 0 && Double.isFinite(tolerance))) {
      throw new IllegalArgumentException("tol must be finite and > 0, got " + tolerance);
    }
  }

  /** The solver's catalog entry. */
  public SolverEntry entry() {
    return Solvers.CATALOG.get(name);
  }

  /** A new solver on {@code problem} (own workspaces: one per thread). */
  public IterativeSolver create(Problem problem) {
    return Solvers.create(name, problem, step);
  }

  /** The solve's options, keeping {@code storage}. */
  public SolveOptions options(Storage storage) {
    return new SolveOptions(iterations, tolerance, storage);
  }

  /** The same solver with another budget and tolerance. */
  public SolverSpec withBudget(int iterations, double tolerance) {
    return new SolverSpec(name, step, iterations, tolerance);
  }
}
