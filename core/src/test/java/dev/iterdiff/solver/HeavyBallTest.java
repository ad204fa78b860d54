package dev.iterdiff.solver;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iterdiff.check.FiniteDifferenceReport;
import dev.iterdiff.check.FiniteDifferences;
import dev.iterdiff.problem.LabeledData;
import dev.iterdiff.problem.Problem;
import dev.iterdiff.problem.RidgeProblem;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Heavy ball beyond the default-parameter products (in {@link IterationMapsTest}). */
class HeavyBallTest {

  @Test
  void fixedParameterProductsMatchCentralDifferences() {
    Problem p = SolverFixtures.logistic(12, 40, 5, 5);
    double[] theta = {0.1, 0.2, 0.3, 0.4, 0.5};
    HeavyBall fixed = new HeavyBall(p, StepRule.fixed(0.05), 0.3);
    double[] s = MapCheck.random(new Random(6), 10);
    FiniteDifferenceReport r = FiniteDifferences.checkMap(fixed.iteration(0.05, 0.3), s, theta, 6);
    assertTrue(r.passes(1e-6, 1e-9), r.toString());
    MapCheck.adjoint(fixed.iteration(0.05, 0.3), s, theta, 6);
  }

  @Test
  void defaultsAreOptimalQuadraticParameters() {
    Problem p = SolverFixtures.ridge(12, 40, 5, 1);
    double[] theta = {0.3};
    double sl = Math.sqrt(p.lipschitz(theta));
    double sm = Math.sqrt(p.strongConvexity(theta));
    HeavyBall hb = new HeavyBall(p);
    assertEquals(4 / ((sl + sm) * (sl + sm)), hb.alpha(theta), 1e-15);
    assertEquals(Math.pow((sl - sm) / (sl + sm), 2), hb.beta(theta), 1e-15);
  }

  @Test
  void convergesToRidgeClosedFormAndStateIsXThenXPrev() {
    LabeledData data = SolverFixtures.gaussianData(13, 60, 5, false);
    double[] theta = {0.2, 0.4, 0.1, 0.3, 0.5};
    HeavyBall hb = new HeavyBall(new RidgeProblem(data, 5));
    double[] x0 = {1, 2, 3, 4, 5};
    Solution s = Solve.run(hb, theta, x0, new SolveOptions(5000, 1e-12, Storage.full()));
    assertTrue(s.converged());
    double[] expected = SolverFixtures.ridgeClosedForm(data, theta);
    assertTrue(MapCheck.relErr(s.x(), expected) < 1e-10,
        "rel err " + MapCheck.relErr(s.x(), expected));
    double[] s0 = new double[10];
    double[] s1 = new double[10];
    s.trajectory().state(0, s0);
    s.trajectory().state(1, s1);
    assertArrayEquals(x0, Arrays.copyOfRange(s0, 5, 10), 0);
    assertArrayEquals(x0, Arrays.copyOfRange(s1, 5, 10), 0);
  }

  @Test
  void badStepRecordsAndMomentaAreRejected() {
    HeavyBall hb = new HeavyBall(SolverFixtures.ridge(12, 40, 5, 1));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> hb.iteration(0.123));
    assertEquals("heavy-ball step record [alpha, beta]: length 1 != 2", e.getMessage());
    IllegalArgumentException m = assertThrows(IllegalArgumentException.class,
        () -> hb.iteration(0.123, 1.5));
    assertEquals("heavy-ball: momentum beta must be in [0, 1), got 1.5", m.getMessage());
    IllegalArgumentException t = assertThrows(IllegalArgumentException.class,
        () -> hb.iteration(-1, 0.5));
    assertEquals("heavy-ball step alpha must be finite and > 0, got -1.0", t.getMessage());
    IllegalArgumentException b = assertThrows(IllegalArgumentException.class,
        () -> new HeavyBall(SolverFixtures.ridge(12, 40, 5, 1), null, 1.0));
    assertEquals("heavy-ball: momentum beta must be in [0, 1), got 1.0", b.getMessage());
  }
}
