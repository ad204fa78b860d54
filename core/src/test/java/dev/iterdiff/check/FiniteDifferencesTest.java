package dev.iterdiff.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iterdiff.map.DifferentiableMap;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The checker passes correct derivatives and catches wrong ones. */
class FiniteDifferencesTest {

  /** M(x, θ) = (θ₀·x₀², x₀x₁ + θ₁); {@code bug} scales the x-derivative of out[0] wrongly. */
  static DifferentiableMap quadratic(double bug) {
    return new DifferentiableMap() {
      public int xDim() {
        return 2;
      }

      public int thetaDim() {
        return 2;
      }

      public int outDim() {
        return 2;
      }

      public void apply(double[] x, double[] t, double[] out) {
        out[0] = t[0] * x[0] * x[0];
        out[1] = x[0] * x[1] + t[1];
      }

      public void jvpX(double[] x, double[] t, double[] v, double[] out) {
        out[0] = bug * 2 * t[0] * x[0] * v[0];
        out[1] = x[1] * v[0] + x[0] * v[1];
      }

      public void vjpX(double[] x, double[] t, double[] u, double[] out) {
        out[0] = 2 * t[0] * x[0] * u[0] + x[1] * u[1];
        out[1] = x[0] * u[1];
      }

      public void jvpTheta(double[] x, double[] t, double[] w, double[] out) {
        out[0] = x[0] * x[0] * w[0];
        out[1] = w[1];
      }

      public void vjpTheta(double[] x, double[] t, double[] u, double[] out) {
        out[0] = x[0] * x[0] * u[0];
        out[1] = u[1];
      }
    };
  }

  static final double[] X = {1.5, -0.5};
  static final double[] THETA = {2.0, 3.0};

  @Test
  void correctProductsPass() {
    FiniteDifferenceReport r = FiniteDifferences.checkMap(quadratic(1.0), X, THETA, 1);
    assertTrue(r.passes(1e-8, 1e-12), r::toString);
    assertEquals(4, r.errors().size());
  }

  @Test
  void aDeliberatelyWrongDerivativeFails() {
    // GIVEN jvpX off by 1 % in one entry
    FiniteDifferenceReport r = FiniteDifferences.checkMap(quadratic(1.01), X, THETA, 1);
    // THEN exactly that product fails, with a relative error near 1 %
    List<ProductError> failures = r.failures(1e-6, 1e-9);
    assertEquals(1, failures.size(), r::toString);
    assertEquals("jvpX", failures.get(0).product());
    assertTrue(r.get("jvpX").maxRelError() > 1e-3, r::toString);
    assertFalse(r.passes(1e-6, 1e-9));
  }

  @Test
  void gradientCheckCatchesAWrongGradient() {
    double[] z = {0.3, -1.2, 2.0};
    // f(z) = Σ sin(zᵢ)·zᵢ, ∇f = sin z + z cos z
    double[] good = new double[3];
    double[] bad = new double[3];
    for (int i = 0; i < 3; i++) {
      good[i] = Math.sin(z[i]) + z[i] * Math.cos(z[i]);
      bad[i] = Math.sin(z[i]);
    }
    ProductError ok = FiniteDifferences.checkGradient(FiniteDifferencesTest::f, z, good);
    ProductError wrong = FiniteDifferences.checkGradient(FiniteDifferencesTest::f, z, bad);
    assertTrue(ok.within(1e-8, 0), ok::toString);
    assertFalse(wrong.within(1e-2, 1e-2), wrong::toString);
  }

  static double f(double[] z) {
    double s = 0;
    for (double v : z) {
      s += Math.sin(v) * v;
    }
    return s;
  }

  @Test
  void stepFollowsTheCubeRootRule() {
    double eps3 = Math.cbrt(Math.ulp(1.0));
    assertEquals(eps3, FiniteDifferences.step(0.0), 0.0);
    assertEquals(eps3, FiniteDifferences.step(-0.5), 0.0);
    assertEquals(eps3 * 100, FiniteDifferences.step(-100.0), 1e-20);
  }

  @Test
  void reportNamesMissingProductsAndLengthMismatches() {
    FiniteDifferenceReport r = FiniteDifferences.checkMap(quadratic(1.0), X, THETA, 1);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> r.get("hvp"));
    assertTrue(e.getMessage().contains("no product 'hvp'"), e.getMessage());
    IllegalArgumentException g = assertThrows(IllegalArgumentException.class,
        () -> FiniteDifferences.checkGradient(FiniteDifferencesTest::f, X, new double[3]));
    assertTrue(g.getMessage().contains("gradient: length 3 != 2"), g.getMessage());
  }

  /** M(x, θ) = Bx + θ₀·x∘x with B n×n; {@code transposeBug} makes vjpX use B instead of Bᵀ. */
  static DifferentiableMap large(int n, boolean transposeBug) {
    double[] b = new double[n * n];
    java.util.Random rng = new java.util.Random(5);
    for (int k = 0; k < b.length; k++) {
      b[k] = rng.nextGaussian() / Math.sqrt(n);
    }
    return new DifferentiableMap() {
      public int xDim() {
        return n;
      }

      public int thetaDim() {
        return 1;
      }

      public int outDim() {
        return n;
      }

      public void apply(double[] x, double[] t, double[] out) {
        dev.iterdiff.linalg.Blas.gemv(false, n, n, 1.0, b, x, 0.0, out);
        for (int i = 0; i < n; i++) {
          out[i] += t[0] * x[i] * x[i];
        }
      }

      public void jvpX(double[] x, double[] t, double[] v, double[] out) {
        dev.iterdiff.linalg.Blas.gemv(false, n, n, 1.0, b, v, 0.0, out);
        for (int i = 0; i < n; i++) {
          out[i] += 2 * t[0] * x[i] * v[i];
        }
      }

      public void vjpX(double[] x, double[] t, double[] u, double[] out) {
        dev.iterdiff.linalg.Blas.gemv(!transposeBug, n, n, 1.0, b, u, 0.0, out);
        for (int i = 0; i < n; i++) {
          out[i] += 2 * t[0] * x[i] * u[i];
        }
      }

      public void jvpTheta(double[] x, double[] t, double[] w, double[] out) {
        for (int i = 0; i < n; i++) {
          out[i] = x[i] * x[i] * w[0];
        }
      }

      public void vjpTheta(double[] x, double[] t, double[] u, double[] out) {
        double s = 0;
        for (int i = 0; i < n; i++) {
          s += x[i] * x[i] * u[i];
        }
        out[0] = s;
      }
    };
  }

  @Test
  void directionalCheckPassesALargeCorrectMapAndCatchesAWrongTranspose() {
    int n = 400;
    double[] x = new double[n];
    java.util.Random rng = new java.util.Random(9);
    for (int i = 0; i < n; i++) {
      x[i] = rng.nextGaussian();
    }
    double[] theta = {0.3};
    FiniteDifferenceReport ok = FiniteDifferences.checkMapDirectional(large(n, false), x, theta,
        2);
    assertTrue(ok.passes(1e-7, 1e-10), ok::toString);
    FiniteDifferenceReport bad = FiniteDifferences.checkMapDirectional(large(n, true), x, theta,
        2);
    List<ProductError> failures = bad.failures(1e-6, 1e-9);
    assertEquals(1, failures.size(), bad::toString);
    assertEquals("vjpX(dot)", failures.get(0).product());
  }
}
