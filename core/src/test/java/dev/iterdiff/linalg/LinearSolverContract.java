package dev.iterdiff.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The suite every {@link LinearSolver} plugs into. Solutions are checked two ways: by the
 * true residual ‖b − A x‖/‖b‖ recomputed with naive loops, and against an independent
 * solution — a manufactured x* (b = A x* by naive loops), closed forms (diagonal, 2×2), and
 * the forward-error bound ‖x − x*‖ ≤ ‖A⁻¹‖·‖b − A x‖ where ‖A⁻¹‖ = 1/λ_min is known from the
 * construction A = Q diag(λ) Qᵀ.
 */
abstract class LinearSolverContract {

  static final double TOL = 1e-10;

  /** The solver under test with relative tolerance {@code tol} and iteration budget. */
  abstract LinearSolver create(double tol, int maxIter);

  /** Whether the solver is expected to handle nonsymmetric matrices. */
  boolean solvesNonsymmetric() {
    return true;
  }

  /** Condition number of the "ill-conditioned" SPD case. */
  double illConditionNumber() {
    return 1e6;
  }

  /** Solves A x = b with a zero start and checks residual, result record and error bound. */
  private void checkSpd(int n, double cond, long seed, double[] a, double sign) {
    Random rnd = new Random(seed + 1);
    double[] xStar = TestMatrices.gaussian(n, 1, rnd);
    double[] b = TestMatrices.multiply(a, n, xStar, 1);
    double[] x = new double[n];
    LinearSolver solver = create(TOL, 100 * n + 1000); // bicgstab needs ~1100 at κ = 1e6
    LinearSolveResult res = solver.solve(new DenseMatrixOperator(n, a), n, b, x);
    double trueRel = TestMatrices.relativeResidual(a, n, b, x, 1, 0);
    assertTrue(trueRel <= TOL * 1.01, "true residual " + trueRel);
    assertTrue(res.converged());
    assertEquals(solver.name(), res.method());
    assertEquals(TOL, res.tolerance());
    assertEquals(trueRel, res.relativeResidual(), 1e-3 * TOL + 1e-15, "reported residual");
    // ‖x − x*‖ ≤ ‖A⁻¹‖ ‖b − A x‖ with ‖A⁻¹‖ = 1/λ_min = 1 here.
    double errBound = trueRel * nrm(b) / 1.0 * 1.01 + 1e-13 * nrm(xStar) * cond;
    double err = TestMatrices.relativeError(x, xStar) * nrm(xStar);
    assertTrue(err <= errBound, "error " + err + " > bound " + errBound + " (sign " + sign + ")");
  }

  @Test
  void spdWellConditionedMatchesManufacturedSolution() {
    checkSpd(60, 10, 11, TestMatrices.spd(60, 10, 11), 1);
  }

  @Test
  void spdIllConditionedMatchesManufacturedSolution() {
    double cond = illConditionNumber();
    checkSpd(60, cond, 12, TestMatrices.spd(60, cond, 12), 1);
  }

  @Test
  void negativeDefiniteIsSolved() {
    checkSpd(40, 10, 13, TestMatrices.negate(TestMatrices.spd(40, 10, 13)), -1);
  }

  @Test
  void nonsymmetricAgreesWithLuAndManufacturedSolution() {
    if (!solvesNonsymmetric()) {
      return;
    }
    int n = 50;
    double[] a = TestMatrices.nonsymmetric(n, 3.0, 14);
    double[] xStar = TestMatrices.gaussian(n, 1, new Random(15));
    double[] b = TestMatrices.multiply(a, n, xStar, 1);
    double[] x = new double[n];
    create(TOL, 5000).solve(new DenseMatrixOperator(n, a), n, b, x);
    assertTrue(TestMatrices.relativeResidual(a, n, b, x, 1, 0) <= TOL * 1.01);
    assertTrue(TestMatrices.relativeError(x, xStar) <= 1e-8, "vs manufactured");
    Lu lu = new Lu();
    lu.factor(a, n);
    double[] ref = new double[n];
    lu.solve(b, ref);
    assertTrue(TestMatrices.relativeError(x, ref) <= 1e-8, "vs LU");
  }

  @Test
  void multipleRightHandSidesAreSolvedColumnByColumn() {
    int n = 30;
    int m = 3;
    double[] a = TestMatrices.spd(n, 20, 16);
    double[] xStar = TestMatrices.gaussian(n, m, new Random(17));
    double[] b = TestMatrices.multiply(a, n, xStar, m);
    double[] x = new double[n * m];
    LinearSolveResult res = create(TOL, 5000).solveColumns(new DenseMatrixOperator(n, a), n, b,
        m, x);
    double worst = 0;
    for (int c = 0; c < m; c++) {
      double r = TestMatrices.relativeResidual(a, n, b, x, m, c);
      assertTrue(r <= TOL * 1.01, "column " + c + " residual " + r);
      worst = Math.max(worst, r);
    }
    assertEquals(worst, res.relativeResidual(), 1e-3 * TOL + 1e-15);
    assertTrue(TestMatrices.relativeError(x, xStar) <= 20 * TOL * 10, "vs manufactured");
  }

  @Test
  void matrixFreeOperatorGivesTheSameSolution() {
    int n = 25;
    double[] a = TestMatrices.spd(n, 5, 18);
    double[] b = TestMatrices.gaussian(n, 1, new Random(19));
    LinearOperator op = (v, out) -> {
      double[] y = TestMatrices.multiply(a, n, v, 1);
      System.arraycopy(y, 0, out, 0, n);
    };
    double[] x = new double[n];
    create(TOL, 5000).solve(op, n, b, x);
    Cholesky chol = new Cholesky();
    chol.factor(a, n);
    double[] ref = new double[n];
    chol.solve(b, ref);
    assertTrue(TestMatrices.relativeError(x, ref) <= 5 * 5 * TOL, "vs Cholesky");
  }

  @Test
  void diagonalMatchesClosedForm() {
    int n = 5;
    double[] d = {1, 2, 0.5, 4, 3};
    double[] a = new double[n * n];
    for (int i = 0; i < n; i++) {
      a[i + i * n] = d[i];
    }
    double[] b = {1, -2, 3, 0.25, 6};
    double[] x = new double[n];
    create(1e-12, 1000).solve(new DenseMatrixOperator(n, a), n, b, x);
    for (int i = 0; i < n; i++) {
      assertEquals(b[i] / d[i], x[i], 1e-11 * Math.abs(b[i] / d[i]), "x[" + i + "]");
    }
  }

  @Test
  void twoByTwoMatchesCramersRule() {
    double[] a = {4, 1, 1, 3}; // [[4, 1], [1, 3]]
    double[] b = {1, 2};
    double det = 4 * 3 - 1 * 1;
    double[] expected = {(3 * 1 - 1 * 2) / det, (4 * 2 - 1 * 1) / det};
    double[] x = new double[2];
    create(1e-12, 1000).solve(new DenseMatrixOperator(2, a), 2, b, x);
    assertArrayEquals(expected, x, 1e-11);
  }

  @Test
  void zeroRightHandSideGivesZeroWithZeroResidual() {
    int n = 10;
    double[] a = TestMatrices.spd(n, 10, 20);
    double[] x = TestMatrices.gaussian(n, 1, new Random(21)); // a nonzero initial guess
    LinearSolveResult res = create(TOL, 100).solve(new DenseMatrixOperator(n, a), n,
        new double[n], x);
    assertArrayEquals(new double[n], x, 0.0);
    assertEquals(0.0, res.relativeResidual());
    assertTrue(res.converged());
  }

  @Test
  void wrongLengthsAreRejectedWithTheirValues() {
    int n = 5;
    LinearOperator op = new DenseMatrixOperator(n, TestMatrices.spd(n, 2, 22));
    LinearSolver solver = create(TOL, 100);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> solver.solve(op, n, new double[4], new double[n]));
    assertEquals("b: length 4 != 5", e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> solver.solve(op, n, new double[n], new double[6]));
    assertEquals("x: length 6 != 5", e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> solver.solveColumns(op, n, new double[10], 3, new double[15]));
    assertEquals("b: length 10 != 15", e.getMessage());
  }

  @Test
  void nonFiniteRightHandSideIsRejected() {
    int n = 3;
    double[] b = {1, Double.NaN, 2};
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> create(TOL, 100).solve(new DenseMatrixOperator(n, TestMatrices.spd(n, 2, 23)), n,
            b, new double[n]));
    assertEquals("b[1] is NaN (must be finite)", e.getMessage());
  }

  @Test
  void nonFiniteOperatorOutputFailsLoudly() {
    int n = 4;
    double[] a = TestMatrices.spd(n, 2, 24);
    LinearOperator poisoned = (v, out) -> {
      System.arraycopy(TestMatrices.multiply(a, n, v, 1), 0, out, 0, n);
      out[2] = Double.NaN;
    };
    LinearSolver solver = create(TOL, 100);
    LinearSolveException e = assertThrows(LinearSolveException.class,
        () -> solver.solve(poisoned, n, new double[] {1, 2, 3, 4}, new double[n]));
    assertTrue(e.getMessage().startsWith(solver.name() + ": "), e.getMessage());
    assertTrue(e.getMessage().contains("NaN"), e.getMessage());
  }

  @Test
  void solveOrReportTurnsAFailureIntoAResult() {
    int n = 80;
    double[] a = TestMatrices.spd(n, 1e5, 25);
    double[] b = TestMatrices.gaussian(n, 1, new Random(26));
    double[] x = new double[n];
    // an unreachable tolerance for the iterative ones, and 1 iteration
    LinearSolver solver = create(1e-300, 1);
    LinearSolveResult r = solver.solveOrReport(new DenseMatrixOperator(n, a), n, b, x);
    assertTrue(!r.converged(), "converged?");
    assertEquals(solver.name(), r.method());
    assertTrue(r.relativeResidual() > 1e-300);
  }

  static double nrm(double[] v) {
    double s = 0;
    for (double d : v) {
      s += d * d;
    }
    return Math.sqrt(s);
  }
}
