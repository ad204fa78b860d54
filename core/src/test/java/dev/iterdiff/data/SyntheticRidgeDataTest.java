package dev.iterdiff.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.iterdiff.problem.LabeledData;
import java.util.Arrays;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.EigenDecompositionSymmetric;
import org.junit.jupiter.api.Test;

class SyntheticRidgeDataTest {

  /** Eigenvalues of AᵀA/N by Hipparchus, ascending. */
  private static double[] gramEigenvalues(LabeledData d) {
    int n = d.rows();
    int p = d.cols();
    double[][] g = new double[p][p];
    for (int j = 0; j < p; j++) {
      for (int k = 0; k < p; k++) {
        double s = 0;
        for (int i = 0; i < n; i++) {
          s += d.get(i, j) * d.get(i, k);
        }
        g[j][k] = s / n;
      }
    }
    double[] ev = new EigenDecompositionSymmetric(new Array2DRowRealMatrix(g, false))
        .getEigenvalues();
    Arrays.sort(ev);
    return ev;
  }

  @Test
  void gramMatrixHasTheRequestedConditionNumberAndGeometricSpectrum() {
    for (double kappa : new double[] {100, 1000}) {
      // GIVEN 200 x 20 data with condition number kappa
      LabeledData d = new SyntheticRidgeData(200, 20, kappa, 0.1, 7).generate("s");
      // WHEN the spectrum of AᵀA/N is computed independently
      double[] ev = gramEigenvalues(d);
      // THEN it runs geometrically from 1/kappa to 1
      assertEquals(1.0, ev[19], 1e-12);
      assertEquals(1.0 / kappa, ev[0], 1e-12 / kappa * 100);
      assertEquals(kappa, ev[19] / ev[0], kappa * 1e-10);
      for (int j = 0; j < 20; j++) {
        assertEquals(Math.pow(kappa, (j - 19) / 19.0), ev[j], 1e-12, "eigenvalue " + j);
      }
    }
  }

  @Test
  void sameParametersGiveTheSameBits() {
    LabeledData a = new SyntheticRidgeData(30, 5, 100, 0.1, 42).generate("s");
    LabeledData b = new SyntheticRidgeData(30, 5, 100, 0.1, 42).generate("s");
    LabeledData c = new SyntheticRidgeData(30, 5, 100, 0.1, 43).generate("s");
    assertArrayEquals(a.a(), b.a(), 0);
    assertArrayEquals(a.labels(), b.labels(), 0);
    assertEquals(false, Arrays.equals(a.a(), c.a()));
  }

  @Test
  void badParametersAreNamed() {
    assertEquals("rows must be >= cols (20), got 10", assertThrows(IllegalArgumentException.class,
        () -> new SyntheticRidgeData(10, 20, 100, 0, 1)).getMessage());
    assertEquals("kappa must be finite and >= 1, got 0.5", assertThrows(
        IllegalArgumentException.class, () -> new SyntheticRidgeData(30, 20, 0.5, 0, 1))
        .getMessage());
    assertEquals("noise must be finite and >= 0, got NaN", assertThrows(
        IllegalArgumentException.class, () -> new SyntheticRidgeData(30, 20, 10, Double.NaN, 1))
        .getMessage());
    assertEquals("cols must be >= 2, got 1", assertThrows(IllegalArgumentException.class,
        () -> new SyntheticRidgeData(30, 1, 10, 0, 1)).getMessage());
  }
}
