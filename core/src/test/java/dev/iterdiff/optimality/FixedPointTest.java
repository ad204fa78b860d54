package dev.iterdiff.optimality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iterdiff.check.FiniteDifferenceReport;
import dev.iterdiff.check.FieldMap;
import dev.iterdiff.check.FiniteDifferences;
import dev.iterdiff.check.ForwardModeMap;
import dev.iterdiff.problem.Problem;
import dev.iterdiff.solver.FieldIterations;
import dev.iterdiff.solver.GradientDescent;
import dev.iterdiff.solver.HeavyBall;
import dev.iterdiff.solver.IterativeSolver;
import dev.iterdiff.solver.MapCheck;
import dev.iterdiff.solver.Newton;
import dev.iterdiff.solver.SolverFixtures;
import dev.iterdiff.solver.SolverFixtures.Case;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * G = F_t(s) − s for gradient descent, heavy ball and Newton on ridge and logistic (both θ
 * modes): products against central differences (relative 1e-6 or absolute 1e-9), forward-mode
 * AD of the generic iteration maps (relative 1e-10) and the adjoint identity (1e-12).
 */
class FixedPointTest {

  @Test
  void productsMatchCentralDifferencesForEverySolver() {
    for (Case c : SolverFixtures.cases()) {
      Problem p = c.problem();
      GradientDescent gd = new GradientDescent(p);
      HeavyBall hb = new HeavyBall(p);
      IterativeSolver[] solvers = {gd, hb, new Newton(p)};
      double[][] records = {{gd.step(c.theta())}, {hb.alpha(c.theta()), hb.beta(c.theta())},
          {0.8}};
      double[] steps = {records[0][0], records[1][0], records[2][0]};
      int n = p.dim();
      int m = p.thetaDim();
      FieldMap[] references = {
          FieldIterations.gradientDescent(c.field(), n, m, steps[0]),
          FieldIterations.heavyBall(c.field(), n, m, steps[1], hb.beta(c.theta())),
          FieldIterations.newton(c.field(), n, m, steps[2])};
      for (int k = 0; k < 3; k++) {
        FixedPoint g = new FixedPoint(solvers[k], records[k]);
        assertEquals(k == 0, g.symmetric());
        double[] s = MapCheck.random(new Random(k), g.xDim());
        FiniteDifferenceReport r = FiniteDifferences.checkMap(g, s, c.theta(), 4);
        assertTrue(r.passes(1e-6, 1e-9), c + " " + g.name() + "\n" + r);
        MapCheck.sameProducts(g, new ForwardModeMap(FieldIterations.fixedPoint(references[k])),
            s, c.theta(), 6, 1e-10, c + " " + g.name());
        MapCheck.adjoint(g, s, c.theta(), 5);
      }
    }
  }

  @Test
  void gradientDescentFixedPointIsMinusStepTimesGradient() {
    Problem p = SolverFixtures.logistic(8, 30, 5, 1);
    double[] theta = {0.4};
    double[] x = {1, 2, 3, -1, 0};
    double[] g = new double[5];
    double[] grad = new double[5];
    FixedPoint fp = new FixedPoint(new GradientDescent(p), 0.05);
    assertEquals("fixed-point(gd)", fp.name());
    fp.apply(x, theta, g);
    p.gradient(x, theta, grad);
    for (int i = 0; i < 5; i++) {
      assertEquals(-0.05 * grad[i], g[i], 1e-15 * (1 + Math.abs(x[i])));
    }
    assertFalse(new FixedPoint(new Newton(p), 1.0).symmetric());
  }

  @Test
  void nonPositiveStepIsRejected() {
    GradientDescent gd = new GradientDescent(SolverFixtures.ridge(8, 30, 5, 1));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new FixedPoint(gd, -1));
    assertEquals("fixed-point step must be finite and > 0, got -1.0", e.getMessage());
  }
}
