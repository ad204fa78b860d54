package dev.iterdiff.contract;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iterdiff.catalog.UnknownNameException;
import dev.iterdiff.contract.ContractFixtures.ProblemCase;
import dev.iterdiff.diff.EstimatorOptions;
import dev.iterdiff.diff.Estimators;
import dev.iterdiff.optimality.ConditionEntry;
import dev.iterdiff.optimality.ConditionEntry.Scope;
import dev.iterdiff.optimality.Conditions;
import dev.iterdiff.problem.Problem;
import dev.iterdiff.solver.IterativeSolver;
import dev.iterdiff.solver.Solution;
import dev.iterdiff.solver.Solve;
import dev.iterdiff.solver.SolveOptions;
import dev.iterdiff.solver.SolverEntry;
import dev.iterdiff.solver.Solvers;
import dev.iterdiff.solver.Storage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The {@code auto} condition (what the CLI and the jobs use when none is named), on every
 * registered solver × problem that fit: it picks a condition that holds there — kkt for a
 * solver with constraints, the prox-gradient fixed point for a composite f + g, stationarity
 * for a smooth problem — and implicit differentiation through {@code auto} is the one through
 * that condition, bit for bit (whose Jacobian {@link EstimatorContractTest} checks against
 * finite differences of the converged solution).
 */
class AutoConditionContractTest {

  record Pair(SolverEntry solver, ProblemCase problem) {
    @Override
    public String toString() {
      return "solver=" + solver.name() + " problem=" + problem;
    }
  }

  static List<Pair> pairs() {
    List<Pair> out = new ArrayList<>();
    for (SolverEntry s : Solvers.CATALOG) {
      for (ProblemCase p : ContractFixtures.problems()) {
        if (ContractFixtures.misfit(s, p) == null) {
          out.add(new Pair(s, p));
        }
      }
    }
    return out;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("pairs")
  void autoPicksAConditionThatHoldsAndDifferentiatesThroughIt(Pair c) {
    Problem problem = c.problem().create();
    ConditionEntry g = Conditions.defaultFor(c.solver(), problem);
    assertNull(g.misfit(c.solver()), c + ": " + g.name());
    assertNull(g.misfit(problem, EstimatorContractTest.K), c + ": " + g.name());
    Scope expected = c.solver().capabilities().constraints() ? Scope.PRIMAL_DUAL
        : c.problem().composite() ? Scope.COMPOSITE : Scope.SMOOTH;
    assertEquals(expected, g.capabilities().scope(), c + ": picked " + g.name());

    // each estimate on its own fresh solve: Newton's preconditioner is its most recently used
    // factorization, which an earlier estimate's diagnostics move (same solution, last bits)
    double[] viaAuto = implicit(c, Conditions.AUTO);
    double[] viaName = implicit(c, g.name());
    assertArrayEquals(viaName, viaAuto, 0.0, c.toString());
  }

  private static double[] implicit(Pair c, String condition) {
    IterativeSolver solver = c.solver().create(c.problem().create(), null);
    Solution sol = Solve.run(solver, c.problem().theta(),
        ContractFixtures.x0(solver.problem()), SolveOptions.iterations(50, Storage.lastTwo()));
    return Estimators.byName("implicit", EstimatorOptions.defaults().withCondition(condition))
        .jacobian(sol).jacobian();
  }

  @Test
  void autoIsAnOptionValueNotACatalogEntry() {
    assertEquals(Conditions.AUTO, Conditions.choice(" AUTO "));
    assertEquals("prox-gradient", Conditions.choice("prox-gradient"));
    assertTrue(!Conditions.NAMES.contains(Conditions.AUTO), "auto must not be registered");
    UnknownNameException e = assertThrows(UnknownNameException.class,
        () -> Conditions.choice("magic"));
    assertTrue(e.getMessage().contains("magic"), e.getMessage());
    assertEquals(Conditions.AUTO,
        EstimatorOptions.defaults().withCondition("auto").condition());
  }
}
