package dev.iterdiff.solver;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iterdiff.map.DifferentiableMap;
import dev.iterdiff.problem.Problem;
import java.util.Random;
import org.junit.jupiter.api.Test;

class HeavyBallTest {

  @Test
  void productsMatchCentralDifferencesBothThetaModes() {
    for (int m : new int[] {1, 5}) {
      Problem p = TestRidge.random(12, 40, 5, m);
      Random rng = new Random(9);
      double[] theta = new double[m];
      for (int j = 0; j < m; j++) {
        theta[j] = 0.1 + rng.nextDouble();
      }
      HeavyBall hb = new HeavyBall(p);
      DifferentiableMap f = hb.iteration(hb.alpha(theta));
      assertEquals(10, f.xDim());
      MapCheck.checkAll(f, MapCheck.random(rng, 10), theta, 5, 1e-4, 1e-8);
      HeavyBall fixed = new HeavyBall(p, StepRule.fixed(0.05), 0.3);
      MapCheck.checkAll(fixed.iteration(0.05), MapCheck.random(rng, 10), theta, 6, 1e-4, 1e-8);
    }
  }

  @Test
  void defaultsAreOptimalQuadraticParameters() {
    Problem p = TestRidge.random(12, 40, 5, 1);
    double[] theta = {0.3};
    double l = p.lipschitz(theta);
    double mu = p.strongConvexity(theta);
    HeavyBall hb = new HeavyBall(p);
    double sl = Math.sqrt(l);
    double sm = Math.sqrt(mu);
    assertEquals(4 / ((sl + sm) * (sl + sm)), hb.alpha(theta), 1e-15);
    assertEquals(Math.pow((sl - sm) / (sl + sm), 2), hb.beta(theta), 1e-15);
  }

  @Test
  void convergesToRidgeClosedFormAndStateIsXThenXPrev() {
    Problem p = TestRidge.random(13, 60, 5, 5);
    double[] theta = {0.2, 0.4, 0.1, 0.3, 0.5};
    HeavyBall hb = new HeavyBall(p);
    double[] x0 = {1, 2, 3, 4, 5};
    Solution s = Solve.run(hb, theta, x0, new SolveOptions(5000, 1e-11, Storage.full()));
    assertTrue(s.converged());
    double[] expected = GradientDescentTest.ridgeClosedForm(p, theta);
    assertTrue(MapCheck.relErr(s.x(), expected) < 1e-9, "rel err " + MapCheck.relErr(s.x(), expected));
    double[] s1 = new double[10];
    s.trajectory().state(1, s1);
    double[] s0 = new double[10];
    s.trajectory().state(0, s0);
    assertArrayEquals(x0, java.util.Arrays.copyOfRange(s0, 5, 10), 0);
    assertArrayEquals(x0, java.util.Arrays.copyOfRange(s1, 5, 10), 0);
  }

  @Test
  void unknownStepWithoutFixedMomentumIsRejected() {
    HeavyBall hb = new HeavyBall(TestRidge.random(12, 40, 5, 1));
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> hb.iteration(0.123));
    assertEquals("heavy-ball: no momentum recorded for step 0.123; call iteration(step) with a "
        + "step returned by advance", e.getMessage());
    IllegalArgumentException b = assertThrows(IllegalArgumentException.class,
        () -> new HeavyBall(TestRidge.random(12, 40, 5, 1), null, 1.0));
    assertEquals("heavy-ball: momentum beta must be in [0, 1), got 1.0", b.getMessage());
  }
}
