package dev.iterdiff.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class DenseMatrixOperatorTest {

  @Test
  void applyAndTransposeMatchLoops() {
    int n = 9;
    double[] a = TestMatrices.nonsymmetric(n, 1, 51);
    double[] v = TestMatrices.gaussian(n, 1, new Random(52));
    DenseMatrixOperator op = new DenseMatrixOperator(n, a);
    double[] out = new double[n];
    op.apply(v, out);
    assertArrayEquals(TestMatrices.multiply(a, n, v, 1), out, 1e-13);
    double[] at = new double[n * n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        at[j + i * n] = a[i + j * n];
      }
    }
    op.applyTranspose(v, out);
    assertArrayEquals(TestMatrices.multiply(at, n, v, 1), out, 1e-13);
    assertEquals(a[2 + 3 * n], op.get(2, 3), 0.0);
    assertFalse(op.isSymmetric(1e-12));
    assertTrue(new DenseMatrixOperator(n, TestMatrices.spd(n, 4, 53)).isSymmetric(1e-14));
  }

  @Test
  void materialiseRecoversTheMatrixOfAnOperator() {
    int n = 6;
    double[] a = TestMatrices.nonsymmetric(n, 0, 54);
    int[] applications = {0};
    LinearOperator op = (v, out) -> {
      applications[0]++;
      System.arraycopy(TestMatrices.multiply(a, n, v, 1), 0, out, 0, n);
    };
    DenseMatrixOperator dense = DenseMatrixOperator.of(op, n);
    assertArrayEquals(a, dense.data(), 1e-15);
    assertEquals(n, applications[0], "materialising costs n applications");
  }

  @Test
  void badShapesAreRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new DenseMatrixOperator(3, new double[8]));
    assertEquals("data: length 8 != 9", e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> new DenseMatrixOperator(0, new double[0]));
    assertEquals("n must be > 0, got 0", e.getMessage());
    DenseMatrixOperator op = new DenseMatrixOperator(2, new double[4]);
    e = assertThrows(IllegalArgumentException.class, () -> op.apply(new double[3],
        new double[2]));
    assertEquals("v: length 3 != 2", e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> DenseMatrixOperator.materialise(op, 3, new double[9]));
    assertEquals("materialise: operator dimension vs n: inconsistent dimensions 2 != 3",
        e.getMessage());
  }
}
