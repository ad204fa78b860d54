package dev.iterdiff.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iterdiff.check.FiniteDifferenceReport;
import dev.iterdiff.check.FiniteDifferences;
import dev.iterdiff.contract.ContractFixtures.ProblemCase;
import dev.iterdiff.optimality.ConditionEntry;
import dev.iterdiff.optimality.Conditions;
import dev.iterdiff.optimality.OptimalityCondition;
import dev.iterdiff.solver.IterativeSolver;
import dev.iterdiff.solver.Solution;
import dev.iterdiff.solver.Solve;
import dev.iterdiff.solver.SolveOptions;
import dev.iterdiff.solver.SolverEntry;
import dev.iterdiff.solver.Solvers;
import dev.iterdiff.solver.Storage;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The contract of every registered optimality condition, built from a solve of every
 * registered solver on every registered problem ({@link Conditions#CATALOG} × solvers ×
 * problems): its four products against central finite differences (relative 1e-6, absolute
 * 1e-9) and the adjoint identity at a random point; its declared capabilities (the point it
 * lives on, symmetry for that solver ⇒ jvpX = vjpX). Combinations a condition declares it
 * cannot take ({@link ConditionEntry#misfit}) are skipped with the reason.
 */
class ConditionContractTest {

  /** Iterations of the solve the condition is built from. */
  static final int K = 3;

  /** A condition for a solver's solve on a problem; {@code skip} says why it does not fit. */
  record Combo(ConditionEntry condition, SolverEntry solver, ProblemCase problem, String skip) {
    @Override
    public String toString() {
      return "condition=" + condition.name() + " solver=" + solver.name() + " problem="
          + problem + (skip == null ? "" : " — skipped: " + skip);
    }
  }

  /** Every registered condition on every solve it fits. */
  static List<Combo> combos() {
    return all(false);
  }

  /**
   * The combinations whose solver fits the problem but whose condition does not (the
   * condition's declared misfit).
   */
  static List<Combo> misfits() {
    return all(true);
  }

  private static List<Combo> all(boolean misfits) {
    List<Combo> out = new ArrayList<>();
    for (ConditionEntry g : Conditions.CATALOG) {
      for (SolverEntry s : Solvers.CATALOG) {
        for (ProblemCase p : ContractFixtures.problems()) {
          if (ContractFixtures.misfit(s, p) != null) {
            continue;
          }
          String misfit = g.misfit(p.create(), K);
          if (misfit == null) {
            misfit = g.misfit(s);
          }
          if ((misfit != null) == misfits) {
            out.add(new Combo(g, s, p, misfit));
          }
        }
      }
    }
    return out;
  }

  /** A condition that declares it does not fit a solve refuses to be built on it, by name. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("misfits")
  void aMisfitIsRefusedWhenTheConditionIsBuilt(Combo c) {
    IterativeSolver solver = c.solver().create(c.problem().create(), null);
    Solution sol = Solve.run(solver, c.problem().theta(),
        ContractFixtures.x0(solver.problem()), SolveOptions.iterations(K, Storage.lastTwo()));
    IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(
        IllegalArgumentException.class, () -> c.condition().factory().apply(sol), c.toString());
    assertTrue(e.getMessage() != null && !e.getMessage().isBlank() && !e.getMessage()
        .contains("\n"), c + ": " + e.getMessage());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("combos")
  void productsMatchFiniteDifferencesAndCapabilitiesHold(Combo c) {
    double[] theta = c.problem().theta();
    IterativeSolver solver = c.solver().create(c.problem().create(), null);
    Solution sol = Solve.run(solver, theta, ContractFixtures.x0(solver.problem()),
        SolveOptions.iterations(K, Storage.lastTwo()));
    OptimalityCondition g = c.condition().factory().apply(sol);
    int n = solver.problem().dim();
    assertEquals(c.condition().capabilities().onState() ? solver.stateDim() : n, g.xDim(),
        c + ": the point the condition lives on");
    assertEquals(g.xDim(), g.outDim());
    assertEquals(c.condition().symmetricFor(solver), g.symmetric(), c + ": symmetry");
    double[] z = ContractFixtures.gaussian(new Random(9), g.xDim());
    for (int i = 0; i < z.length; i++) {
      z[i] *= 0.5;
    }
    FiniteDifferenceReport report = FiniteDifferences.checkMap(g, z, theta, 6);
    assertTrue(report.passes(1e-6, 1e-9), c + "\n" + report);
    ContractFixtures.adjoint(g, z, theta, 7, c.toString());
    if (g.symmetric()) {
      ContractFixtures.symmetricInX(g, z, theta, c.toString());
    }
  }
}
