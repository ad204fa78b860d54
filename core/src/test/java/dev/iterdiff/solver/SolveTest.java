package dev.iterdiff.solver;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iterdiff.problem.Problem;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class SolveTest {

  private final Problem ridge = SolverFixtures.ridge(21, 40, 6, 1);
  private final double[] theta = {0.1};
  private final double[] x0 = {1, -1, 2, 0, 0.5, -3};

  private Solution solve(IterativeSolver solver, int k, Storage storage) {
    return Solve.run(solver, theta, x0, SolveOptions.iterations(k, storage));
  }

  @Test
  void runsExactlyKIterationsWithoutTolerance() {
    Solution s = solve(new GradientDescent(ridge), 37, Storage.lastTwo());
    assertEquals(37, s.iterations());
    assertTrue(s.converged());
    double[] g = new double[6];
    ridge.gradient(s.x(), theta, g);
    assertEquals(MapCheck.norm(g), s.residual(), 1e-14);
    assertEquals(ridge.dim(), s.x().length);
  }

  @Test
  void stopsAtFirstStateUnderToleranceWithoutWastedSteps() {
    GradientDescent gd = new GradientDescent(ridge);
    Solution full = solve(gd, 400, Storage.full());
    double tol = 1e-6;
    int first = -1;
    double[] s = new double[6];
    double[] g = new double[6];
    for (int i = 0; i <= 400 && first < 0; i++) {
      full.trajectory().state(i, s);
      ridge.gradient(s, theta, g);
      if (MapCheck.norm(g) <= tol) {
        first = i;
      }
    }
    assertTrue(first > 0, "tolerance reached within the budget");
    Solution stopped = Solve.run(gd, theta, x0, new SolveOptions(400, tol, Storage.lastTwo()));
    assertEquals(first, stopped.iterations());
    assertTrue(stopped.converged());
    Solution budget = Solve.run(gd, theta, x0, new SolveOptions(first - 1, tol, Storage.lastTwo()));
    assertFalse(budget.converged());
    assertEquals(first - 1, budget.iterations());
  }

  @Test
  void zeroIterationsKeepsX0() {
    Solution s = solve(new GradientDescent(ridge), 0, Storage.checkpointed());
    assertArrayEquals(x0, s.x(), 0);
  }

  /** Every storage policy returns bitwise the states of FULL storage, for every solver. */
  @Test
  void checkpointedAndLastTrajectoriesEqualFull() {
    Problem logistic = SolverFixtures.logistic(22, 40, 6, 6);
    for (Function<Problem, IterativeSolver> make : TestSolvers.all()) {
      for (Problem problem : new Problem[] {ridge, logistic}) {
        int k = 30;
        Trajectory full = Solve.run(make.apply(problem), theta(problem), x0,
            SolveOptions.iterations(k, Storage.full())).trajectory();
        for (Storage st : new Storage[] {Storage.checkpointed(),
            new Storage(Storage.Kind.CHECKPOINTED, 4), new Storage(Storage.Kind.LAST, 5)}) {
          IterativeSolver solver = make.apply(problem);
          Trajectory t = Solve.run(solver, theta(problem), x0,
              SolveOptions.iterations(k, st)).trajectory();
          assertSameStates(full, t, k, solver.name() + " " + problem.name() + " " + st);
        }
      }
    }
  }

  private static void assertSameStates(Trajectory full, Trajectory t, int k, String label) {
    double[] a = new double[full.stateDim()];
    double[] b = new double[full.stateDim()];
    Storage st = t.storage();
    int lowest = st.kind() == Storage.Kind.LAST ? k - st.count() : 0;
    for (int i = k; i >= lowest; i--) { // backward, as reverse mode visits them
      full.state(i, a);
      t.state(i, b);
      assertArrayEquals(a, b, 0, label + " state " + i);
      if (i < k) {
        assertEquals(full.step(i), t.step(i), 0);
      }
    }
  }

  private double[] theta(Problem p) {
    return p.thetaDim() == 1 ? theta : new double[] {0.1, 0.01, 0.2, 0.05, 0.1, 0.3};
  }

  @Test
  void checkpointedStoresAboutSqrtKStates() {
    Solution s = solve(new GradientDescent(ridge), 100, Storage.checkpointed());
    Trajectory t = s.trajectory();
    int stored = 0;
    for (int i = 0; i <= 100; i++) {
      stored += t.isStored(i) ? 1 : 0;
    }
    assertEquals(11 + 1, stored, "s0, s10, ..., s100 and s99"); // c = ceil(sqrt(100)) = 10
  }

  @Test
  void lastStorageThrowsForOldStateNamingIndexAndPolicy() {
    Trajectory t = solve(new GradientDescent(ridge), 10, Storage.lastTwo()).trajectory();
    assertFalse(t.isStored(3));
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> t.state(3, new double[6]));
    assertEquals("state 3 is not stored: storage LAST(count=1) keeps states 9..10 of a "
        + "10-iteration solve; use FULL or CHECKPOINTED storage", e.getMessage());
  }

  @Test
  void divergenceWithStepTenOverLThrowsNamingSolverIterationResidual() {
    double l = ridge.lipschitz(theta);
    GradientDescent gd = new GradientDescent(ridge, StepRule.fixed(10 / l));
    DivergenceException e = assertThrows(DivergenceException.class,
        () -> solve(gd, 10_000, Storage.lastTwo()));
    assertEquals("gd", e.solver());
    assertTrue(e.iteration() > 0 && e.iteration() < 10_000);
    assertTrue(e.getMessage().startsWith("solver gd diverged at iteration " + e.iteration()
        + ": residual " + e.residual() + " ("), e.getMessage());
  }

  @Test
  void badThetaAndX0AreRejectedBeforeRunning() {
    GradientDescent gd = new GradientDescent(ridge);
    SolveOptions o = SolveOptions.iterations(5, Storage.lastTwo());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Solve.run(gd, new double[] {0.1, 0.2}, x0, o));
    assertEquals("theta: length 2, expected 1 or 6 (ridge: one λ or one per feature)",
        e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> Solve.run(gd, new double[] {Double.NaN}, x0, o));
    assertEquals("theta[0] is NaN (must be finite)", e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> Solve.run(gd, theta, new double[] {1, 2}, o));
    assertEquals("x0: length 2 != 6", e.getMessage());
    double[] bad = x0.clone();
    bad[4] = Double.POSITIVE_INFINITY;
    e = assertThrows(IllegalArgumentException.class, () -> Solve.run(gd, theta, bad, o));
    assertEquals("x0[4] is Infinity (must be finite)", e.getMessage());
  }

  @Test
  void heavyBallRecordsAlphaAndBetaPerIteration() {
    Problem p = SolverFixtures.ridge(12, 40, 5, 1);
    HeavyBall hb = new HeavyBall(p);
    double[] th = {0.3};
    Solution s = Solve.run(hb, th, new double[5], SolveOptions.iterations(4, Storage.full()));
    assertEquals(2, s.trajectory().recordLength());
    double[] record = new double[2];
    for (int i = 0; i < 4; i++) {
      s.trajectory().record(i, record);
      assertArrayEquals(new double[] {hb.alpha(th), hb.beta(th)}, record, 0);
    }
    assertEquals(OptimalityMeasure.GRADIENT_NORM, s.measure());
    assertThrows(IndexOutOfBoundsException.class, () -> s.trajectory().record(4, record));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> s.trajectory().record(0, new double[1]));
    assertEquals("record out: length 1 != 2", e.getMessage());
  }
}
