package dev.iterdiff.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Every {@link Blas} wrapper against naive loops on random data (tolerance 1e-12 relative). */
class BlasTest {

  private final Random rnd = new Random(7);

  private double[] random(int len) {
    return TestMatrices.gaussian(len, 1, rnd);
  }

  @Test
  void backendIsNamed() {
    assertFalse(Blas.backend().isEmpty());
    assertFalse(Lapack.backend().isEmpty());
  }

  @Test
  void nrm2NeitherOverflowsNorUnderflows() {
    // GIVEN vectors whose squares overflow, underflow, mix both, or are all zero / not finite
    double r2 = Math.sqrt(2);
    // THEN the norm is the exact one to rounding (the fast path would give Infinity or 0)
    assertEquals(1e200 * r2, Blas.nrm2(new double[] {1e200, -1e200}), 1e-15 * 1e200 * r2);
    assertEquals(1e-200 * r2, Blas.nrm2(new double[] {1e-200, 1e-200}), 1e-15 * 1e-200 * r2);
    assertEquals(5e-170, Blas.nrm2(new double[] {3e-170, 0, -4e-170}), 1e-15 * 5e-170);
    assertEquals(1e160, Blas.nrm2(new double[] {1e160, 1e-160, 1}), 1e-15 * 1e160);
    assertEquals(0.0, Blas.nrm2(new double[5]));
    assertEquals(5.0, Blas.nrm2(2, new double[] {9, 3, 4}, 1));
    assertEquals(Double.POSITIVE_INFINITY,
        Blas.nrm2(new double[] {1, Double.NEGATIVE_INFINITY}));
    assertEquals(Double.POSITIVE_INFINITY, Blas.nrm2(new double[] {Double.POSITIVE_INFINITY,
        Double.POSITIVE_INFINITY}));
    assertEquals(Double.POSITIVE_INFINITY, Blas.nrm2(new double[] {1, Double.POSITIVE_INFINITY,
        Double.NEGATIVE_INFINITY}));
    double big = Math.sqrt(3) * 1e300; // finite, though the sum of squares overflows
    assertEquals(big, Blas.nrm2(new double[] {1e300, 1e300, -1e300}), 1e-15 * big);
    assertTrue(Double.isNaN(Blas.nrm2(new double[] {1, Double.NaN})));
    assertTrue(Double.isNaN(Blas.nrm2(new double[] {Double.POSITIVE_INFINITY, Double.NaN})));
  }

  @Test
  void vectorOperationsMatchLoops() {
    double[] x = random(17);
    double[] y = random(17);
    double dot = 0;
    double dot5 = 0;
    double sq = 0;
    for (int i = 0; i < 17; i++) {
      dot += x[i] * y[i];
      sq += x[i] * x[i];
      if (i >= 3 && i < 8) {
        dot5 += x[i] * y[i + 2];
      }
    }
    assertEquals(dot, Blas.dot(x, y), 1e-12 * Math.abs(dot) + 1e-14);
    assertEquals(dot, Blas.dot(17, x, y), 1e-12 * Math.abs(dot) + 1e-14);
    assertEquals(dot5, Blas.dot(5, x, 3, y, 5), 1e-12 * Math.abs(dot5) + 1e-14);
    assertEquals(Math.sqrt(sq), Blas.nrm2(x), 1e-12 * Math.sqrt(sq));
    double sq4 = x[2] * x[2] + x[3] * x[3] + x[4] * x[4] + x[5] * x[5];
    assertEquals(Math.sqrt(sq4), Blas.nrm2(4, x, 2), 1e-12 * Math.sqrt(sq4));

    double[] yy = y.clone();
    double[] expected = y.clone();
    for (int i = 0; i < 17; i++) {
      expected[i] += 0.7 * x[i];
    }
    Blas.axpy(0.7, x, yy);
    assertArrayEquals(expected, yy, 1e-14);
    yy = y.clone();
    expected = y.clone();
    for (int i = 0; i < 6; i++) {
      expected[4 + i] += -1.5 * x[1 + i];
    }
    Blas.axpy(6, -1.5, x, 1, yy, 4);
    assertArrayEquals(expected, yy, 1e-14);

    double[] xs = x.clone();
    Blas.scal(3, -2.0, xs, 5);
    for (int i = 0; i < 17; i++) {
      assertEquals(i >= 5 && i < 8 ? -2 * x[i] : x[i], xs[i], 0.0);
    }
    double[] dst = new double[17];
    Blas.copy(4, x, 2, dst, 10);
    for (int i = 0; i < 4; i++) {
      assertEquals(x[2 + i], dst[10 + i], 0.0);
    }
  }

  @Test
  void gemvMatchesLoopsBothWaysAndWithOffsets() {
    int m = 7;
    int n = 4;
    double[] a = random(m * n);
    for (boolean t : new boolean[] {false, true}) {
      int inLen = t ? m : n;
      int outLen = t ? n : m;
      double[] x = random(inLen + 2);
      double[] y0 = random(outLen + 3);
      double[] expected = y0.clone();
      for (int r = 0; r < outLen; r++) {
        double s = 0;
        for (int k = 0; k < inLen; k++) {
          s += (t ? a[k + r * m] : a[r + k * m]) * x[2 + k];
        }
        expected[3 + r] = 1.5 * s + 0.5 * y0[3 + r];
      }
      double[] y = y0.clone();
      Blas.gemv(t, m, n, 1.5, a, x, 2, 0.5, y, 3);
      assertArrayEquals(expected, y, 1e-12, "offset, transpose " + t);
      double[] xPlain = java.util.Arrays.copyOfRange(x, 2, 2 + inLen);
      double[] yPlain = java.util.Arrays.copyOfRange(y0, 3, 3 + outLen);
      Blas.gemv(t, m, n, 1.5, a, xPlain, 0.5, yPlain);
      assertArrayEquals(java.util.Arrays.copyOfRange(expected, 3, 3 + outLen), yPlain, 1e-12);
    }
  }

  @Test
  void gemmMatchesLoopsForAllTranspositions() {
    int m = 5;
    int n = 3;
    int k = 4;
    for (boolean ta : new boolean[] {false, true}) {
      for (boolean tb : new boolean[] {false, true}) {
        double[] a = random(m * k); // stored m×k, or k×m when transposed
        double[] b = random(k * n);
        double[] c0 = random(m * n);
        double[] expected = new double[m * n];
        for (int i = 0; i < m; i++) {
          for (int j = 0; j < n; j++) {
            double s = 0;
            for (int l = 0; l < k; l++) {
              double aij = ta ? a[l + i * k] : a[i + l * m];
              double blj = tb ? b[j + l * n] : b[l + j * k];
              s += aij * blj;
            }
            expected[i + j * m] = 2.0 * s - 1.0 * c0[i + j * m];
          }
        }
        double[] c = c0.clone();
        Blas.gemm(ta, tb, m, n, k, 2.0, a, b, -1.0, c);
        assertArrayEquals(expected, c, 1e-12, "transA " + ta + " transB " + tb);
      }
    }
  }

  @Test
  void gramianMatchesLoopsAndIsSymmetric() {
    int m = 6;
    int n = 4;
    double[] a = random(m * n);
    double[] c0 = TestMatrices.spd(n, 3, 8);
    double[] expected = new double[n * n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        double s = 0;
        for (int l = 0; l < m; l++) {
          s += a[l + i * m] * a[l + j * m];
        }
        expected[i + j * n] = 0.5 * s + 2.0 * c0[i + j * n];
      }
    }
    double[] c = c0.clone();
    Blas.gramian(m, n, 0.5, a, 2.0, c);
    assertArrayEquals(expected, c, 1e-12);
  }

  @Test
  void lowerGramianAndSymmetricProductMatchLoops() {
    // GIVEN A (9×6) and C prefilled with junk
    int m = 9;
    int n = 6;
    double[] a = random(m * n);
    double[] c = new double[n * n];
    java.util.Arrays.fill(c, Double.NaN);
    // WHEN the lower triangle of 0.5·AᵀA is formed
    Blas.gramianLower(m, n, 0.5, a, 0.0, c);
    // THEN it matches the loops on and below the diagonal
    double[] full = new double[n * n];
    for (int j = 0; j < n; j++) {
      for (int i = 0; i < n; i++) {
        double s = 0;
        for (int r = 0; r < m; r++) {
          s += a[r + i * m] * a[r + j * m];
        }
        full[i + j * n] = 0.5 * s;
        if (i >= j) {
          assertEquals(full[i + j * n], c[i + j * n], 1e-12 * Math.abs(s) + 1e-14);
        }
      }
    }
    // AND y ← 2·C x − y reads only that lower triangle (the strict upper one set to NaN)
    for (int j = 0; j < n; j++) {
      for (int i = 0; i < j; i++) {
        c[i + j * n] = Double.NaN;
      }
    }
    double[] x = random(n);
    double[] y = random(n);
    double[] expected = new double[n];
    for (int i = 0; i < n; i++) {
      double s = 0;
      for (int j = 0; j < n; j++) {
        s += full[i + j * n] * x[j];
      }
      expected[i] = 2 * s - y[i];
    }
    Blas.symvLower(n, 2.0, c, x, -1.0, y);
    for (int i = 0; i < n; i++) {
      assertEquals(expected[i], y[i], 1e-12 * (1 + Math.abs(expected[i])));
    }
  }
}
