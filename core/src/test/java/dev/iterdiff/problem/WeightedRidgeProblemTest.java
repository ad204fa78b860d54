package dev.iterdiff.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iterdiff.linalg.Blas;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.ArrayRealVector;
import org.hipparchus.linear.LUDecomposition;
import org.junit.jupiter.api.Test;

/** Weighted ridge: closed-form solution, θ-dependent bounds, guards. */
class WeightedRidgeProblemTest {

  static final int N = 12;
  static final int P = 5;
  static final LabeledData DATA = RandomDatasets.regression(N, P, 42);

  /** x* = (AᵀΘA + αI)⁻¹ AᵀΘb, built entry by entry and solved with Hipparchus' LU. */
  static double[] closedForm(double[] theta, double alpha) {
    double[][] h = new double[P][P];
    double[] rhs = new double[P];
    for (int j = 0; j < P; j++) {
      for (int k = 0; k < P; k++) {
        for (int i = 0; i < N; i++) {
          h[j][k] += theta[theta.length == 1 ? 0 : i] * DATA.get(i, j) * DATA.get(i, k);
        }
      }
      h[j][j] += alpha;
      for (int i = 0; i < N; i++) {
        rhs[j] += theta[theta.length == 1 ? 0 : i] * DATA.get(i, j) * DATA.labels()[i];
      }
    }
    return new LUDecomposition(new Array2DRowRealMatrix(h, false)).getSolver()
        .solve(new ArrayRealVector(rhs, false)).toArray();
  }

  @Test
  void gradientVanishesAtTheClosedFormSolution() {
    double[] perSample = RandomDatasets.uniform(N, 0.1, 2.0, 3);
    for (double[] theta : new double[][] {{0.8}, perSample}) {
      WeightedRidgeProblem p = new WeightedRidgeProblem(DATA, theta.length, 1.0);
      double[] g = new double[P];
      p.gradient(closedForm(theta, 1.0), theta, g);
      assertEquals(0.0, Blas.nrm2(g), 1e-12, "θ of length " + theta.length);
    }
  }

  @Test
  void boundsFollowThetaAndAreRecomputedWhenItChanges() {
    WeightedRidgeProblem p = new WeightedRidgeProblem(DATA, N, 0.5);
    double[] theta = RandomDatasets.uniform(N, 0.1, 2.0, 4);
    double l1 = p.lipschitz(theta);
    double[] doubled = theta.clone();
    Blas.scal(2.0, doubled);
    // L(2θ) − α = 2·(L(θ) − α): the cache must not return the old value
    assertEquals(2 * (l1 - 0.5), p.lipschitz(doubled) - 0.5, 1e-12 * l1);
    assertEquals(l1, p.lipschitz(theta), 1e-12 * l1);
    assertTrue(p.strongConvexity(theta) >= 0.5);
  }

  @Test
  void badInputsAreRejectedWithTheirValues() {
    WeightedRidgeProblem perSample = new WeightedRidgeProblem(DATA, N, 1.0);
    assertEquals("theta: length 5, expected 1 or 12 (weighted-ridge: one shared weight or one"
        + " per sample)", assertThrows(IllegalArgumentException.class,
            () -> perSample.checkTheta(new double[5])).getMessage());
    assertEquals("theta: length 5, expected 1 or 12 (weighted-ridge: one shared weight or one"
        + " per sample)", assertThrows(IllegalArgumentException.class,
            () -> Problems.create("weighted-ridge", DATA, 5, 1.0)).getMessage());
    double[] bad = new double[N];
    bad[7] = -2.0;
    assertEquals("theta[7] is -2.0 (weighted-ridge: sample weights must be ≥ 0)",
        assertThrows(IllegalArgumentException.class, () -> perSample.checkTheta(bad))
            .getMessage());
    assertEquals("theta[7] is -2.0 (weighted-ridge: sample weights must be ≥ 0)",
        assertThrows(IllegalArgumentException.class, () -> perSample.lipschitz(bad))
            .getMessage());
    bad[7] = Double.NEGATIVE_INFINITY;
    assertEquals("theta[7] is -Infinity (must be finite)",
        assertThrows(IllegalArgumentException.class, () -> perSample.checkTheta(bad))
            .getMessage());
    assertEquals("alpha is -1.0 (weighted-ridge: must be finite and ≥ 0)",
        assertThrows(IllegalArgumentException.class,
            () -> new WeightedRidgeProblem(DATA, 1, -1.0)).getMessage());
  }
}
