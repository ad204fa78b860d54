package dev.iterdiff.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iterdiff.problem.LabeledData;
import dev.ludovic.netlib.lapack.LAPACK;
import org.junit.jupiter.api.Test;
import org.netlib.util.intW;

/** The synthetic benchmark data: shapes, determinism, class means, prescribed spectrum. */
class SyntheticDataTest {

  @Test
  void twoGaussianClassesHaveTheStatedMeansLabelsAndAreReproducible() {
    int n1 = 4000;
    int p = 4;
    double mu = 2.0;
    LabeledData d = TwoGaussianClasses.generate(n1, p, mu, 11);
    assertEquals(2 * n1, d.rows());
    assertEquals(p, d.cols());
    for (int j = 0; j < p; j++) {
      double pos = 0;
      double neg = 0;
      for (int i = 0; i < n1; i++) {
        pos += d.get(i, j);
        neg += d.get(n1 + i, j);
      }
      // standard error of a mean of 4000 unit Gaussians is 0.016: 5 sigma = 0.08
      assertEquals(mu / Math.sqrt(p), pos / n1, 0.08);
      assertEquals(-mu / Math.sqrt(p), neg / n1, 0.08);
    }
    assertEquals(1.0, d.labels()[0]);
    assertEquals(-1.0, d.labels()[2 * n1 - 1]);
    assertArrayEquals(d.a(), TwoGaussianClasses.generate(n1, p, mu, 11).a());
  }

  @Test
  void conditionedRegressionHasTheGeometricSpectrumOfCondition_kappa() {
    int rows = 10;
    int p = 5;
    double kappa = 30;
    LabeledData d = ConditionedRegression.generate(rows, p, kappa, 5);
    double[] gram = new double[p * p];
    for (int a = 0; a < p; a++) {
      for (int b = 0; b < p; b++) {
        double s = 0;
        for (int i = 0; i < rows; i++) {
          s += d.get(i, a) * d.get(i, b);
        }
        gram[a + b * p] = s / rows;
      }
    }
    double[] eig = new double[p];
    double[] work = new double[64];
    intW info = new intW(0);
    LAPACK.getInstance().dsyev("N", "U", p, gram, p, eig, work, work.length, info);
    assertEquals(0, info.val);
    for (int j = 0; j < p; j++) {
      double expected = Math.pow(kappa, -(double) (p - 1 - j) / (p - 1));
      assertEquals(expected, eig[j], 1e-12, "eigenvalue " + j);
    }
  }

  @Test
  void badSizesAreNamed() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> TwoGaussianClasses.generate(0, 3, 1, 1));
    assertTrue(e.getMessage().contains("n1 (samples per class) must be > 0, got 0"),
        e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> TwoGaussianClasses.generate(3, 3, Double.NaN, 1));
    assertTrue(e.getMessage().contains("separation mu") && e.getMessage().contains("NaN"),
        e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> ConditionedRegression.generate(3, 5, 10, 1));
    assertTrue(e.getMessage().contains("3 < 5"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> ConditionedRegression.generate(10, 5, 0.5, 1));
    assertTrue(e.getMessage().contains("kappa must be finite and >= 1, got 0.5"),
        e.getMessage());
  }
}
