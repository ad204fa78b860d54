package dev.iterdiff.solver;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iterdiff.diff.Diagnostics;
import dev.iterdiff.diff.EstimatorOptions;
import dev.iterdiff.diff.Estimators;
import dev.iterdiff.diff.JacobianEstimate;
import dev.iterdiff.diff.JacobianEstimator;
import dev.iterdiff.problem.Problem;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * {@link Solve#runBudgets}: one solve to the largest budget gives, for every budget k, the
 * solution of a separate k-iteration solve — same iterates, residual, convergence — and every
 * estimator gives on it bitwise the Jacobian and diagnostics it gives on the separate solve.
 * The separate solves keep the storage the estimators ask for at k (LAST for one-step and
 * implicit, FULL for unrolled-reverse); the shared one FULL or CHECKPOINTED.
 */
class SolveBudgetsTest {

  private static final int[] BUDGETS = {25, 4, 12, 1};

  private static List<Function<Problem, IterativeSolver>> solvers() {
    List<Function<Problem, IterativeSolver>> all = new ArrayList<>(TestSolvers.all());
    all.add(p -> Solvers.create("chebyshev", p, null));
    return all;
  }

  @Test
  void everyBudgetEqualsItsOwnSolveBitwiseWithEveryEstimator() {
    Problem ridge = SolverFixtures.ridge(31, 40, 6, 6);
    Problem logistic = SolverFixtures.logistic(32, 40, 6, 1);
    double[][] thetas = {{0.05, 0.1, 0.2, 0.3, 0.4, 0.5}, {0.1}};
    EstimatorOptions eo = EstimatorOptions.defaults().withTruncation(1);
    List<String> names = Estimators.NAMES;
    int checked = 0;
    for (Function<Problem, IterativeSolver> make : solvers()) {
      Problem[] problems = {ridge, logistic};
      for (int p = 0; p < problems.length; p++) {
        double[] theta = thetas[p];
        double[] x0 = new double[problems[p].dim()];
        for (Storage shared : new Storage[] {Storage.full(), Storage.checkpointed(),
            new Storage(Storage.Kind.CHECKPOINTED, 3)}) {
          IterativeSolver solver = make.apply(problems[p]);
          Solution[] prefixes = Solve.runBudgets(solver, theta, x0,
              new SolveOptions(0, Double.NaN, shared), BUDGETS);
          for (int j = 0; j < BUDGETS.length; j++) {
            int k = BUDGETS[j];
            IterativeSolver own = make.apply(problems[p]);
            Solution alone = Solve.run(own, theta, x0, SolveOptions.iterations(k,
                Estimators.requiredStorage(names, k, eo)));
            Solution prefix = prefixes[j];
            String what = solver.name() + " on " + problems[p].getClass().getSimpleName()
                + ", shared " + shared + ", k = " + k;
            assertEquals(k, prefix.iterations(), what);
            assertEquals(alone.residual(), prefix.residual(), 0.0, what);
            assertEquals(alone.converged(), prefix.converged(), what);
            assertArrayEquals(alone.x(), prefix.x(), 0.0, what);
            for (String name : names) {
              JacobianEstimator e = Estimators.byName(name, eo);
              JacobianEstimate a = e.jacobian(alone);
              JacobianEstimate b = e.jacobian(prefix);
              assertArrayEquals(a.jacobian(), b.jacobian(), 0.0, what + ", " + name);
              assertDiagnosticsEqual(a.diagnostics(), b.diagnostics(), what + ", " + name);
              checked++;
            }
          }
        }
      }
    }
    assertTrue(checked > 500, "checked " + checked);
  }

  private static void assertDiagnosticsEqual(Diagnostics a, Diagnostics b, String what) {
    assertEquals(a.iterations(), b.iterations(), what);
    assertEquals(a.optimalityResidual(), b.optimalityResidual(), 0.0, what);
    assertEquals(a.rho(), b.rho(), 0.0, what);
    assertEquals(a.thetaJacobianNorm(), b.thetaJacobianNorm(), 0.0, what);
    assertEquals(a.oneStepBound(), b.oneStepBound(), 0.0, what);
    assertEquals(a.linearIterations(), b.linearIterations(), what);
    assertEquals(a.linearResidual(), b.linearResidual(), 0.0, what);
  }

  /** With a tolerance every budget stops where its own solve stops, converged or not. */
  @Test
  void aToleranceStopsEveryBudgetWhereItsOwnSolveStops() {
    Problem ridge = SolverFixtures.ridge(33, 40, 6, 1);
    double[] theta = {0.1};
    double[] x0 = new double[6];
    double tol = 1e-6;
    int[] budgets = {5, 400, 60, 1000};
    Solution[] shared = Solve.runBudgets(new GradientDescent(ridge), theta, x0,
        new SolveOptions(0, tol, Storage.full()), budgets);
    boolean someConverged = false;
    boolean someNot = false;
    for (int j = 0; j < budgets.length; j++) {
      Solution alone = Solve.run(new GradientDescent(ridge), theta, x0,
          new SolveOptions(budgets[j], tol, Storage.lastTwo()));
      assertEquals(alone.iterations(), shared[j].iterations(), "k = " + budgets[j]);
      assertEquals(alone.converged(), shared[j].converged(), "k = " + budgets[j]);
      assertEquals(alone.residual(), shared[j].residual(), 0.0, "k = " + budgets[j]);
      assertArrayEquals(alone.x(), shared[j].x(), 0.0, "k = " + budgets[j]);
      someConverged |= alone.converged();
      someNot |= !alone.converged();
    }
    assertTrue(someConverged && someNot, "budgets on both sides of the stopping iteration");
    assertTrue(shared[0].seconds() <= shared[3].seconds());
  }

  @Test
  void prefixesRefuseStatesAndStepsBeyondTheirBudget() {
    Problem ridge = SolverFixtures.ridge(34, 20, 4, 1);
    Solution[] s = Solve.runBudgets(new GradientDescent(ridge), new double[] {0.1},
        new double[4], new SolveOptions(0, Double.NaN, Storage.full()), new int[] {3, 9});
    assertThrows(IndexOutOfBoundsException.class, () -> s[0].trajectory().state(4,
        new double[4]));
    assertThrows(IndexOutOfBoundsException.class, () -> s[0].trajectory().step(3));
    assertEquals(9, s[1].iterations());
  }

  @Test
  void refusesEmptyOrNegativeBudgetsAndLastStorage() {
    Problem ridge = SolverFixtures.ridge(35, 20, 4, 1);
    GradientDescent gd = new GradientDescent(ridge);
    double[] theta = {0.1};
    double[] x0 = new double[4];
    SolveOptions full = new SolveOptions(0, Double.NaN, Storage.full());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Solve.runBudgets(gd, theta, x0, full, new int[0]));
    assertTrue(e.getMessage().contains("budgets: empty"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> Solve.runBudgets(gd, theta, x0, full, new int[] {3, -1}));
    assertTrue(e.getMessage().contains("got -1"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Solve.runBudgets(gd, theta, x0,
        new SolveOptions(0, Double.NaN, Storage.lastTwo()), new int[] {3}));
    assertTrue(e.getMessage().contains("LAST(1)"), e.getMessage());
    assertFalse(e.getMessage().isEmpty());
  }
}
