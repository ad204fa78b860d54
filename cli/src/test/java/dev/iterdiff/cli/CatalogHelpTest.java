package dev.iterdiff.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iterdiff.diff.Estimators;
import dev.iterdiff.linalg.LinearSolvers;
import dev.iterdiff.optimality.Conditions;
import dev.iterdiff.problem.Problems;
import dev.iterdiff.solver.Solvers;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The help texts list the names of the catalogs, so a new entry shows up without an edit. */
class CatalogHelpTest {

  /** The help text with every run of blanks (line wraps included) as one space. */
  private static String help(String command) {
    CommandRun r = CommandRun.of(command, "--help");
    assertEquals(0, r.status(), r.err());
    return r.out().replaceAll("\\s+", " ");
  }

  private static void lists(String help, String option, List<String> names) {
    int at = help.indexOf(option + "=");
    assertTrue(at >= 0, option + " in " + help);
    String expected = String.join(", ", names);
    assertTrue(help.indexOf(expected, at) > at, option + " lists " + expected + ": " + help);
  }

  @Test
  void jacobianHelpListsEveryCatalog() {
    String h = help("jacobian");
    lists(h, "--problem", Problems.NAMES);
    lists(h, "--solver", Solvers.NAMES);
    lists(h, "--estimator", Estimators.NAMES);
    lists(h, "--linear-solver", LinearSolvers.CHOICES);
    lists(h, "--condition", Conditions.NAMES);
    assertEquals("auto", LinearSolvers.CHOICES.get(0));
  }

  @Test
  void sweepHelpListsProblemsSolversAndEstimators() {
    String h = help("sweep");
    lists(h, "--problem", Problems.NAMES);
    lists(h, "--solver", Solvers.NAMES);
    lists(h, "--estimators", Estimators.NAMES);
  }
}
