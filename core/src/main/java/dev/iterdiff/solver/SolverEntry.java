package dev.iterdiff.solver;

import dev.iterdiff.catalog.CatalogEntry;
import dev.iterdiff.problem.Problem;
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
}
