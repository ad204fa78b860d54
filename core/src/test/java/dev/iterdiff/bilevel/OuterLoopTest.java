package dev.iterdiff.bilevel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The outer loop on an analytic outer objective G(θ) = ½(φ − c)ᵀQ(φ − c), φ = log θ, whose
 * minimizer is θ* = exp(c) (closed form); ∇_θG = Q(φ − c) / θ.
 */
class OuterLoopTest {

  private static final double[] C = {Math.log(0.3), Math.log(4.0)};
  private static final double[][] Q = {{2.0, 0.5}, {0.5, 1.0}};

  /** Counts evaluations and records the tolerances it was asked for. */
  static final class QuadraticInLog implements OuterEvaluator {
    int calls;

    @Override
    public int thetaDim() {
      return 2;
    }

    @Override
    public OuterEvaluation evaluate(double[] theta, double tol) {
      calls++;
      double[] d = {Math.log(theta[0]) - C[0], Math.log(theta[1]) - C[1]};
      double[] qd = {Q[0][0] * d[0] + Q[0][1] * d[1], Q[1][0] * d[0] + Q[1][1] * d[1]};
      double v = 0.5 * (d[0] * qd[0] + d[1] * qd[1]);
      return new OuterEvaluation(v, new double[] {qd[0] / theta[0], qd[1] / theta[1]}, 0, 1,
          1, 1, 0, 0, 0);
    }
  }

  private static OuterOptions options(String opt, String rule, double lr) {
    return OuterOptions.defaults().withRule(opt, rule, lr).withStopping(500, 1e-8, 0);
  }

  private static void assertReachesMinimizer(OuterOptions o) {
    OuterLoop loop = new OuterLoop(o);
    OuterState s = loop.run(new QuadraticInLog(), loop.initialState(new double[] {1, 1}, "f"),
        st -> { }, Integer.MAX_VALUE);
    double[] theta = s.bestTheta();
    assertEquals(0.3, theta[0], 1e-6, o.optimizer() + "/" + o.stepRule() + " " + s.stopReason());
    assertEquals(4.0, theta[1], 1e-5, o.optimizer() + "/" + o.stepRule());
    assertEquals("gradient-norm", s.stopReason());
  }

  @Test
  void everyOptimizerAndStepRuleReachesTheClosedFormMinimizer() {
    assertReachesMinimizer(options("gd", "fixed", 0.3));
    assertReachesMinimizer(options("gd", "backtracking", 1.0));
    assertReachesMinimizer(options("gd", "hoag", Double.NaN));
    assertReachesMinimizer(options("adam", "fixed", 0.05).withStopping(5000, 1e-8, 0));
  }

  @Test
  void hoagSafeguardRejectsAnIncreaseHalvesTheStepAndTightensTheTolerance() {
    // GIVEN a step far too large for curvature ~2.2
    OuterLoop loop = new OuterLoop(options("gd", "hoag", 5.0));
    OuterState s0 = loop.initialState(new double[] {1, 1}, "f");
    QuadraticInLog ev = new QuadraticInLog();
    OuterState s1 = loop.step(ev, s0);
    OuterState s = loop.step(ev, s1);
    // THEN the second point (φ₀ − 5∇) increased G, was rejected, the step halved, ε halved
    OuterStep second = s.history().get(1);
    assertTrue(!second.accepted());
    assertEquals(2.5, s.optimizer().step(), 1e-15);
    assertEquals(1e-4 * 0.5 * 0.9 * 0.9, s.optimizer().tolerance(), 1e-19);
    // AND the states are values: the earlier ones did not change
    assertEquals(0, s0.iteration);
    assertEquals(1, s1.history().size());
    assertEquals(5.0, s1.optimizer().step(), 0);
    OuterState end = loop.run(ev, s, st -> { }, Integer.MAX_VALUE);
    assertEquals(0.3, end.bestTheta()[0], 1e-6);
  }

  @Test
  void backtrackingNeverAcceptsAnIncrease() {
    OuterLoop loop = new OuterLoop(options("gd", "backtracking", 50.0));
    OuterState s = loop.run(new QuadraticInLog(), loop.initialState(new double[] {1, 1}, "f"),
        st -> { }, Integer.MAX_VALUE);
    double last = Double.POSITIVE_INFINITY;
    for (OuterStep step : s.history()) {
      if (step.accepted()) {
        assertTrue(step.value() <= last, "accepted increase at " + step.iteration());
        last = step.value();
      }
    }
  }

  @Test
  void toleranceFollowsTheGeometricSchedule() {
    OuterLoop loop = new OuterLoop(options("gd", "fixed", 0.1)
        .withInnerTolerance(1e-2, 0.9, 1e-4).withStopping(60, 0, 0));
    OuterState s = loop.run(new QuadraticInLog(), loop.initialState(new double[] {1, 1}, "f"),
        st -> { }, Integer.MAX_VALUE);
    for (OuterStep step : s.history()) {
      double expected = Math.max(1e-2 * Math.pow(0.9, step.iteration()), 1e-4);
      assertEquals(expected, step.innerTolerance(), 1e-12 * expected);
    }
    assertEquals("max-iterations", s.stopReason());
  }

  @Test
  void relativeImprovementStopsOnlyOnceTheInnerToleranceIsAtItsFloor() {
    // GIVEN an objective whose inexact evaluations never change (as when warm starts are
    // already within ε of the next solution)
    OuterEvaluator flat = new OuterEvaluator() {
      @Override
      public int thetaDim() {
        return 1;
      }

      @Override
      public OuterEvaluation evaluate(double[] theta, double tol) {
        return new OuterEvaluation(1.0, new double[] {1e-3 / theta[0]}, 0, 1, 1, 1, 0, 0, 0);
      }
    };
    OuterLoop loop = new OuterLoop(options("gd", "fixed", 0.1).withInnerTolerance(1e-2, 0.5,
        1e-4).withStopping(100, 0, 1e-9));
    OuterState s = loop.run(flat, loop.initialState(new double[] {1}, "f"), st -> { },
        Integer.MAX_VALUE);
    // THEN it stops at the first evaluation with ε = 1e-4 (1e-2·0.5^7 < 1e-4), not at once
    assertEquals("relative-improvement", s.stopReason());
    assertEquals(8, s.history().size());
    assertEquals(1e-4, s.history().get(7).innerTolerance(), 0);
  }

  @Test
  void regularizationOfLogThetaMovesTheMinimizerToTheClosedForm() {
    // min ½(φ−c)ᵀQ(φ−c) + ½ρ‖φ‖² ⇒ φ* = (Q + ρI)⁻¹ Q c
    double rho = 0.7;
    double[][] a = {{Q[0][0] + rho, Q[0][1]}, {Q[1][0], Q[1][1] + rho}};
    double[] qc = {Q[0][0] * C[0] + Q[0][1] * C[1], Q[1][0] * C[0] + Q[1][1] * C[1]};
    double det = a[0][0] * a[1][1] - a[0][1] * a[1][0];
    double phi0 = (a[1][1] * qc[0] - a[0][1] * qc[1]) / det;
    double phi1 = (a[0][0] * qc[1] - a[1][0] * qc[0]) / det;
    OuterLoop loop = new OuterLoop(options("gd", "backtracking", 1.0).withRegularization(rho));
    OuterState s = loop.run(new QuadraticInLog(), loop.initialState(new double[] {1, 1}, "f"),
        st -> { }, Integer.MAX_VALUE);
    assertEquals(Math.exp(phi0), s.bestTheta()[0], 1e-6);
    assertEquals(Math.exp(phi1), s.bestTheta()[1], 1e-6);
  }

  @Test
  void interruptedAndResumedRunEndsAtTheSameTheta() {
    OuterOptions o = options("gd", "hoag", Double.NaN);
    OuterLoop loop = new OuterLoop(o);
    OuterState full = loop.run(new QuadraticInLog(), loop.initialState(new double[] {2, 2}, "f"),
        st -> { }, Integer.MAX_VALUE);
    OuterState part = loop.run(new QuadraticInLog(), loop.initialState(new double[] {2, 2}, "f"),
        st -> { }, 4);
    OuterState resumed = loop.run(new QuadraticInLog(), part.copy(), st -> { },
        Integer.MAX_VALUE);
    assertArrayEquals(full.bestTheta(), resumed.bestTheta(), 0.0);
    assertEquals(full.history().size(), resumed.history().size());
  }

  @Test
  void badInputIsRejectedWithTheValue() {
    OuterLoop loop = new OuterLoop(OuterOptions.defaults());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> loop.initialState(new double[] {1, 0}, "f"));
    assertTrue(e.getMessage().contains("theta[1] = 0.0 is out of its domain"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> loop.initialState(new double[] {-2}, "f"));
    assertTrue(e.getMessage().contains("theta[0] = -2.0"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> OuterOptions.defaults().withRule("adam", "hoag", 0.1));
    assertTrue(e.getMessage().contains("adam takes 'fixed' only, got 'hoag'"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> OuterOptions.defaults().withRule("lbfgs", "fixed", 0.1));
    assertTrue(e.getMessage().contains("'lbfgs'"), e.getMessage());
  }
}
