package dev.iterdiff.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class NeumannSeriesTest extends LinearSolverContract {

  @Override
  LinearSolver create(double tol, int maxIter) {
    return new NeumannSeries(tol, maxIter);
  }

  @Override
  double illConditionNumber() {
    return 50; // the series needs O(κ·log(1/tol)) terms
  }

  @Test
  void truncatedSeriesMatchesItsClosedForm() {
    // GIVEN diag(d), α = 0.2, K = 7 terms: x_K,i = α bᵢ Σ_{k<K} (1 − α dᵢ)^k
    //                                          = bᵢ (1 − (1 − α dᵢ)^K) / dᵢ
    double[] d = {1, 2, 4, 0.5};
    double[] a = new double[16];
    for (int i = 0; i < 4; i++) {
      a[i + 4 * i] = d[i];
    }
    double[] b = {1, -1, 2, 3};
    double[] x = new double[4];
    // WHEN 7 terms do not reach 1e-12
    LinearSolveException e = assertThrows(LinearSolveException.class,
        () -> new NeumannSeries(1e-12, 7, 0.2).solve(new DenseMatrixOperator(4, a), 4, b, x));
    // THEN the message names the terms and α, and x holds the truncated series
    assertTrue(e.getMessage().matches("neumann: relative residual \\d\\.\\de-0\\d > tol "
        + "1\\.0e-12 after 7 terms \\(n = 4, alpha = 2\\.0e-01\\)"), e.getMessage());
    for (int i = 0; i < 4; i++) {
      double expected = b[i] * (1 - Math.pow(1 - 0.2 * d[i], 7)) / d[i];
      assertEquals(expected, x[i], 1e-14, "x[" + i + "]");
    }
  }

  @Test
  void nonContractiveOperatorDivergesLoudly() {
    double[] a = {2, 0, 0, -1}; // diag(2, -1): I − αA has eigenvalue 1 + α > 1 for α > 0
    NeumannSeries neumann = new NeumannSeries(1e-10, 10_000);
    LinearSolveException e = assertThrows(LinearSolveException.class,
        () -> neumann.solve(new DenseMatrixOperator(2, a), 2, new double[] {1, 1},
            new double[2]));
    assertTrue(e.getMessage().startsWith("neumann: series diverges (relative residual "),
        e.getMessage());
    assertTrue(e.getMessage().endsWith("): I - alpha*A is not a contraction (n = 2)"),
        e.getMessage());
    assertEquals(0.5, neumann.lastAlpha(), 1e-3, "alpha from the dominant eigenvalue 2");
    // a fixed step too large for an SPD matrix: |1 − α·3| = 2
    double[] spd = {1, 0, 0, 3};
    e = assertThrows(LinearSolveException.class, () -> new NeumannSeries(1e-10, 10_000, 1.0)
        .solve(new DenseMatrixOperator(2, spd), 2, new double[] {1, 1}, new double[2]));
    assertTrue(e.getMessage().contains("alpha = 1.0e+00): I - alpha*A is not a contraction"),
        e.getMessage());
  }

  @Test
  void automaticAlphaFollowsTheSignOfTheSpectrum() {
    double[] neg = {-4, 0, 0, -1};
    NeumannSeries neumann = new NeumannSeries(1e-10, 1000);
    double[] x = new double[2];
    neumann.solve(new DenseMatrixOperator(2, neg), 2, new double[] {4, 1}, x);
    assertEquals(-0.25, neumann.lastAlpha(), 1e-3);
    assertEquals(-1, x[0], 1e-9);
    assertEquals(-1, x[1], 1e-9);
  }

  @Test
  void zeroAlphaIsRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new NeumannSeries(1e-10, 10, 0.0));
    assertEquals("alpha must be finite and != 0 (or NaN for automatic), got 0.0",
        e.getMessage());
  }
}
