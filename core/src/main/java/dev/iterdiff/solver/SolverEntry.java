package dev.iterdiff.solver;

import dev.iterdiff.catalog.CatalogEntry;
import dev.iterdiff.problem.LabeledData;
import dev.iterdiff.problem.Problem;
import dev.iterdiff.problem.RidgeProblem;
import java.util.List;

/**
 * A solver as registered in {@link Solvers#CATALOG}: its name, the step specs it accepts, and
 * its factory.
 *
 * @param name        the name the CLI and the configs use.
 * @param aliases     other accepted spellings.
 * @param description one line for help texts, including the step specs it takes.
 * @param factory     builds an instance on a problem (own workspaces: one per thread).
 */
public record SolverEntry(String name, List<String> aliases, String description,
    Factory factory) implements CatalogEntry {

  /** Builds a solver for a problem and a step spec. */
  @FunctionalInterface
  public interface Factory {

    /**
     * @param problem  the objective.
     * @param stepSpec the step spec as the CLI spells it, or null for the solver's default.
     * @throws IllegalArgumentException on a step spec the solver does not take, naming it.
     */
    IterativeSolver create(Problem problem, String stepSpec);
  }

  /** @throws IllegalArgumentException on a null name or factory. */
  public SolverEntry {
    if (name == null || factory == null) {
      throw new IllegalArgumentException("solver entry: name and factory must be non-null");
    }
    aliases = aliases == null ? List.of() : List.copyOf(aliases);
  }

  /**
   * The capability "which step specs this solver accepts", asked without data: whether
   * {@code stepSpec} is one the factory takes (null or blank: the solver's default, always
   * accepted). The factory decides, on a one-variable probe problem, so the answer is the same
   * as for a real solve and no step grammar is typed twice; the CLI and the job configs ask it
   * before any data are read.
   *
   * @param stepSpec the step spec as the CLI spells it, or null.
   * @throws IllegalArgumentException naming the spec and the specs this solver takes, e.g.
   *         {@code --step: '1/L' does not apply to newton (expected line-search or …)}.
   */
  public void checkStep(String stepSpec) {
    if (stepSpec == null || stepSpec.isBlank()) {
      return;
    }
    Problem probe = new RidgeProblem(new LabeledData(new double[] {1}, 1, 1, new double[] {1},
        "step check"), 1);
    factory.create(probe, stepSpec.trim());
  }
}
