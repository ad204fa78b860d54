package dev.iterdiff.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class CholeskyTest extends LinearSolverContract {

  @Override
  LinearSolver create(double tol, int maxIter) {
    return new Cholesky(tol);
  }

  @Override
  boolean solvesNonsymmetric() {
    return false;
  }

  @Test
  void factorOnceSolveManyMatchesManufacturedSolutionsAndLu() {
    // GIVEN an SPD matrix with κ = 1e4 and three manufactured solutions
    int n = 40;
    double[] a = TestMatrices.spd(n, 1e4, 31);
    double[] aCopy = a.clone();
    Cholesky chol = new Cholesky();
    Lu lu = new Lu();
    // WHEN it is factored once and solved for each right-hand side
    chol.factor(a, n);
    lu.factor(a, n);
    assertArrayEquals(aCopy, a, 0.0, "factor must not modify its argument");
    assertEquals(n, chol.dimension());
    assertTrue(chol.rcond() > 1e-5 && chol.rcond() < 1e-3, "rcond " + chol.rcond());
    Random rnd = new Random(32);
    for (int k = 0; k < 3; k++) {
      double[] xStar = TestMatrices.gaussian(n, 1, rnd);
      double[] b = TestMatrices.multiply(a, n, xStar, 1);
      double[] x = new double[n];
      double[] xLu = new double[n];
      chol.solve(b, x);
      lu.solve(b, xLu);
      // THEN each agrees with x* to κ·eps and with LU
      assertTrue(TestMatrices.relativeError(x, xStar) < 1e-10);
      assertTrue(TestMatrices.relativeError(x, xLu) < 1e-10);
    }
    // AND several columns at once give the same as one by one
    double[] xs = TestMatrices.gaussian(n, 2, rnd);
    double[] bs = TestMatrices.multiply(a, n, xs, 2);
    double[] sol = new double[2 * n];
    chol.solveColumns(bs, 2, sol);
    assertTrue(TestMatrices.relativeError(sol, xs) < 1e-10);
    // AND solving in place (b == x) works
    chol.solveColumns(bs, 2, bs);
    assertArrayEquals(sol, bs, 0.0);
  }

  @Test
  void indefiniteMatrixNamesTheFailingMinor() {
    double[] a = {1, 0, 0, 0, -1, 0, 0, 0, 2}; // diag(1, -1, 2)
    LinearSolveException e = assertThrows(LinearSolveException.class,
        () -> new Cholesky().factor(a, 3));
    assertEquals("cholesky: matrix is not positive definite (n = 3): the leading minor of "
        + "order 2 is not positive", e.getMessage());
    assertFalse(e.result().converged());
    // the LinearSolver path says the same (diagonal signs are mixed: no negation tried)
    e = assertThrows(LinearSolveException.class, () -> new Cholesky().solve(
        new DenseMatrixOperator(3, a), 3, new double[] {1, 1, 1}, new double[3]));
    assertTrue(e.getMessage().startsWith("cholesky: matrix is not positive definite (n = 3)"));
  }

  @Test
  void negativeDefiniteIsNegatedOnTheSolverPathOnly() {
    int n = 6;
    double[] neg = TestMatrices.negate(TestMatrices.spd(n, 10, 33));
    LinearSolveException e = assertThrows(LinearSolveException.class,
        () -> new Cholesky().factor(neg, n));
    assertEquals("cholesky: matrix is not positive definite (n = 6): the leading minor of "
        + "order 1 is not positive", e.getMessage());
    Cholesky chol = new Cholesky();
    double[] xStar = TestMatrices.gaussian(n, 1, new Random(34));
    double[] b = TestMatrices.multiply(neg, n, xStar, 1);
    double[] x = new double[n];
    chol.solve(new DenseMatrixOperator(n, neg), n, b, x);
    assertTrue(chol.isNegated());
    assertTrue(TestMatrices.relativeError(x, xStar) < 1e-12);
    // factor/solve after the negated solve is the plain factorization again
    chol.factor(TestMatrices.negate(neg), n);
    assertFalse(chol.isNegated());
  }

  @Test
  void negativeDiagonalButIndefiniteFailsNamingMinusA() {
    double[] a = {-1, 2, 2, -1}; // diagonal negative, eigenvalues 1 and -3
    LinearSolveException e = assertThrows(LinearSolveException.class, () -> new Cholesky()
        .solve(new DenseMatrixOperator(2, a), 2, new double[] {1, 0}, new double[2]));
    assertEquals("cholesky: matrix is not negative definite (n = 2): the leading minor of "
        + "order 2 of -A is not positive", e.getMessage());
  }

  @Test
  void numericallySingularIsRejectedByRcond() {
    double[] a = {1, 1, 1, 1 + 2 * Math.ulp(1.0)};
    LinearSolveException e = assertThrows(LinearSolveException.class,
        () -> new Cholesky().factor(a, 2));
    assertTrue(e.getMessage().startsWith("cholesky: matrix is numerically singular (n = 2): "
        + "reciprocal condition number "), e.getMessage());
    assertTrue(e.getMessage().endsWith(" < 2.2e-16"), e.getMessage());
  }

  @Test
  void solveBeforeFactorAndBadFactorInputAreRejected() {
    IllegalStateException s = assertThrows(IllegalStateException.class,
        () -> new Cholesky().solve(new double[2], new double[2]));
    assertEquals("cholesky: nothing factored yet (call factor first)", s.getMessage());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new Cholesky().factor(new double[5], 2));
    assertEquals("a: length 5 != 4", e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> new Cholesky().factor(new double[] {1, 0, 0, Double.POSITIVE_INFINITY}, 2));
    assertEquals("a[3] is Infinity (must be finite)", e.getMessage());
    Cholesky chol = new Cholesky();
    chol.factor(new double[] {2, 0, 0, 2}, 2);
    e = assertThrows(IllegalArgumentException.class,
        () -> chol.solve(new double[3], new double[2]));
    assertEquals("b: length 3 != 2", e.getMessage());
  }

  @Test
  void multipleRightHandSidesMaterialiseAndFactorOnce() {
    int n = 15;
    int m = 4;
    double[] a = TestMatrices.spd(n, 10, 35);
    int[] applications = {0};
    LinearOperator op = (v, out) -> {
      applications[0]++;
      System.arraycopy(TestMatrices.multiply(a, n, v, 1), 0, out, 0, n);
    };
    double[] xStar = TestMatrices.gaussian(n, m, new Random(36));
    double[] b = TestMatrices.multiply(a, n, xStar, m);
    double[] x = new double[n * m];
    LinearSolveResult r = new Cholesky().solveColumns(op, n, b, m, x);
    // n applications to materialise, one residual check per column, no refinement needed
    assertEquals(0, r.iterations());
    assertEquals(n + m, applications[0]);
    assertTrue(TestMatrices.relativeError(x, xStar) < 1e-12);
  }

  @Test
  void failedFactorizationLeavesNothingToSolveWith() {
    Cholesky chol = new Cholesky();
    chol.factor(new double[] {2, 0, 0, 2}, 2);
    assertThrows(LinearSolveException.class,
        () -> chol.factor(new double[] {1, 0, 0, -1}, 2));
    assertEquals(0, chol.dimension());
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> chol.solve(new double[2], new double[2]));
    assertEquals("cholesky: nothing factored yet (call factor first)", e.getMessage());
  }

  @Test
  void factorInPlaceReadsTheLowerTriangleWrittenIntoTheWorkspace() {
    // GIVEN an SPD matrix written into the factor's workspace, lower triangle only (upper: junk)
    int n = 30;
    double[] a = TestMatrices.spd(n, 1e3, 37);
    Cholesky inPlace = new Cholesky();
    double[] w = inPlace.workspace(n);
    assertTrue(w.length >= n * n);
    for (int j = 0; j < n; j++) {
      for (int i = 0; i < n; i++) {
        w[i + j * n] = i >= j ? a[i + j * n] : Double.NaN;
      }
    }
    // WHEN factored in place, with and without the condition estimate
    inPlace.factorInPlace(n);
    assertEquals(n, inPlace.dimension());
    assertTrue(inPlace.rcond() > 1e-4 && inPlace.rcond() < 1e-2, "rcond " + inPlace.rcond());
    Cholesky reference = new Cholesky();
    reference.factor(a, n);
    double[] xStar = TestMatrices.gaussian(n, 1, new Random(38));
    double[] b = TestMatrices.multiply(a, n, xStar, 1);
    double[] x = new double[n];
    double[] xRef = new double[n];
    inPlace.solve(b, x);
    reference.solve(b, xRef);
    // THEN the solves are those of factor(a): the same LAPACK calls on the same lower triangle
    assertArrayEquals(xRef, x, 0.0);
    Cholesky quick = new Cholesky();
    System.arraycopy(a, 0, quick.workspace(n), 0, n * n);
    quick.factorInPlace(n, false);
    assertTrue(Double.isNaN(quick.rcond()), "no condition estimate: rcond " + quick.rcond());
    quick.solve(b, x);
    assertArrayEquals(xRef, x, 0.0);
    assertTrue(TestMatrices.relativeError(x, xStar) < 1e-10);
  }

  @Test
  void factorInPlaceFailuresAreLoud() {
    // an indefinite matrix fails with or without the condition estimate, naming the minor
    Cholesky chol = new Cholesky();
    System.arraycopy(new double[] {1, 0, 0, 0, -1, 0, 0, 0, 2}, 0, chol.workspace(3), 0, 9);
    LinearSolveException e = assertThrows(LinearSolveException.class,
        () -> chol.factorInPlace(3, false));
    assertEquals("cholesky: matrix is not positive definite (n = 3): the leading minor of "
        + "order 2 is not positive", e.getMessage());
    assertEquals(0, chol.dimension());
    // a numerically singular one is refused by the condition estimate when it is asked for
    System.arraycopy(new double[] {1, 1, 1, 1 + 2 * Math.ulp(1.0)}, 0, chol.workspace(2), 0, 4);
    e = assertThrows(LinearSolveException.class, () -> chol.factorInPlace(2));
    assertTrue(e.getMessage().startsWith("cholesky: matrix is numerically singular (n = 2)"),
        e.getMessage());
    // factorInPlace without a workspace of that size
    IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
        () -> new Cholesky().factorInPlace(3));
    assertEquals("cholesky: factorInPlace(3) without workspace(3) (workspace holds 0 entries)",
        bad.getMessage());
    bad = assertThrows(IllegalArgumentException.class, () -> new Cholesky().workspace(0));
    assertEquals("n must be > 0, got 0", bad.getMessage());
  }
}
