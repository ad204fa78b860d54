package dev.iterdiff.optimality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iterdiff.problem.Problem;
import dev.iterdiff.solver.MapCheck;
import dev.iterdiff.solver.TestRidge;
import java.util.Random;
import org.junit.jupiter.api.Test;

class StationarityTest {

  @Test
  void productsMatchCentralDifferencesBothThetaModes() {
    for (int m : new int[] {1, 5}) {
      Problem p = TestRidge.random(7, 30, 5, m);
      Random rng = new Random(1);
      double[] theta = new double[m];
      for (int j = 0; j < m; j++) {
        theta[j] = 0.1 + rng.nextDouble();
      }
      Stationarity g = new Stationarity(p);
      assertTrue(g.symmetric());
      assertEquals("stationarity", g.name());
      MapCheck.checkAll(g, MapCheck.random(rng, 5), theta, 3, 1e-4, 1e-8);
    }
  }

  @Test
  void wrongLengthsAreNamed() {
    Stationarity g = new Stationarity(TestRidge.random(7, 30, 5, 1));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> g.jvpX(new double[5], new double[1], new double[4], new double[5]));
    assertEquals("v: length 4 != 5", e.getMessage());
  }
}
