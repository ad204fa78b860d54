package dev.iterdiff.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The sparse products against the dense BLAS products on the same matrix. */
class CsrMatrixTest {

  /** A random 30×12 matrix with about 30 % non-zeros (and an empty row), column-major. */
  static double[] randomDense(int n, int p, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[] a = new double[n * p];
    for (int i = 1; i < n; i++) {
      for (int j = 0; j < p; j++) {
        if (rng.nextDouble() < 0.3) {
          a[i + j * n] = rng.nextDouble() * 2 - 1;
        }
      }
    }
    return a;
  }

  static double[] random(int len, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[] v = new double[len];
    for (int i = 0; i < len; i++) {
      v[i] = rng.nextDouble() * 2 - 1;
    }
    return v;
  }

  @Test
  void productsEqualTheDenseOnes() {
    int n = 30;
    int p = 12;
    double[] a = randomDense(n, p, 1);
    CsrMatrix s = CsrMatrix.fromDense(n, p, a);
    assertArrayEquals(a, s.toDense());
    double[] v = random(p, 2);
    double[] u = random(n, 3);
    double[] expected = random(n, 4);
    double[] actual = expected.clone();
    Blas.gemv(false, n, p, 0.7, a, v, -0.3, expected);
    s.times(0.7, v, -0.3, actual);
    assertArrayEquals(expected, actual, 1e-14);
    double[] et = random(p, 5);
    double[] at = et.clone();
    Blas.gemv(true, n, p, 1.3, a, u, 0.5, et);
    s.transposeTimes(1.3, u, 0.5, at);
    assertArrayEquals(et, at, 1e-14);
    double[] w = random(n, 6);
    double[] scaled = new double[n * p];
    for (int j = 0; j < p; j++) {
      for (int i = 0; i < n; i++) {
        scaled[i + j * n] = w[i] * a[i + j * n];
      }
    }
    double[] eg = random(p * p, 7);
    double[] ag = eg.clone();
    Blas.gemm(true, false, p, p, n, 0.4, a, scaled, 2.0, eg);
    s.weightedGram(0.4, w, 2.0, ag);
    assertArrayEquals(eg, ag, 1e-13);
    // α·Aᵀ diag(w) A v in one pass: the Gramian above (β = 0) times v; s = null meaning 1
    double[] gram = new double[p * p];
    Blas.gemm(true, false, p, p, n, 0.4, a, scaled, 0.0, gram);
    double[] ev = new double[p];
    Blas.gemv(false, p, p, 1.0, gram, v, 0.0, ev);
    double[] av = random(p, 9); // overwritten
    s.weightedGramTimes(0.4, w, v, av);
    assertArrayEquals(ev, av, 1e-13);
    Blas.gemm(true, false, p, p, n, 1.0, a, a, 0.0, gram);
    Blas.gemv(false, p, p, 1.0, gram, v, 0.0, ev);
    s.weightedGramTimes(1.0, null, v, av);
    assertArrayEquals(ev, av, 1e-13);
  }

  @Test
  void momentsSubsetsAndInterceptColumnMatchTheDenseMatrix() {
    int n = 30;
    int p = 12;
    double[] a = randomDense(n, p, 8);
    CsrMatrix s = CsrMatrix.fromDense(n, p, a);
    double[] m = s.columnMoments();
    for (int j = 0; j < p; j++) {
      double mean = 0;
      for (int i = 0; i < n; i++) {
        mean += a[i + j * n];
      }
      mean /= n;
      double ss = 0;
      for (int i = 0; i < n; i++) {
        ss += (a[i + j * n] - mean) * (a[i + j * n] - mean);
      }
      assertEquals(mean, m[2 * j], 1e-15);
      assertEquals(ss, m[2 * j + 1], 1e-13);
    }
    int[] rows = {5, 0, 29, 5};
    CsrMatrix sub = s.subsetRows(rows);
    CsrMatrix ones = s.withOnesColumn();
    assertEquals(p + 1, ones.cols());
    for (int i = 0; i < rows.length; i++) {
      for (int j = 0; j < p; j++) {
        assertEquals(a[rows[i] + j * n], sub.get(i, j));
      }
    }
    for (int i = 0; i < n; i++) {
      assertEquals(1.0, ones.get(i, p));
      for (int j = 0; j < p; j++) {
        assertEquals(a[i + j * n], ones.get(i, j));
      }
    }
  }

  @Test
  void badLayoutsAreRefusedNamingTheRow() {
    IllegalArgumentException unsorted = assertThrows(IllegalArgumentException.class,
        () -> new CsrMatrix(2, 4, new int[] {0, 1, 3}, new int[] {0, 3, 1},
            new double[] {1, 2, 3}));
    assertTrue(unsorted.getMessage().contains("row 1 has column index 1 not above the "
        + "previous 3"), unsorted.getMessage());
    IllegalArgumentException outside = assertThrows(IllegalArgumentException.class,
        () -> new CsrMatrix(1, 4, new int[] {0, 1}, new int[] {4}, new double[] {1}));
    assertTrue(outside.getMessage().contains("column index 4 outside [0, 4)"),
        outside.getMessage());
    IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
        () -> new CsrMatrix(1, 4, new int[] {0, 1}, new int[] {2}, new double[] {Double.NaN}));
    assertTrue(nan.getMessage().contains("entry (0, 2) is NaN"), nan.getMessage());
  }
}
