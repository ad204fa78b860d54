package dev.iterdiff.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iterdiff.check.FiniteDifferenceReport;
import dev.iterdiff.check.FiniteDifferences;
import dev.iterdiff.contract.ContractFixtures.ProblemCase;
import dev.iterdiff.map.DifferentiableMap;
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
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The contract of every registered solver on every registered problem (each θ length it
 * accepts), enrolled from {@link Solvers#CATALOG} × {@code Problems.CATALOG}: a new entry is
 * tested the moment it is registered.
 *
 * <p>GIVEN three iterations from a random x₀ (a realistic step record and state), the
 * iteration map F_r of the last one: its four products against central finite differences
 * (relative 1e-6, absolute 1e-9) and the adjoint identity ⟨u, Jv⟩ = ⟨Jᵀu, v⟩ (1e-12); its
 * declared capabilities against what the instance does (state is x ⇔ stateDim = n; a
 * symmetric fixed point ⇒ jvpX = vjpX; record length = its field names; every listed step
 * spec accepted; its measure's value finite and ≥ 0).
 */
class SolverContractTest {

  /** A solver entry on a problem case. */
  record Combo(SolverEntry solver, ProblemCase problem) {
    @Override
    public String toString() {
      return "solver=" + solver.name() + " problem=" + problem;
    }
  }

  static List<Combo> combos() {
    List<Combo> out = new ArrayList<>();
    for (SolverEntry s : Solvers.CATALOG) {
      for (ProblemCase p : ContractFixtures.problems()) {
        out.add(new Combo(s, p));
      }
    }
    return out;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("combos")
  void aMisfitIsRefusedWhenTheSolverIsBuilt(Combo c) {
    String misfit = ContractFixtures.misfit(c.solver(), c.problem());
    Assumptions.assumeTrue(misfit != null, "the solver fits the problem");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> c.solver().create(c.problem().create(), null));
    assertTrue(e.getMessage().contains("third derivatives") || e.getMessage().contains("constraints")
        || e.getMessage().contains("quadratic programs"), e.getMessage());
  }

  private static Solution threeIterations(IterativeSolver solver, double[] theta) {
    return Solve.run(solver, theta, ContractFixtures.x0(solver.problem().dim()),
        SolveOptions.iterations(3, Storage.full()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("combos")
  void iterationMapProductsMatchFiniteDifferencesAndAreAdjoint(Combo c) {
    String misfit = ContractFixtures.misfit(c.solver(), c.problem());
    Assumptions.assumeTrue(misfit == null, misfit);
    double[] theta = c.problem().theta();
    IterativeSolver solver = c.solver().create(c.problem().create(), null);
    Solution sol = threeIterations(solver, theta);
    double[] record = new double[sol.trajectory().recordLength()];
    sol.trajectory().record(2, record);
    double[] state = new double[solver.stateDim()];
    sol.trajectory().state(2, state);
    DifferentiableMap map = solver.iteration(record);
    FiniteDifferenceReport report = FiniteDifferences.checkMap(map, state, theta, 3);
    assertTrue(report.passes(1e-6, 1e-9), c + "\n" + report);
    ContractFixtures.adjoint(map, state, theta, 4, c.toString());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("combos")
  void declaredCapabilitiesHold(Combo c) {
    String misfit = ContractFixtures.misfit(c.solver(), c.problem());
    Assumptions.assumeTrue(misfit == null, misfit);
    double[] theta = c.problem().theta();
    Problem problem = c.problem().create();
    IterativeSolver solver = c.solver().create(problem, null);
    assertEquals(c.solver().name(), solver.name(), "instance name = entry name");
    assertEquals(c.solver().capabilities().stateIsX(), solver.stateDim() == problem.dim(),
        c + ": stateIsX vs stateDim " + solver.stateDim() + ", n " + problem.dim());
    assertTrue(solver.recordLength() >= 1);
    assertEquals(solver.recordFields().size(), solver.recordLength());
    assertNotNull(solver.optimalityMeasure());
    Solution sol = threeIterations(solver, theta);
    assertEquals(solver.recordLength(), sol.trajectory().recordLength());
    assertTrue(sol.residual() >= 0 && Double.isFinite(sol.residual()), c + ": residual "
        + sol.residual());
    if (solver.symmetricFixedPoint()) {
      double[] record = new double[solver.recordLength()];
      sol.trajectory().record(2, record);
      ContractFixtures.symmetricInX(solver.iteration(record), sol.finalState(), theta,
          c.toString());
    }
    for (String spec : c.solver().capabilities().stepSpecs()) {
      if (!spec.contains("<")) { // placeholders such as <number> are not literal specs
        c.solver().checkStep(spec);
        c.solver().create(problem, spec);
      }
    }
  }
}
