package dev.iterdiff.diff;

import static dev.iterdiff.diff.RidgeFixture.relativeError;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iterdiff.optimality.Stationarity;
import dev.iterdiff.problem.LabeledData;
import dev.iterdiff.problem.WeightedRidgeProblem;
import dev.iterdiff.solver.GradientDescent;
import dev.iterdiff.solver.Solution;
import dev.iterdiff.solver.Solve;
import dev.iterdiff.solver.SolveOptions;
import dev.iterdiff.solver.StepRule;
import dev.iterdiff.solver.Storage;
import java.util.List;
import org.hipparchus.linear.LUDecomposition;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.RealMatrix;
import org.junit.jupiter.api.Test;

/**
 * Per-sample weights (the one-step paper's parametrization): m = N = 120 &gt; n = 10, so the
 * full Jacobians take the adjoint paths (one-step by n VJPs, implicit by n transposed
 * solves). Checked against the closed form of weighted ridge, f = ½Σθᵢ(aᵢᵀx − bᵢ)² +
 * α/2‖x‖²: x* = (AᵀΘA + αI)⁻¹AᵀΘb, J* = −(AᵀΘA + αI)⁻¹ Aᵀ diag(Ax* − b), with Hipparchus.
 */
class WeightedRidgeEstimatorsTest {

  private static final int ROWS = 120;
  private static final LabeledData DATA = firstRows(RidgeFixture.diabetes(), ROWS);
  private static final int N = DATA.cols();
  private static final double ALPHA = 1.0;

  private static LabeledData firstRows(LabeledData d, int rows) {
    double[] a = new double[rows * d.cols()];
    double[] b = new double[rows];
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < d.cols(); j++) {
        a[i + j * rows] = d.get(i, j);
      }
      b[i] = d.labels()[i];
    }
    return new LabeledData(a, rows, d.cols(), b, d.source() + " (first " + rows + " rows)");
  }

  private static double[] weights() {
    double[] w = new double[ROWS];
    for (int i = 0; i < ROWS; i++) {
      w[i] = 0.005 + 0.01 * ((i * 7) % 5) / 4.0;
    }
    return w;
  }

  private static double[] closedForm(double[] theta) {
    RealMatrix a = MatrixUtils.createRealMatrix(ROWS, N);
    for (int i = 0; i < ROWS; i++) {
      for (int j = 0; j < N; j++) {
        a.setEntry(i, j, DATA.get(i, j));
      }
    }
    RealMatrix weighted = MatrixUtils.createRealDiagonalMatrix(theta).multiply(a);
    RealMatrix h = a.transpose().multiply(weighted)
        .add(MatrixUtils.createRealIdentityMatrix(N).scalarMultiply(ALPHA));
    var solver = new LUDecomposition(h).getSolver();
    double[] x = solver.solve(MatrixUtils.createRealVector(
        weighted.transpose().operate(DATA.labels()))).toArray();
    double[] r = a.operate(x);
    for (int i = 0; i < ROWS; i++) {
      r[i] -= DATA.labels()[i];
    }
    RealMatrix cross = a.transpose().multiply(MatrixUtils.createRealDiagonalMatrix(r));
    RealMatrix j = solver.solve(cross).scalarMultiply(-1);
    double[] out = new double[N * ROWS];
    for (int c = 0; c < ROWS; c++) {
      for (int i = 0; i < N; i++) {
        out[i + c * N] = j.getEntry(i, c);
      }
    }
    return out;
  }

  private static Solution solve(int k, Storage storage) {
    GradientDescent gd = new GradientDescent(new WeightedRidgeProblem(DATA, ROWS, ALPHA),
        StepRule.optimal());
    return Solve.run(gd, weights(), new double[N], SolveOptions.iterations(k, storage));
  }

  @Test
  void implicitAndUnrolledMatchTheClosedFormThroughTheAdjointPaths() {
    Solution s = solve(1500, Storage.full());
    double[] exact = closedForm(weights());
    for (String ls : List.of("auto", "cg", "lu")) {
      Implicit implicit = new Implicit(sol -> new Stationarity(sol.solver().problem()), ls,
          1e-13, 0, DiagnosticsOptions.none());
      double err = relativeError(implicit.jacobian(s).jacobian(), exact);
      assertTrue(err < 1e-10, ls + ": " + err);
    }
    assertTrue(relativeError(new UnrolledReverse().jacobian(s).jacobian(), exact) < 1e-8);
    assertTrue(relativeError(new OneStep().jacobian(s).jacobian(), exact) > 0.1,
        "one-step is not J* for gradient descent");
  }

  @Test
  void productsAgreeWithTheJacobianAndUnrolledWithFiniteDifferences() {
    Solution s = solve(12, Storage.full());
    double[] u = RidgeFixture.gaussian(N, 21);
    double[] w = RidgeFixture.gaussian(ROWS, 22);
    for (JacobianEstimator e : List.of(new OneStep(), new UnrolledForward(), new UnrolledReverse(),
        new Implicit(new Stationarity(s.solver().problem())))) {
      double[] j = e.jacobian(s).jacobian();
      assertTrue(relativeError(e.vjp(s, u).value(),
          RidgeFixture.transposeTimes(j, N, ROWS, u)) < 1e-12, e.name());
      assertTrue(relativeError(e.jvp(s, w).value(), RidgeFixture.times(j, N, ROWS, w)) < 1e-12,
          e.name());
    }
    double[] fd = RidgeFixture.unrolledFiniteDifferences(s, new double[N]);
    assertTrue(relativeError(new UnrolledReverse().jacobian(s).jacobian(), fd) < 1e-7);
  }
}
