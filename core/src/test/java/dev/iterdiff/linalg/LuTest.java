package dev.iterdiff.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class LuTest extends LinearSolverContract {

  @Override
  LinearSolver create(double tol, int maxIter) {
    return new Lu(tol);
  }

  @Test
  void transposedSolveMatchesManufacturedSolution() {
    int n = 30;
    double[] a = TestMatrices.nonsymmetric(n, 2.0, 41);
    double[] at = new double[n * n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        at[j + i * n] = a[i + j * n];
      }
    }
    double[] xStar = TestMatrices.gaussian(n, 1, new Random(42));
    double[] b = TestMatrices.multiply(at, n, xStar, 1);
    Lu lu = new Lu();
    lu.factor(a, n);
    double[] x = new double[n];
    lu.solveTransposed(b, x);
    assertTrue(TestMatrices.relativeError(x, xStar) < 1e-12);
  }

  @Test
  void exactlySingularNamesThePivot() {
    double[] a = {1, 2, 2, 4}; // [[1, 2], [2, 4]]
    LinearSolveException e = assertThrows(LinearSolveException.class,
        () -> new Lu().factor(a, 2));
    assertEquals("lu: matrix is singular (n = 2): pivot 2 is exactly zero (U(2,2) = 0)",
        e.getMessage());
    e = assertThrows(LinearSolveException.class, () -> new Lu().solve(
        new DenseMatrixOperator(2, a), 2, new double[] {1, 1}, new double[2]));
    assertEquals("lu: matrix is singular (n = 2): pivot 2 is exactly zero (U(2,2) = 0)",
        e.getMessage());
  }

  @Test
  void numericallySingularIsRejected() {
    // row 3 = row 1 + row 2 up to rounding: U(3,3) is rounding noise, not exactly zero
    double[] a = {0.1, 0.7, 0.8, 0.3, 0.2, 0.5, 0.6, 0.9, 1.5};
    LinearSolveException e = assertThrows(LinearSolveException.class,
        () -> new Lu().factor(a, 3));
    assertTrue(e.getMessage().startsWith("lu: matrix is ")
        && e.getMessage().contains("singular (n = 3)"), e.getMessage());
  }
}
