package dev.iterdiff.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class LinearSolversTest {

  @Test
  void everyNameGivesItsSolverWhichSolves() {
    int n = 20;
    double[] a = TestMatrices.spd(n, 10, 91);
    double[] xStar = TestMatrices.gaussian(n, 1, new Random(92));
    double[] b = TestMatrices.multiply(a, n, xStar, 1);
    for (String name : LinearSolvers.NAMES) {
      LinearSolver s = LinearSolvers.byName(name, 1e-11, 2000);
      assertEquals(name, s.name());
      double[] x = new double[n];
      LinearSolveResult r = s.solve(new DenseMatrixOperator(n, a), n, b, x);
      assertEquals(1e-11, r.tolerance(), name);
      assertTrue(TestMatrices.relativeError(x, xStar) < 1e-9, name);
    }
    assertInstanceOf(Gmres.class, LinearSolvers.byName(" GMRES ", 1e-8, 10));
    assertEquals(17, ((ConjugateGradient) LinearSolvers.byName("cg", 1e-8, 17)).maxIterations());
  }

  @Test
  void unknownNameListsTheValidOnes() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> LinearSolvers.byName("qr", 1e-8, 10));
    assertEquals("unknown linear solver 'qr' (valid: cholesky, lu, cg, gmres, bicgstab, neumann)",
        e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> LinearSolvers.byName("cg", -1, 10));
    assertEquals("tol must be finite and > 0, got -1.0", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> LinearSolvers.byName("cg", 1e-8, 0));
    assertEquals("maxIter must be > 0, got 0", e.getMessage());
  }

  @Test
  void autoIsDenseUpToTheThresholdAndKrylovAbove() {
    int t = LinearSolvers.denseThreshold();
    assertTrue(t == LinearSolvers.DENSE_THRESHOLD_JAVA || t == LinearSolvers.DENSE_THRESHOLD_NATIVE);
    assertInstanceOf(Cholesky.class, LinearSolvers.auto(t, true, 1e-9));
    assertInstanceOf(Lu.class, LinearSolvers.auto(1, false, 1e-9));
    ConjugateGradient cg = assertInstanceOf(ConjugateGradient.class,
        LinearSolvers.auto(t + 1, true, 1e-9));
    assertEquals(1e-9, cg.tolerance());
    assertEquals(Math.max(1000, 10 * (t + 1)), cg.maxIterations());
    assertInstanceOf(Gmres.class, LinearSolvers.auto(t + 1, false, 1e-9));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> LinearSolvers.auto(0, true, 1e-9));
    assertEquals("n must be > 0, got 0", e.getMessage());
  }
}
