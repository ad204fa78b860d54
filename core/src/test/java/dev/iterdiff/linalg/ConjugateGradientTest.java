package dev.iterdiff.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ConjugateGradientTest extends LinearSolverContract {

  @Override
  LinearSolver create(double tol, int maxIter) {
    return new ConjugateGradient(tol, maxIter);
  }

  @Override
  boolean solvesNonsymmetric() {
    return false;
  }

  @Test
  void tooSmallBudgetThrowsWithResidualReachedAndLeavesTheIterate() {
    int n = 200;
    double[] a = TestMatrices.spd(n, 1e4, 61);
    double[] b = TestMatrices.gaussian(n, 1, new Random(62));
    double[] x = new double[n];
    LinearSolveException e = assertThrows(LinearSolveException.class,
        () -> new ConjugateGradient(1e-10, 5).solve(new DenseMatrixOperator(n, a), n, b, x));
    assertTrue(e.getMessage().matches("cg: relative residual \\d\\.\\de[-+]0\\d > tol 1\\.0e-10 "
        + "after 5 iterations \\(n = 200\\)"), e.getMessage());
    LinearSolveResult r = e.result();
    assertFalse(r.converged());
    assertEquals(5, r.iterations());
    // the reported residual is the true residual of the iterate left in x
    assertEquals(TestMatrices.relativeResidual(a, n, b, x, 1, 0), r.relativeResidual(), 1e-12);
    assertTrue(r.relativeResidual() > 1e-10);
  }

  @Test
  void indefiniteOperatorIsABreakdown() {
    double[] a = {1, 0, 0, -1}; // diag(1, -1): pᵀAp = 0 for p = (1, 1)
    LinearSolveException e = assertThrows(LinearSolveException.class,
        () -> new ConjugateGradient(1e-10, 100).solve(new DenseMatrixOperator(2, a), 2,
            new double[] {1, 1}, new double[2]));
    assertEquals("cg: breakdown at iteration 1 (pᵀAp = 0.0e+00: operator not definite), "
        + "relative residual 1.0e+00 > tol 1.0e-10 (n = 2)", e.getMessage());
    double[] c = {3, 0, 0, 0, 1, 0, 0, 0, -2}; // sign change after the first iteration
    e = assertThrows(LinearSolveException.class,
        () -> new ConjugateGradient(1e-10, 100).solve(new DenseMatrixOperator(3, c), 3,
            new double[] {1, 1, 1}, new double[3]));
    assertTrue(e.getMessage().startsWith("cg: breakdown at iteration 2 (pᵀAp = -"),
        e.getMessage());
  }

  @Test
  void warmStartAtTheSolutionTakesNoIteration() {
    int n = 20;
    double[] a = TestMatrices.spd(n, 10, 63);
    double[] xStar = TestMatrices.gaussian(n, 1, new Random(64));
    double[] b = TestMatrices.multiply(a, n, xStar, 1);
    double[] x = xStar.clone();
    LinearSolveResult r = new ConjugateGradient(1e-10, 100).solve(new DenseMatrixOperator(n, a),
        n, b, x);
    assertEquals(0, r.iterations());
  }

  @Test
  void badConfigurationIsRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new ConjugateGradient(0, 10));
    assertEquals("tolerance must be finite and > 0, got 0.0", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new ConjugateGradient(1e-8, 0));
    assertEquals("maxIterations must be > 0, got 0", e.getMessage());
  }
}
