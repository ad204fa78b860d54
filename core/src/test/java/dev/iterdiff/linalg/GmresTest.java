package dev.iterdiff.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class GmresTest extends LinearSolverContract {

  /**
   * Restart 60 = n of the suite's largest case: restarted GMRES(30) stagnates on the κ = 1e6
   * case (3.5e-8 after 2200 iterations, measured) and fails loudly, as it should.
   */
  @Override
  LinearSolver create(double tol, int maxIter) {
    return new Gmres(tol, maxIter, 60);
  }

  @Test
  void restartedGmresStagnatesLoudlyOnAnIllConditionedMatrix() {
    int n = 60;
    double[] a = TestMatrices.spd(n, 1e6, 12);
    double[] b = TestMatrices.gaussian(n, 1, new java.util.Random(13));
    LinearSolveException e = assertThrows(LinearSolveException.class,
        () -> new Gmres(1e-10, 600, 10).solve(new DenseMatrixOperator(n, a), n, b,
            new double[n]));
    assertTrue(e.getMessage().startsWith("gmres: relative residual "), e.getMessage());
    assertTrue(e.result().relativeResidual() > 1e-10);
  }

  @Test
  void shortRestartsStillConvergeOverSeveralCycles() {
    int n = 50;
    double[] a = TestMatrices.nonsymmetric(n, 3.0, 71);
    double[] xStar = TestMatrices.gaussian(n, 1, new Random(72));
    double[] b = TestMatrices.multiply(a, n, xStar, 1);
    double[] x = new double[n];
    Gmres gmres = new Gmres(1e-10, 1000, 4);
    LinearSolveResult r = gmres.solve(new DenseMatrixOperator(n, a), n, b, x);
    assertTrue(r.iterations() > 4, "needs more than one cycle: " + r.iterations());
    assertTrue(TestMatrices.relativeError(x, xStar) < 1e-8);
    assertEquals(4, gmres.restart());
  }

  @Test
  void fullGmresConvergesInAtMostNIterations() {
    int n = 12;
    double[] a = TestMatrices.nonsymmetric(n, 0.5, 73); // eigenvalues around 0.5 ± 1
    double[] b = TestMatrices.gaussian(n, 1, new Random(74));
    double[] x = new double[n];
    LinearSolveResult r = new Gmres(1e-10, 1000, n).solve(new DenseMatrixOperator(n, a), n, b,
        x);
    assertTrue(r.iterations() <= n, "iterations " + r.iterations());
  }

  @Test
  void tooSmallBudgetThrows() {
    int n = 60;
    double[] a = TestMatrices.spd(n, 1e4, 75);
    double[] b = TestMatrices.gaussian(n, 1, new Random(76));
    LinearSolveException e = assertThrows(LinearSolveException.class,
        () -> new Gmres(1e-10, 3).solve(new DenseMatrixOperator(n, a), n, b, new double[n]));
    assertTrue(e.getMessage().matches("gmres: relative residual \\d\\.\\de-0\\d > tol "
        + "1\\.0e-10 after 3 iterations \\(n = 60\\)"), e.getMessage());
  }

  @Test
  void singularOperatorIsABreakdown() {
    LinearOperator zero = (v, out) -> Arrays.fill(out, 0.0);
    LinearSolveException e = assertThrows(LinearSolveException.class,
        () -> new Gmres(1e-10, 100).solve(zero, 3, new double[] {1, 2, 2}, new double[3]));
    assertEquals("gmres: breakdown at iteration 1 (Hessenberg diagonal 0.0e+00: operator "
        + "singular on the Krylov space), relative residual 1.0e+00 > tol 1.0e-10 (n = 3)",
        e.getMessage());
  }

  @Test
  void stagnationEndsEarlyInsteadOfBurningTheBudget() {
    // GMRES(1) on a rotation: A r ⊥ r, so no multiple of A r reduces the residual
    double[] rotation = {0, -1, 1, 0};
    LinearSolveException e = assertThrows(LinearSolveException.class,
        () -> new Gmres(1e-10, 10_000, 1).solve(new DenseMatrixOperator(2, rotation), 2,
            new double[] {1, 0}, new double[2]));
    assertEquals("gmres: breakdown at iteration 1 (stagnation: a cycle of 1 iterations did not "
        + "reduce the residual), relative residual 1.0e+00 > tol 1.0e-10 (n = 2)",
        e.getMessage());
    // full GMRES solves it: x = A⁻¹ b = (0, 1)
    double[] x = new double[2];
    new Gmres(1e-10, 100, 2).solve(new DenseMatrixOperator(2, rotation), 2,
        new double[] {1, 0}, x);
    assertEquals(0, x[0], 1e-12);
    assertEquals(1, x[1], 1e-12);
  }

  @Test
  void badRestartIsRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new Gmres(1e-10, 100, 0));
    assertEquals("restart must be > 0, got 0", e.getMessage());
  }
}
