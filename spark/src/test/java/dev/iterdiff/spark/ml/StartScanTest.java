package dev.iterdiff.spark.ml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iterdiff.bilevel.OuterEvaluation;
import dev.iterdiff.bilevel.OuterEvaluator;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The start scan: the order of its evaluations (largest regParam first), its stop once past the
 * minimum, the records it keeps for the trajectory, failed points skipped, and its refinement —
 * the vertex of the parabola through the best scanned point and its neighbours is exact on a
 * quadratic, stays between the neighbours, and falls back to the best point at the ends of the
 * scan or where a neighbour was not evaluated.
 */
class StartScanTest {

  /**
   * G(θ) = 0.7 (log₁₀θ + 2.3)² + 1 below θ = 1, flat (G(1)) above: a plateau, then a minimum at
   * 10^−2.3; dG/dθ analytic. Records every θ asked for; throws at {@code failAt}.
   */
  private static final class Curve implements OuterEvaluator {
    final List<Double> asked = new ArrayList<>();
    final double failAt;

    Curve(double failAt) {
      this.failAt = failAt;
    }

    static double value(double t) {
      double x = Math.min(Math.log10(t), 0.0);
      return 0.7 * (x + 2.3) * (x + 2.3) + 1;
    }

    @Override
    public int thetaDim() {
      return 2;
    }

    @Override
    public OuterEvaluation evaluate(double[] theta, double innerTolerance) {
      assertEquals(StartScan.TOLERANCE, innerTolerance, 0.0);
      assertEquals(theta[0], theta[1], 0.0, "the scanned value in every coordinate");
      asked.add(theta[0]);
      if (Math.abs(theta[0] / failAt - 1) < 1e-9) {
        throw new IllegalStateException("inner solve did not converge at " + theta[0]);
      }
      double x = Math.log10(theta[0]);
      double dG = x < 0 ? 1.4 * (x + 2.3) / (theta[0] * Math.log(10)) : 0.0;
      return new OuterEvaluation(value(theta[0]), new double[] {dG, dG}, 0, 3, 10, 0, 0, 0, 0);
    }
  }

  // GIVEN a plateau above θ = 1 and a minimum at 10^−2.3 WHEN scanned with 8 points THEN the
  // points 10², 10¹, …, 10⁻³ are evaluated in that order and the scan stops at 10⁻³ (past the
  // minimum: 1.343 > 1.063 at 10⁻²); the start is the parabola's vertex 10^−2.3 (exact:
  // quadratic in log θ)
  @Test
  void scansFromTheLargestValueStopsPastTheMinimumAndKeepsItsPoints() {
    Curve c = new Curve(Double.NaN);
    StartScan.Result r = StartScan.run(c, 8);
    assertEquals(6, c.asked.size(), "stopped after 10^-3: " + c.asked);
    assertEquals(6, r.points().size());
    for (int i = 0; i < 6; i++) {
      assertEquals(Math.pow(10, 2 - i), c.asked.get(i), 1e-12 * Math.pow(10, 2 - i));
      StartScan.Point p = r.points().get(i);
      assertEquals(c.asked.get(i), p.regParam(), 0.0);
      assertEquals(Curve.value(p.regParam()), p.value(), 0.0);
      double x = Math.log10(p.regParam());
      double expected = x < 0 ? Math.sqrt(2) * Math.abs(1.4 * (x + 2.3) / Math.log(10)) : 0.0;
      assertEquals(expected, p.gradientNorm(), 1e-12, "|theta * dG| at " + p.regParam());
      assertTrue(p.seconds() >= 0);
    }
    assertEquals(4, r.best(), "10^-2 is the best scanned point");
    assertEquals(Math.pow(10, -2.3), r.start(), 1e-12);
  }

  // GIVEN the evaluation at 10⁻² fails WHEN scanned THEN it is skipped (no record) and the
  // start is the best evaluated point (its neighbour is missing: no vertex)
  @Test
  void failedPointIsSkipped() {
    Curve c = new Curve(1e-2);
    StartScan.Result r = StartScan.run(c, 8);
    assertTrue(r.points().stream().noneMatch(p -> Math.abs(p.regParam() / 1e-2 - 1) < 1e-9));
    assertEquals(r.points().get(r.best()).regParam(), r.start(), 0.0);
    assertEquals(1e-3, r.start(), 1e-15, "10^-3 (loss 1.343) beats 10^-1 (2.183)");
    assertEquals(6, r.points().size(), "10^2 … 10^-4 but the failed 10^-2");
  }

  // GIVEN the first point's loss is NaN WHEN scanned THEN it is skipped like a failed point:
  // the scan goes on as without it (start 10^−2.3, 5 records, all finite)
  @Test
  void nonFiniteLossIsAFailedPoint() {
    Curve c = new Curve(Double.NaN);
    OuterEvaluator nanFirst = new OuterEvaluator() {
      @Override
      public int thetaDim() {
        return c.thetaDim();
      }

      @Override
      public OuterEvaluation evaluate(double[] theta, double tol) {
        OuterEvaluation e = c.evaluate(theta, tol);
        return theta[0] > 10 ? new OuterEvaluation(Double.NaN, e.gradient(), 0, 3, 10, 0, 0, 0,
            0) : e;
      }
    };
    StartScan.Result r = StartScan.run(nanFirst, 8);
    assertEquals(Math.pow(10, -2.3), r.start(), 1e-12);
    assertEquals(5, r.points().size(), "10^1 … 10^-3, not the NaN 10^2");
    assertTrue(r.points().stream().allMatch(p -> Double.isFinite(p.value())));
  }

  // GIVEN every evaluation fails WHEN scanned THEN an IllegalStateException with the failure as
  // its cause
  @Test
  void noEvaluatedPointThrows() {
    OuterEvaluator broken = new OuterEvaluator() {
      @Override
      public int thetaDim() {
        return 1;
      }

      @Override
      public OuterEvaluation evaluate(double[] theta, double tol) {
        throw new IllegalStateException("diverged at " + theta[0]);
      }
    };
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> StartScan.run(broken, 3));
    assertTrue(e.getMessage().contains("no start point could be evaluated"), e.getMessage());
    assertTrue(e.getCause().getMessage().startsWith("diverged at"), e.getCause().getMessage());
  }

  // GIVEN f = 0.7·(x − 2.3)² + 1 at x = 1, 2, 3, 4 WHEN the best is x = 2 THEN the vertex 2.3
  @Test
  void vertexIsExactOnAQuadraticAndClamped() {
    double[] x = {1, 2, 3, 4};
    double[] f = new double[4];
    for (int i = 0; i < 4; i++) {
      f[i] = 0.7 * (x[i] - 2.3) * (x[i] - 2.3) + 1;
    }
    assertEquals(2.3, StartScan.vertex(x, f, 1), 1e-12);
    // a steep wall on one side pulls the vertex out of range: kept within the neighbours
    double[] g = {5.0, 1.0, 1.0 + 1e-9, 9.0};
    double v = StartScan.vertex(x, g, 1);
    assertEquals(true, v >= 1.0 && v <= 3.0, "vertex " + v + " within [1, 3]");
    assertEquals(1.0, StartScan.vertex(x, f, 0), 0.0, "left end: the point itself");
    assertEquals(4.0, StartScan.vertex(x, f, 3), 0.0, "right end: the point itself");
    double[] missing = {Double.NaN, f[1], f[2], f[3]};
    assertEquals(2.0, StartScan.vertex(x, missing, 1), 0.0, "no left neighbour");
  }
}
