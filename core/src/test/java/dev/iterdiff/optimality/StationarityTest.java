package dev.iterdiff.optimality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iterdiff.check.FiniteDifferenceReport;
import dev.iterdiff.check.FiniteDifferences;
import dev.iterdiff.check.ForwardModeMap;
import dev.iterdiff.solver.FieldIterations;
import dev.iterdiff.solver.MapCheck;
import dev.iterdiff.solver.SolverFixtures;
import dev.iterdiff.solver.SolverFixtures.Case;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * G = ∇ₓf on ridge and logistic (random data, both θ modes): products against central
 * differences (relative 1e-6 or absolute 1e-9), forward-mode AD of an independent generic
 * gradient (1e-10 relative), and the adjoint identity (1e-12).
 */
class StationarityTest {

  @Test
  void productsMatchFiniteDifferencesAndForwardModeAd() {
    for (Case c : SolverFixtures.cases()) {
      Stationarity g = new Stationarity(c.problem());
      assertTrue(g.symmetric());
      assertEquals("stationarity", g.name());
      double[] x = MapCheck.random(new Random(c.label().hashCode()), g.xDim());
      FiniteDifferenceReport r = FiniteDifferences.checkMap(g, x, c.theta(), 3);
      assertTrue(r.passes(1e-6, 1e-9), c + "\n" + r);
      ForwardModeMap ad = new ForwardModeMap(
          FieldIterations.stationarity(c.field(), g.xDim(), g.thetaDim()));
      MapCheck.sameProducts(g, ad, x, c.theta(), 4, 1e-10, c.label());
      MapCheck.adjoint(g, x, c.theta(), 5);
    }
  }

  @Test
  void wrongLengthsAreNamed() {
    Stationarity g = new Stationarity(SolverFixtures.ridge(7, 30, 5, 1));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> g.jvpX(new double[5], new double[1], new double[4], new double[5]));
    assertEquals("v: length 4 != 5", e.getMessage());
  }
}
