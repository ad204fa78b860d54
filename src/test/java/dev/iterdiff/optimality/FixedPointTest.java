package dev.iterdiff.optimality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iterdiff.problem.Problem;
import dev.iterdiff.solver.GradientDescent;
import dev.iterdiff.solver.MapCheck;
import dev.iterdiff.solver.TestRidge;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FixedPointTest {

  @Test
  void gradientDescentFixedPointProductsMatchCentralDifferences() {
    for (int m : new int[] {1, 5}) {
      Problem p = TestRidge.random(8, 30, 5, m);
      Random rng = new Random(2);
      double[] theta = new double[m];
      for (int j = 0; j < m; j++) {
        theta[j] = 0.1 + rng.nextDouble();
      }
      GradientDescent gd = new GradientDescent(p);
      FixedPoint g = new FixedPoint(gd, gd.step(theta));
      assertTrue(g.symmetric());
      assertEquals("fixed-point(gd)", g.name());
      MapCheck.checkAll(g, MapCheck.random(rng, 5), theta, 4, 1e-4, 1e-8);
    }
  }

  @Test
  void gradientDescentFixedPointIsMinusStepTimesGradient() {
    Problem p = TestRidge.random(8, 30, 5, 1);
    double[] theta = {0.4};
    double[] x = {1, 2, 3, -1, 0};
    double[] g = new double[5];
    double[] grad = new double[5];
    new FixedPoint(new GradientDescent(p), 0.05).apply(x, theta, g);
    p.gradient(x, theta, grad);
    for (int i = 0; i < 5; i++) {
      assertEquals(-0.05 * grad[i], g[i], 1e-15 * (1 + Math.abs(x[i])));
    }
  }

  @Test
  void nonPositiveStepIsRejected() {
    GradientDescent gd = new GradientDescent(TestRidge.random(8, 30, 5, 1));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new FixedPoint(gd, -1));
    assertEquals("fixed-point step must be finite and > 0, got -1.0", e.getMessage());
  }
}
