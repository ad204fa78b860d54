package dev.iterdiff.problem;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.iterdiff.linalg.Blas;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.ArrayRealVector;
import org.hipparchus.linear.LUDecomposition;
import org.hipparchus.linear.RealMatrix;
import org.junit.jupiter.api.Test;

/**
 * Ridge against its closed form x*(θ) = (AᵀA/N + diag θ)⁻¹ Aᵀb/N (solved with Hipparchus' LU,
 * independent of the problem's BLAS code) and its Jacobian ∂x* / ∂θ = −H⁻¹·∂_θ∇ₓf; plus the
 * θ guards.
 */
class RidgeProblemTest {

  static final int N = 12;
  static final int P = 5;
  static final LabeledData DATA = RandomDatasets.regression(N, P, 42);

  /** Closed-form ridge solution, built entry by entry from the LabeledData. */
  static double[] closedForm(double[] theta) {
    double[][] h = new double[P][P];
    double[] rhs = new double[P];
    for (int j = 0; j < P; j++) {
      for (int k = 0; k < P; k++) {
        double s = 0;
        for (int i = 0; i < N; i++) {
          s += DATA.get(i, j) * DATA.get(i, k);
        }
        h[j][k] = s / N;
      }
      h[j][j] += theta.length == 1 ? theta[0] : theta[j];
      double s = 0;
      for (int i = 0; i < N; i++) {
        s += DATA.get(i, j) * DATA.labels()[i];
      }
      rhs[j] = s / N;
    }
    return new LUDecomposition(new Array2DRowRealMatrix(h, false)).getSolver()
        .solve(new ArrayRealVector(rhs, false)).toArray();
  }

  @Test
  void gradientVanishesAtTheClosedFormSolution() {
    for (double[] theta : new double[][] {{0.3}, {0.05, 0.2, 1.0, 0.0, 0.7}}) {
      RidgeProblem ridge = new RidgeProblem(DATA, theta.length);
      double[] x = closedForm(theta);
      double[] g = new double[P];
      ridge.gradient(x, theta, g);
      assertEquals(0.0, Blas.nrm2(g), 1e-13, "‖∇f(x*)‖ for θ of length " + theta.length);
    }
  }

  @Test
  void implicitJacobianMatchesDifferencesOfTheClosedForm() {
    // GIVEN per-feature θ and x*(θ)
    double[] theta = {0.05, 0.2, 1.0, 0.1, 0.7};
    RidgeProblem ridge = new RidgeProblem(DATA, P);
    double[] x = closedForm(theta);
    double[] hess = new double[P * P];
    ridge.hessian(x, theta, hess);
    RealMatrix hm = new Array2DRowRealMatrix(P, P);
    for (int i = 0; i < P; i++) {
      for (int j = 0; j < P; j++) {
        hm.setEntry(i, j, hess[i + j * P]);
      }
    }
    LUDecomposition lu = new LUDecomposition(hm);
    double[] w = new double[P];
    double[] cross = new double[P];
    for (int j = 0; j < P; j++) {
      // WHEN column j of J = −H⁻¹ (∂_θ∇f) e_j
      w[j] = 1.0;
      ridge.crossJvp(x, theta, w, cross);
      w[j] = 0.0;
      double[] col = lu.getSolver().solve(new ArrayRealVector(cross)).mapMultiply(-1).toArray();
      // THEN it equals the central difference of the closed form in θ_j (step 1e-5)
      double h = 1e-5;
      double[] up = theta.clone();
      double[] down = theta.clone();
      up[j] += h;
      down[j] -= h;
      double[] xu = closedForm(up);
      double[] xd = closedForm(down);
      double[] fd = new double[P];
      for (int i = 0; i < P; i++) {
        fd[i] = (xu[i] - xd[i]) / (2 * h);
      }
      assertArrayEquals(fd, col, 1e-8, "column " + j);
    }
  }

  @Test
  void valueMatchesTheDefinition() {
    double[] x = RandomDatasets.gaussian(P, 3);
    double loss = 0;
    for (int i = 0; i < N; i++) {
      double r = -DATA.labels()[i];
      for (int j = 0; j < P; j++) {
        r += DATA.get(i, j) * x[j];
      }
      loss += r * r;
    }
    double sq = 0;
    for (double v : x) {
      sq += v * v;
    }
    assertEquals(loss / (2 * N) + 0.5 * 0.4 * sq,
        new RidgeProblem(DATA, 1).value(x, new double[] {0.4}), 1e-12);
  }

  @Test
  void badThetaIsRejectedWithIndexAndValue() {
    RidgeProblem single = new RidgeProblem(DATA, 1);
    RidgeProblem perFeature = new RidgeProblem(DATA, P);
    assertEquals("theta: length 3, expected 1 or 5 (ridge: one λ or one per feature)",
        assertThrows(IllegalArgumentException.class,
            () -> single.checkTheta(new double[3])).getMessage());
    assertEquals("theta: length 3, expected 1 or 5 (ridge: one λ or one per feature)",
        assertThrows(IllegalArgumentException.class,
            () -> new RidgeProblem(DATA, 3)).getMessage());
    assertEquals("theta: length 1, expected 5 (this ridge problem was built with one λ per"
        + " feature)", assertThrows(IllegalArgumentException.class,
            () -> perFeature.gradient(new double[P], new double[1], new double[P])).getMessage());
    assertEquals("theta[2] is NaN (must be finite)", assertThrows(IllegalArgumentException.class,
        () -> perFeature.checkTheta(new double[] {1, 1, Double.NaN, 1, 1})).getMessage());
    assertEquals("theta[0] is Infinity (must be finite)",
        assertThrows(IllegalArgumentException.class,
            () -> single.checkTheta(new double[] {Double.POSITIVE_INFINITY})).getMessage());
    assertEquals("theta[4] is -0.5 (ridge: λ must be ≥ 0)",
        assertThrows(IllegalArgumentException.class,
            () -> perFeature.checkTheta(new double[] {1, 1, 1, 1, -0.5})).getMessage());
  }
}
