package dev.iterdiff.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class BiCgStabTest extends LinearSolverContract {

  @Override
  LinearSolver create(double tol, int maxIter) {
    return new BiCgStab(tol, maxIter);
  }

  @Test
  void skewSymmetricRotationIsABreakdown() {
    double[] a = {0, -1, 1, 0}; // [[0, 1], [-1, 0]]: r̂ᵀA r = 0 for every r
    LinearSolveException e = assertThrows(LinearSolveException.class,
        () -> new BiCgStab(1e-10, 100).solve(new DenseMatrixOperator(2, a), 2,
            new double[] {1, 0}, new double[2]));
    assertEquals("bicgstab: breakdown at iteration 1 (r̂ᵀAp = 0.0e+00), relative residual "
        + "1.0e+00 > tol 1.0e-10 (n = 2)", e.getMessage());
  }

  @Test
  void tooSmallBudgetThrows() {
    int n = 60;
    double[] a = TestMatrices.spd(n, 1e4, 81);
    double[] b = TestMatrices.gaussian(n, 1, new Random(82));
    LinearSolveException e = assertThrows(LinearSolveException.class,
        () -> new BiCgStab(1e-10, 2).solve(new DenseMatrixOperator(n, a), n, b, new double[n]));
    assertTrue(e.getMessage().matches("bicgstab: relative residual \\d\\.\\de-0\\d > tol "
        + "1\\.0e-10 after 2 iterations \\(n = 60\\)"), e.getMessage());
    assertEquals(2, e.result().iterations());
  }
}
