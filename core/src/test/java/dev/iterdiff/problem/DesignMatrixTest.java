package dev.iterdiff.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.iterdiff.linalg.Blas;
import dev.iterdiff.linalg.SymmetricEigenvalues;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The extreme eigenvalues of AᵀA, wide matrices through the N×N Gram matrix AAᵀ. */
class DesignMatrixTest {

  /**
   * GIVEN a wide A (5 × 60, a few-shot support set) and a tall one (60 × 5) WHEN their extremes
   * are taken THEN they match the eigenvalues of the explicit p×p AᵀA: λ_max to 1e-12 relative,
   * and λ_min of the wide one is 0 (AᵀA has rank 5 &lt; 60; the p×p route gives rounding noise
   * within 1e-10 of it).
   */
  @Test
  void wideMatricesUseTheSmallGramMatrix() {
    for (int[] shape : new int[][] {{5, 60}, {60, 5}, {7, 7}}) {
      int n = shape[0];
      int p = shape[1];
      SplittableRandom rng = new SplittableRandom(n * 100 + p);
      double[] a = new double[n * p];
      for (int i = 0; i < a.length; i++) {
        a[i] = rng.nextDouble();
      }
      double[] g = new double[p * p];
      Blas.gramian(n, p, 1.0, a, 0.0, g);
      double[] ref = SymmetricEigenvalues.extremes(p, g);
      double[] got = new DesignMatrix(new LabeledData(a, n, p, new double[n], "random")).gramExtremes();
      assertEquals(ref[1], got[1], 1e-12 * ref[1], "lambda_max " + n + "x" + p);
      assertEquals(ref[0], got[0], n < p ? 1e-10 * ref[1] : 1e-12 * ref[1],
          "lambda_min " + n + "x" + p);
      if (n < p) {
        assertEquals(0.0, got[0], 0.0);
      }
    }
  }
}
