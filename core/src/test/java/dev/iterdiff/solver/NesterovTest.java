package dev.iterdiff.solver;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iterdiff.problem.LabeledData;
import dev.iterdiff.problem.LogisticProblem;
import dev.iterdiff.problem.Problem;
import dev.iterdiff.problem.RidgeProblem;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Nesterov's accelerated gradient as a solver: convergence (ridge against the closed form,
 * logistic against Newton), the FISTA momentum sequence in the step records, acceleration
 * over gradient descent, and its step specs. Its products are checked against central
 * differences and forward AD in {@link IterationMapsTest} and the solver contract test.
 */
class NesterovTest {

  @Test
  void convergesToTheRidgeClosedFormWithBothMomenta() {
    // GIVEN ridge on random data, one λ per feature
    LabeledData data = SolverFixtures.gaussianData(13, 60, 5, false);
    double[] theta = {0.2, 0.4, 0.1, 0.3, 0.5};
    double[] expected = SolverFixtures.ridgeClosedForm(data, theta);
    for (String spec : new String[] {null, "fista", "1/L, fista"}) {
      // WHEN Nesterov runs to ‖∇f‖ ≤ 1e-12
      IterativeSolver nag = Solvers.create("nesterov", new RidgeProblem(data, 5), spec);
      Solution s = Solve.run(nag, theta, new double[5], new SolveOptions(5000, 1e-12,
          Storage.lastTwo()));
      // THEN x_k is the closed form to 1e-10
      assertTrue(s.converged(), spec + ": residual " + s.residual());
      assertTrue(MapCheck.relErr(s.x(), expected) < 1e-10, spec + ": rel err "
          + MapCheck.relErr(s.x(), expected));
      assertEquals("gradient-norm", s.measure().name());
    }
  }

  @Test
  void convergesOnLogisticToNewtonsSolutionAndFasterThanGradientDescent() {
    LogisticProblem p = SolverFixtures.logistic(21, 80, 6, 1);
    double[] theta = {1e-3};
    SolveOptions tol = new SolveOptions(100_000, 1e-10, Storage.lastTwo());
    Solution newton = Solve.run(new Newton(p), theta, new double[6], tol);
    Solution nag = Solve.run(Solvers.create("nesterov", p, null), theta, new double[6], tol);
    Solution gd = Solve.run(new GradientDescent(p), theta, new double[6], tol);
    assertTrue(nag.converged() && gd.converged());
    assertTrue(MapCheck.relErr(nag.x(), newton.x()) < 1e-8,
        "rel err " + MapCheck.relErr(nag.x(), newton.x()));
    // κ = L/μ ≫ 1: O(√κ log 1/ε) against O(κ log 1/ε) iterations (measured: 243 vs 628)
    assertTrue(2 * nag.iterations() < gd.iterations(),
        "nesterov " + nag.iterations() + " vs gd " + gd.iterations());
  }

  @Test
  void recordsTheStepAndTheFistaMomentumSequence() {
    Problem p = SolverFixtures.ridge(12, 40, 5, 1);
    double[] theta = {0.3};
    Nesterov nag = (Nesterov) Solvers.create("nesterov", p, "fista");
    Solution s = Solve.run(nag, theta, new double[5], SolveOptions.iterations(6, Storage.full()));
    assertEquals(List.of("t", "beta"), nag.recordFields());
    assertEquals(2, s.trajectory().recordLength());
    // τ₁ = 1, τ_{i+1} = (1 + √(1 + 4τ_i²))/2, β_i = (τ_i − 1)/τ_{i+1}; β₀ = 0
    double tau = 1;
    double[] record = new double[2];
    for (int i = 0; i < 6; i++) {
      s.trajectory().record(i, record);
      assertEquals(1 / p.lipschitz(theta), record[0], 0);
      assertEquals(record[0], s.trajectory().step(i), 0);
      double beta = 0;
      if (i > 0) {
        double next = (1 + Math.sqrt(1 + 4 * tau * tau)) / 2;
        beta = (tau - 1) / next;
        tau = next;
      }
      assertEquals(beta, record[1], 1e-15, "beta_" + i);
    }
    // a second solve restarts the sequence
    Solution again = Solve.run(nag, theta, new double[5], SolveOptions.iterations(6,
        Storage.full()));
    double[] other = new double[2];
    for (int i = 0; i < 6; i++) {
      s.trajectory().record(i, record);
      again.trajectory().record(i, other);
      assertArrayEquals(record, other, 0);
    }
  }

  @Test
  void constantMomentumIsTheStronglyConvexChoice() {
    Problem p = SolverFixtures.ridge(12, 40, 5, 1);
    double[] theta = {0.3};
    double sl = Math.sqrt(p.lipschitz(theta));
    double sm = Math.sqrt(p.strongConvexity(theta));
    Solution s = Solve.run(Solvers.create("nesterov", p, "0.05"), theta, new double[5],
        SolveOptions.iterations(3, Storage.lastTwo()));
    double[] record = new double[2];
    s.trajectory().record(2, record);
    assertArrayEquals(new double[] {0.05, (sl - sm) / (sl + sm)}, record, 1e-15);
  }

  @Test
  void badSpecsRecordsAndProblemsAreRejected() {
    Problem p = SolverFixtures.ridge(12, 40, 5, 1);
    IllegalArgumentException spec = assertThrows(IllegalArgumentException.class,
        () -> Solvers.create("nesterov", p, "fast"));
    assertEquals("--step: 'fast' does not apply to nesterov (expected 1/L, 2/(mu+L) or a "
        + "positive number, optionally followed by ,fista; or fista)", spec.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Nesterov.ENTRY.checkStep("-1,fista"));
    Nesterov.ENTRY.checkStep("2/(mu+L), fista");
    Nesterov nag = (Nesterov) Nesterov.ENTRY.create(p, null);
    IllegalArgumentException length = assertThrows(IllegalArgumentException.class,
        () -> nag.iteration(0.1));
    assertEquals("nesterov step record [t, beta]: length 1 != 2", length.getMessage());
    IllegalArgumentException beta = assertThrows(IllegalArgumentException.class,
        () -> nag.iteration(0.1, 1.0));
    assertEquals("nesterov: momentum beta must be in [0, 1), got 1.0", beta.getMessage());
    // μ = 0: the constant momentum would be 1, refused with the way out
    Problem flat = new CountingProblem((dev.iterdiff.problem.ThirdOrderProblem) p) {
      @Override
      public double strongConvexity(double[] t) {
        return 0;
      }
    };
    IllegalArgumentException mu = assertThrows(IllegalArgumentException.class,
        () -> Solve.run(Nesterov.ENTRY.create(flat, null), new double[] {0.3}, new double[5],
            SolveOptions.iterations(1, Storage.lastTwo())));
    assertEquals("nesterov: constant momentum needs strong convexity mu > 0, got mu = 0.0 for "
        + p.name() + " (use step spec fista)", mu.getMessage());
  }
}
