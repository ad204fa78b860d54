package dev.iterdiff.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iterdiff.map.DifferentiableMap;
import dev.iterdiff.optimality.Stationarity;
import dev.iterdiff.problem.LabeledData;
import dev.iterdiff.problem.RandomDatasets;
import dev.iterdiff.problem.RidgeProblem;
import org.junit.jupiter.api.Test;

/**
 * Implicit differentiation of a point computed outside iterdiff's solvers: ridge x* from a
 * hand-written Cholesky solve against the closed-form Jacobian, and a hand-made condition
 * against central finite differences.
 */
class ImplicitDifferentiationTest {

  /** Solves S z = r for a symmetric positive definite S (n×n row-major), in place of r. */
  private static double[] cholesky(double[][] s, double[] r) {
    int n = r.length;
    double[][] l = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j <= i; j++) {
        double v = s[i][j];
        for (int k = 0; k < j; k++) {
          v -= l[i][k] * l[j][k];
        }
        l[i][j] = i == j ? Math.sqrt(v) : v / l[j][j];
      }
    }
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      double v = r[i];
      for (int k = 0; k < i; k++) {
        v -= l[i][k] * y[k];
      }
      y[i] = v / l[i][i];
    }
    double[] z = new double[n];
    for (int i = n - 1; i >= 0; i--) {
      double v = y[i];
      for (int k = i + 1; k < n; k++) {
        v -= l[k][i] * z[k];
      }
      z[i] = v / l[i][i];
    }
    return z;
  }

  @Test
  void ridgeSolvedElsewhereGivesTheClosedFormJacobian() {
    int rows = 30;
    int p = 4;
    LabeledData d = RandomDatasets.regression(rows, p, 3L);
    double[] theta = {0.2, 0.5, 1.0, 2.0};
    // H = AᵀA/N + diag θ, x* = H⁻¹ Aᵀb/N, by the Cholesky above (not iterdiff's)
    double[][] h = new double[p][p];
    double[] rhs = new double[p];
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < p; j++) {
        rhs[j] += d.a()[i + j * rows] * d.labels()[i] / rows;
        for (int k = 0; k < p; k++) {
          h[j][k] += d.a()[i + j * rows] * d.a()[i + k * rows] / rows;
        }
      }
    }
    for (int j = 0; j < p; j++) {
      h[j][j] += theta[j];
    }
    double[] xStar = cholesky(h, rhs);
    ImplicitDifferentiation diff = ImplicitDifferentiation.at(
        new Stationarity(new RidgeProblem(d, p)), xStar, theta, null);
    ImplicitDifferentiation.Result r = diff.jacobian();
    assertTrue(r.optimalityResidual() < 1e-14, "x* is a root: " + r.optimalityResidual());
    assertTrue(r.linearSolve().relativeResidual() <= 1e-12, r.linearSolve().toString());
    // closed form: column j of J is −H⁻¹ eⱼ x*ⱼ
    for (int j = 0; j < p; j++) {
      double[] e = new double[p];
      e[j] = xStar[j];
      double[] col = cholesky(h, e);
      for (int i = 0; i < p; i++) {
        assertEquals(-col[i], r.value()[i + j * p], 1e-12 * (1 + Math.abs(col[i])),
            "J[" + i + "," + j + "]");
      }
    }
  }

  /** G_i(x, θ) = x_i + θ₀ tanh(x_{i+1 mod n}) − θ₁ c_i: ∂ₓG is not symmetric. */
  private static final class HandMade implements DifferentiableMap {
    static final double[] C = {1.0, -0.5, 2.0};

    public int xDim() {
      return 3;
    }

    public int thetaDim() {
      return 2;
    }

    public int outDim() {
      return 3;
    }

    public void apply(double[] x, double[] t, double[] out) {
      for (int i = 0; i < 3; i++) {
        out[i] = x[i] + t[0] * Math.tanh(x[(i + 1) % 3]) - t[1] * C[i];
      }
    }

    private static double sech2(double v) {
      double th = Math.tanh(v);
      return 1 - th * th;
    }

    public void jvpX(double[] x, double[] t, double[] v, double[] out) {
      for (int i = 0; i < 3; i++) {
        int k = (i + 1) % 3;
        out[i] = v[i] + t[0] * sech2(x[k]) * v[k];
      }
    }

    public void vjpX(double[] x, double[] t, double[] u, double[] out) {
      for (int k = 0; k < 3; k++) {
        out[k] = u[k] + t[0] * sech2(x[k]) * u[(k + 2) % 3];
      }
    }

    public void jvpTheta(double[] x, double[] t, double[] w, double[] out) {
      for (int i = 0; i < 3; i++) {
        out[i] = Math.tanh(x[(i + 1) % 3]) * w[0] - C[i] * w[1];
      }
    }

    public void vjpTheta(double[] x, double[] t, double[] u, double[] out) {
      out[0] = 0;
      out[1] = 0;
      for (int i = 0; i < 3; i++) {
        out[0] += u[i] * Math.tanh(x[(i + 1) % 3]);
        out[1] -= u[i] * C[i];
      }
    }
  }

  /** x* of the hand-made condition by the contraction x ← θ₁c − θ₀ tanh(shift x). */
  private static double[] root(double[] t) {
    double[] x = new double[3];
    for (int it = 0; it < 10_000; it++) {
      double[] next = new double[3];
      for (int i = 0; i < 3; i++) {
        next[i] = t[1] * HandMade.C[i] - t[0] * Math.tanh(x[(i + 1) % 3]);
      }
      x = next;
    }
    return x;
  }

  @Test
  void aHandMadeConditionMatchesCentralDifferencesInEveryProduct() {
    double[] theta = {0.4, 1.3};
    ImplicitDifferentiation diff = ImplicitDifferentiation.at(new HandMade(), root(theta), theta,
        EstimatorOptions.defaults().withLinearSolver("gmres", 1e-13));
    double[] j = diff.jacobian().value();
    assertEquals("gmres", diff.jacobian().linearSolve().method());
    double h = 1e-6;
    for (int c = 0; c < 2; c++) {
      double[] tp = theta.clone();
      double[] tm = theta.clone();
      tp[c] += h;
      tm[c] -= h;
      double[] xp = root(tp);
      double[] xm = root(tm);
      for (int i = 0; i < 3; i++) {
        double fd = (xp[i] - xm[i]) / (2 * h);
        // central differences: truncation O(h²) ≈ 1e-12, rounding ≈ 1e-16/h = 1e-10
        assertEquals(fd, j[i + c * 3], 1e-8, "J[" + i + "," + c + "]");
      }
    }
    double[] w = {0.7, -1.1};
    double[] u = {0.3, 2.0, -0.4};
    double[] jw = diff.jvp(w).value();
    double[] jtu = diff.vjp(u).value();
    for (int i = 0; i < 3; i++) {
      assertEquals(j[i] * w[0] + j[i + 3] * w[1], jw[i], 1e-12, "Jw[" + i + "]");
    }
    for (int c = 0; c < 2; c++) {
      double s = 0;
      for (int i = 0; i < 3; i++) {
        s += j[i + c * 3] * u[i];
      }
      assertEquals(s, jtu[c], 1e-12, "J'u[" + c + "]");
    }
  }

  @Test
  void badInputIsNamed() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ImplicitDifferentiation.at(new HandMade(), new double[2], new double[2], null));
    assertTrue(e.getMessage().contains("x*"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> ImplicitDifferentiation.at(new HandMade(), new double[3], new double[2], null)
            .jvp(new double[3]));
    assertTrue(e.getMessage().contains("w"), e.getMessage());
  }
}
