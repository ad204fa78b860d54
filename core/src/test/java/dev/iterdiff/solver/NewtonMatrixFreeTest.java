package dev.iterdiff.solver;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iterdiff.check.FiniteDifferenceReport;
import dev.iterdiff.check.FiniteDifferences;
import dev.iterdiff.data.SparseTextData;
import dev.iterdiff.map.DifferentiableMap;
import dev.iterdiff.problem.LabeledData;
import dev.iterdiff.problem.LinearModelObjective;
import dev.iterdiff.problem.Problem;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Newton's matrix-free mode (CG on Hessian-vector products, no n×n array) gives the numbers of
 * the Cholesky mode: the same iterates and solution, the same four products of the iteration
 * map, and those products match central finite differences.
 */
class NewtonMatrixFreeTest {

  private static Problem sparseLogistic(int n, int p, int thetaLength) {
    LabeledData data = SparseTextData.generate(n, p, 0.1, 21);
    return LinearModelObjective.logisticRegression(true, true).create(data, thetaLength);
  }

  @Test
  void solvesToTheCholeskySolution() {
    Problem f = sparseLogistic(120, 40, 1);
    assertFalse(f.prefersMatrixFree(), "40 features: the dense mode by default");
    double[] theta = {0.02};
    Newton dense = new Newton(f, Double.NaN, Newton.RETAINED_BYTES, false);
    Newton free = new Newton(f, Double.NaN, Newton.RETAINED_BYTES, true);
    SolveOptions o = new SolveOptions(50, 1e-12, Storage.lastTwo());
    Solution a = Solve.run(dense, theta, new double[f.dim()], o);
    Solution b = Solve.run(free, theta, new double[f.dim()], o);
    assertTrue(a.converged() && b.converged());
    assertEquals(a.iterations(), b.iterations());
    assertArrayEquals(a.x(), b.x(), 1e-10);
    assertNull(free.hessianPreconditioner());
  }

  @Test
  void iterationProductsEqualTheCholeskyOnesAndFiniteDifferences() {
    Problem f = sparseLogistic(80, 30, 30);
    double[] theta = new double[30];
    java.util.Arrays.fill(theta, 0.05);
    Random rng = new Random(5);
    double[] x = MapCheck.random(rng, f.dim());
    DifferentiableMap dense = new Newton(f, Double.NaN, Newton.RETAINED_BYTES, false)
        .iteration(0.7);
    DifferentiableMap free = new Newton(f, Double.NaN, Newton.RETAINED_BYTES, true)
        .iteration(0.7);
    double[] v = MapCheck.random(rng, f.dim());
    double[] w = MapCheck.random(rng, theta.length);
    double[] e = new double[f.dim()];
    double[] g = new double[f.dim()];
    dense.apply(x, theta, e);
    free.apply(x, theta, g);
    assertArrayEquals(e, g, 1e-10);
    dense.jvpX(x, theta, v, e);
    free.jvpX(x, theta, v, g);
    assertArrayEquals(e, g, 1e-9);
    dense.vjpX(x, theta, v, e);
    free.vjpX(x, theta, v, g);
    assertArrayEquals(e, g, 1e-9);
    dense.jvpTheta(x, theta, w, e);
    free.jvpTheta(x, theta, w, g);
    assertArrayEquals(e, g, 1e-9);
    double[] et = new double[theta.length];
    double[] gt = new double[theta.length];
    dense.vjpTheta(x, theta, v, et);
    free.vjpTheta(x, theta, v, gt);
    assertArrayEquals(et, gt, 1e-9);
    FiniteDifferenceReport r = FiniteDifferences.checkMap(free, x, theta, 6);
    assertTrue(r.passes(1e-6, 1e-9), r.toString());
    MapCheck.adjoint(free, x, theta, 6);
  }

  @Test
  void largeSparseProblemsChooseTheMatrixFreeMode() {
    Problem f = sparseLogistic(50, 2000, 1);
    assertTrue(f.prefersMatrixFree());
    Newton s = new Newton(f);
    Solution sol = Solve.run(s, new double[] {0.01}, new double[f.dim()],
        new SolveOptions(50, 1e-10, Storage.lastTwo()));
    assertTrue(sol.converged(), "residual " + sol.residual());
    assertNull(s.hessianPreconditioner());
  }
}
