package dev.iterdiff.check;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iterdiff.map.DifferentiableMap;
import org.hipparchus.CalculusFieldElement;
import org.junit.jupiter.api.Test;

/**
 * ForwardModeMap against a hand-derived Jacobian of
 * M(x, θ) = (x₀·sin θ₀ + x₁², exp(x₀θ₁), x₁/θ₀).
 */
class ForwardModeMapTest {

  static final FieldMap MAP = new FieldMap() {
    public int xDim() {
      return 2;
    }

    public int thetaDim() {
      return 2;
    }

    public int outDim() {
      return 3;
    }

    public <T extends CalculusFieldElement<T>> void apply(T[] x, T[] t, T[] out) {
      out[0] = x[0].multiply(t[0].sin()).add(x[1].multiply(x[1]));
      out[1] = x[0].multiply(t[1]).exp();
      out[2] = x[1].divide(t[0]);
    }
  };

  static final double[] X = {0.7, -1.3};
  static final double[] THETA = {0.4, 1.1};

  /** ∂ₓM, 3×2 row-major rows. */
  static double[][] jx() {
    double e = Math.exp(X[0] * THETA[1]);
    return new double[][] {
        {Math.sin(THETA[0]), 2 * X[1]},
        {THETA[1] * e, 0},
        {0, 1 / THETA[0]}};
  }

  /** ∂_θM, 3×2 row-major rows. */
  static double[][] jt() {
    double e = Math.exp(X[0] * THETA[1]);
    return new double[][] {
        {X[0] * Math.cos(THETA[0]), 0},
        {0, X[0] * e},
        {-X[1] / (THETA[0] * THETA[0]), 0}};
  }

  static double[] times(double[][] j, double[] v) {
    double[] out = new double[j.length];
    for (int r = 0; r < j.length; r++) {
      for (int c = 0; c < v.length; c++) {
        out[r] += j[r][c] * v[c];
      }
    }
    return out;
  }

  static double[] transposeTimes(double[][] j, double[] u) {
    double[] out = new double[j[0].length];
    for (int r = 0; r < j.length; r++) {
      for (int c = 0; c < out.length; c++) {
        out[c] += j[r][c] * u[r];
      }
    }
    return out;
  }

  @Test
  void fourProductsMatchTheHandDerivedJacobian() {
    // GIVEN the AD adapter and directions
    DifferentiableMap m = new ForwardModeMap(MAP);
    double[] v = {0.3, -2.0};
    double[] w = {-0.5, 0.8};
    double[] u = {1.5, -0.25, 0.6};
    double[] out3 = new double[3];
    double[] out2 = new double[2];
    // THEN every product equals the closed form to rounding (1e-14)
    m.apply(X, THETA, out3);
    assertArrayEquals(new double[] {X[0] * Math.sin(THETA[0]) + X[1] * X[1],
        Math.exp(X[0] * THETA[1]), X[1] / THETA[0]}, out3, 1e-14);
    m.jvpX(X, THETA, v, out3);
    assertArrayEquals(times(jx(), v), out3, 1e-14);
    m.jvpTheta(X, THETA, w, out3);
    assertArrayEquals(times(jt(), w), out3, 1e-14);
    m.vjpX(X, THETA, u, out2);
    assertArrayEquals(transposeTimes(jx(), u), out2, 1e-14);
    m.vjpTheta(X, THETA, u, out2);
    assertArrayEquals(transposeTimes(jt(), u), out2, 1e-14);
  }

  @Test
  void agreesWithFiniteDifferences() {
    FiniteDifferenceReport report = FiniteDifferences.checkMap(new ForwardModeMap(MAP), X,
        THETA, 7);
    assertTrue(report.passes(1e-8, 1e-10), report::toString);
  }

  @Test
  void rejectsWrongLengthsAndUnassignedOutputs() {
    DifferentiableMap m = new ForwardModeMap(MAP);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> m.jvpX(X, THETA, new double[3], new double[3]));
    assertTrue(e.getMessage().contains("v: length 3 != 2"), e.getMessage());
    FieldMap lazy = new FieldMap() {
      public int xDim() {
        return 1;
      }

      public int thetaDim() {
        return 1;
      }

      public int outDim() {
        return 2;
      }

      public <T extends CalculusFieldElement<T>> void apply(T[] x, T[] t, T[] out) {
        out[0] = x[0].multiply(t[0]);
      }
    };
    IllegalStateException s = assertThrows(IllegalStateException.class,
        () -> new ForwardModeMap(lazy).jvpX(new double[] {1}, new double[] {2},
            new double[] {1}, new double[2]));
    assertTrue(s.getMessage().contains("did not assign out[1]"), s.getMessage());
  }
}
