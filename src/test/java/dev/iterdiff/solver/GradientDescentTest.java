package dev.iterdiff.solver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iterdiff.map.DifferentiableMap;
import dev.iterdiff.problem.Problem;
import java.util.Random;
import org.junit.jupiter.api.Test;

class GradientDescentTest {

  /** Dense solve of the small system H x = g by Gaussian elimination with partial pivoting. */
  static double[] denseSolve(double[] h, int n, double[] g) {
    double[] a = h.clone();
    double[] b = g.clone();
    for (int k = 0; k < n; k++) {
      int piv = k;
      for (int i = k + 1; i < n; i++) {
        if (Math.abs(a[i + k * n]) > Math.abs(a[piv + k * n])) {
          piv = i;
        }
      }
      for (int j = 0; j < n; j++) {
        double t = a[k + j * n];
        a[k + j * n] = a[piv + j * n];
        a[piv + j * n] = t;
      }
      double t = b[k];
      b[k] = b[piv];
      b[piv] = t;
      for (int i = k + 1; i < n; i++) {
        double f = a[i + k * n] / a[k + k * n];
        for (int j = k; j < n; j++) {
          a[i + j * n] -= f * a[k + j * n];
        }
        b[i] -= f * b[k];
      }
    }
    double[] x = new double[n];
    for (int i = n - 1; i >= 0; i--) {
      double s = b[i];
      for (int j = i + 1; j < n; j++) {
        s -= a[i + j * n] * x[j];
      }
      x[i] = s / a[i + i * n];
    }
    return x;
  }

  /** Ridge minimizer: (∇²f) x* = −∇f(0). */
  static double[] ridgeClosedForm(Problem p, double[] theta) {
    int n = p.dim();
    double[] h = new double[n * n];
    double[] g0 = new double[n];
    p.hessian(new double[n], theta, h);
    p.gradient(new double[n], theta, g0);
    for (int i = 0; i < n; i++) {
      g0[i] = -g0[i];
    }
    return denseSolve(h, n, g0);
  }

  @Test
  void productsMatchCentralDifferencesOnRidgeBothThetaModes() {
    for (int m : new int[] {1, 6}) {
      Problem p = TestRidge.random(11, 40, 6, m);
      Random rng = new Random(5);
      double[] theta = m == 1 ? new double[] {0.3} : MapCheck.random(rng, 6);
      for (int j = 0; j < m; j++) {
        theta[j] = Math.abs(theta[j]) + 0.1;
      }
      GradientDescent gd = new GradientDescent(p, StepRule.inverseLipschitz());
      double t = gd.step(theta);
      DifferentiableMap f = gd.iteration(t);
      // ridge F is affine in x and bilinear in (x, θ): central differences are exact up to rounding
      MapCheck.checkAll(f, MapCheck.random(rng, 6), theta, 17, 1e-4, 1e-8);
    }
  }

  @Test
  void convergesToRidgeClosedForm() {
    Problem p = TestRidge.random(3, 50, 5, 1);
    double[] theta = {0.2};
    for (String rule : new String[] {"1/L", "2/(mu+L)", "0.1"}) {
      GradientDescent gd = new GradientDescent(p, StepRule.parse(rule));
      Solution s = Solve.run(gd, theta, new double[5],
          new SolveOptions(5000, 1e-11, Storage.lastTwo()));
      assertTrue(s.converged(), rule + ": not converged, residual " + s.residual());
      double[] expected = ridgeClosedForm(p, theta);
      assertTrue(MapCheck.relErr(s.x(), expected) < 1e-9,
          rule + ": rel err " + MapCheck.relErr(s.x(), expected));
    }
  }

  @Test
  void stepRulesUseLipschitzAndStrongConvexity() {
    Problem p = TestRidge.random(3, 50, 5, 1);
    double[] theta = {0.2};
    double l = p.lipschitz(theta);
    assertEquals(1 / l, new GradientDescent(p).step(theta), 0);
    assertEquals(2 / (0.2 + l), new GradientDescent(p, StepRule.optimal()).step(theta), 1e-15);
    assertEquals(0.25, new GradientDescent(p, StepRule.fixed(0.25)).step(theta), 0);
  }

  @Test
  void stepSpecErrorsNameOptionAndValue() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> StepRule.parse("1/M"));
    assertEquals("--step: '1/M' is not 1/L, 2/(mu+L) or a positive number", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> StepRule.parse("-0.5"));
    assertEquals("--step: -0.5 (must be finite and > 0)", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> StepRule.parse("NaN"));
    assertEquals("--step: NaN (must be finite and > 0)", e.getMessage());
  }

  @Test
  void advanceEqualsApplyBitwiseAndReusesGradient() {
    CountingProblem p = new CountingProblem(TestRidge.random(3, 30, 4, 1));
    GradientDescent gd = new GradientDescent(p);
    double[] theta = {0.5};
    double[] x = {1, -2, 0.5, 3};
    double[] a = new double[4];
    double[] b = new double[4];
    gd.residual(x, theta);
    double t = gd.advance(x, theta, a);
    assertEquals(1, p.gradients, "residual + advance at one point cost one gradient");
    gd.iteration(t).apply(x, theta, b);
    for (int i = 0; i < 4; i++) {
      assertEquals(Double.doubleToRawLongBits(a[i]), Double.doubleToRawLongBits(b[i]));
    }
    x[0] = 1.5; // new content at the same array: the cache must miss
    gd.advance(x, theta, a);
    assertEquals(2, p.gradients);
  }
}
