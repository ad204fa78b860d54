package dev.iterdiff.cli;

import dev.iterdiff.diff.Estimators;
import dev.iterdiff.linalg.LinearSolvers;
import dev.iterdiff.optimality.Conditions;
import dev.iterdiff.problem.Problems;
import dev.iterdiff.solver.Solvers;
import java.util.Iterator;
import java.util.List;

/**
 * The valid names of the options that name a catalog entry, for picocli's
 * {@code completionCandidates}: help texts print them with {@code ${COMPLETION-CANDIDATES}},
 * and shell completion offers them. Each list is its catalog's, so a newly registered solver,
 * problem, estimator, linear solver or condition appears in {@code --help} without an edit
 * here. Candidates only document: the commands check the names themselves, with the valid
 * names in the message.
 */
final class CatalogCandidates {

  /**
   * The system property that {@code --step}'s help text interpolates ({@code ${sys:…}}): each
   * registered solver with the step specs it declares.
   */
  static final String SOLVER_STEPS_PROPERTY = "iterdiff.help.solver-steps";

  static {
    System.setProperty(SOLVER_STEPS_PROPERTY, solverSteps());
  }

  private CatalogCandidates() {}

  /** "gd: 1/L, 2/(mu+L), &lt;number&gt;; newton: …" from {@link Solvers#CATALOG}. */
  static String solverSteps() {
    StringBuilder b = new StringBuilder();
    for (var e : Solvers.CATALOG) {
      if (b.length() > 0) {
        b.append("; ");
      }
      b.append(e.name()).append(": ").append(String.join(", ", e.capabilities().stepSpecs()));
    }
    return b.toString();
  }

  /** Loads this class, so the help-text properties are set before picocli renders usage. */
  static void init() {}

  /** {@code --problem}: {@link Problems#CATALOG}. */
  static final class ProblemNames extends Names {
    ProblemNames() {
      super(Problems.NAMES);
    }
  }

  /** {@code --solver}: {@link Solvers#CATALOG}. */
  static final class SolverNames extends Names {
    SolverNames() {
      super(Solvers.NAMES);
    }
  }

  /** {@code --estimator}: {@link Estimators#CATALOG}. */
  static final class EstimatorNames extends Names {
    EstimatorNames() {
      super(Estimators.NAMES);
    }
  }

  /** {@code --linear-solver}: auto, then {@link LinearSolvers#CATALOG}. */
  static final class LinearSolverNames extends Names {
    LinearSolverNames() {
      super(LinearSolvers.CHOICES);
    }
  }

  /** {@code --condition}: {@link Conditions#CATALOG}. */
  static final class ConditionNames extends Names {
    ConditionNames() {
      super(Conditions.NAMES);
    }
  }

  /** A fixed list of names as picocli's candidates. */
  abstract static class Names implements Iterable<String> {

    private final List<String> names;

    Names(List<String> names) {
      this.names = names;
    }

    @Override
    public Iterator<String> iterator() {
      return names.iterator();
    }
  }
}
