package dev.iterdiff.bilevel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The parametrization catalog: maps, chain rule against central differences, bounds, errors. */
class ParametrizationsTest {

  /** G(θ) = ½‖θ − c‖², ∇ = θ − c: a closed-form outer objective on θ itself. */
  static final class Quadratic implements OuterEvaluator {
    final double[] c;

    Quadratic(double... c) {
      this.c = c;
    }

    @Override
    public int thetaDim() {
      return c.length;
    }

    @Override
    public OuterEvaluation evaluate(double[] theta, double tol) {
      double v = 0;
      double[] g = new double[c.length];
      for (int j = 0; j < c.length; j++) {
        g[j] = theta[j] - c[j];
        v += 0.5 * g[j] * g[j];
      }
      return new OuterEvaluation(v, g, 0, 1, 0, 0, 0, 0, 0);
    }
  }

  @Test
  void gradientToPhiIsTheChainRuleOfToTheta() {
    double[] phi = {-0.3, 0.7};
    double[] g = {1.5, -2.0};
    for (String name : Parametrizations.NAMES) {
      boolean bounded = Parametrizations.CATALOG.get(name).boundsAllowed();
      Parametrization p = Parametrizations.create(name, bounded ? -1 : Double.NEGATIVE_INFINITY,
          bounded ? 1 : Double.POSITIVE_INFINITY);
      double[] theta = new double[2];
      p.toTheta(phi, theta);
      double[] out = new double[2];
      p.gradientToPhi(phi, theta, g, out);
      // central differences of gᵀT(φ), h = 1e-6: error O(h²) ≈ 1e-12, tolerance 1e-8
      for (int j = 0; j < 2; j++) {
        double[] up = phi.clone();
        double[] dn = phi.clone();
        up[j] += 1e-6;
        dn[j] -= 1e-6;
        double[] tu = new double[2];
        double[] td = new double[2];
        p.toTheta(up, tu);
        p.toTheta(dn, td);
        double fd = (g[0] * (tu[0] - td[0]) + g[1] * (tu[1] - td[1])) / 2e-6;
        assertEquals(fd, out[j], 1e-8, name + " entry " + j);
      }
      assertArrayEquals(phi, p.toPhi(theta), 1e-15, name + " round trip");
    }
  }

  @Test
  void boxProjectsAndTheLoopStopsAtTheConstrainedMinimizer() {
    // GIVEN min ½‖θ − (2, 0.25)‖² over θ ∈ [0, 1]²: the solution is (1, 0.25)
    OuterOptions o = OuterOptions.defaults().withRule("gd", "fixed", 0.5)
        .withStopping(200, 1e-10, 0).withParametrization("box", 0, 1);
    OuterLoop loop = new OuterLoop(o);
    OuterState s = loop.run(new Quadratic(2, 0.25), loop.initialState(new double[] {0.5, 0.5},
        "f"), st -> { }, Integer.MAX_VALUE);
    // THEN every evaluated θ is in the box, and the best is the projection of c
    for (OuterStep step : s.history()) {
      for (double t : step.theta()) {
        assertEquals(0.5, t, 0.5 + 1e-15, "theta in [0, 1]");
      }
    }
    // G = ½ + ½(θ₁ − ¼)² stops changing in double once |θ₁ − ¼| < √ulp(½) ≈ 1.5e-8, and the
    // gradient norm stays 1 on the face θ₀ = 1: the loop ends on relative improvement there
    assertArrayEquals(new double[] {1, 0.25}, s.bestTheta(), 2e-8);
  }

  @Test
  void identityReachesAnUnconstrainedMinimizerWithNegativeEntries() {
    OuterOptions o = OuterOptions.defaults().withRule("gd", "backtracking", 1.0)
        .withStopping(200, 1e-10, 0)
        .withParametrization("identity", Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
    OuterLoop loop = new OuterLoop(o);
    OuterState s = loop.run(new Quadratic(-3, 0), loop.initialState(new double[] {1, 1}, "f"),
        st -> { }, Integer.MAX_VALUE);
    assertArrayEquals(new double[] {-3, 0}, s.bestTheta(), 1e-9);
    assertEquals("gradient-norm", s.stopReason());
  }

  @Test
  void badBoundsAndNamesAreRefusedWithTheValues() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> OuterOptions.defaults().withParametrization("identity", -1, 1));
    assertEquals("parametrization identity takes no bounds, got [-1.0, 1.0] (use box to clip)",
        e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> OuterOptions.defaults().withParametrization("box", 1, 0));
    assertEquals("parametrization box: lower bound 1.0 must be < upper bound 0.0",
        e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> OuterOptions.defaults().withParametrization("sigmoid", 0, 1));
    assertEquals("parametrization: unknown 'sigmoid' (valid: log, identity, box)",
        e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> Parametrizations.create("box", 0, 1).toPhi(new double[] {0.5, 1.5}));
    assertEquals("theta[1] = 1.5 is out of its domain [0.0, 1.0]", e.getMessage());
  }
}
