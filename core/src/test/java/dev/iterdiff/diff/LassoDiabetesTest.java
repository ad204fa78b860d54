package dev.iterdiff.diff;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iterdiff.data.LibsvmReader;
import dev.iterdiff.optimality.ActiveSetSystem;
import dev.iterdiff.optimality.ProxGradientFixedPoint;
import dev.iterdiff.problem.LabeledData;
import dev.iterdiff.problem.Problem;
import dev.iterdiff.problem.Problems;
import dev.iterdiff.solver.IterativeSolver;
import dev.iterdiff.solver.Solution;
import dev.iterdiff.solver.Solve;
import dev.iterdiff.solver.SolveOptions;
import dev.iterdiff.solver.Solvers;
import dev.iterdiff.solver.Storage;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The lasso on data-samples/diabetes (442 × 10, standardized) at three θ₁: x* by FISTA
 * against an independent cyclic coordinate-descent solution written here (1e-8), and the
 * implicit Jacobian through the prox-gradient condition (support-restricted system) against
 * the closed form J_S = −(A_SᵀA_S/N)⁻¹ sign(x_S), zero off S (relative 1e-8), and unrolled
 * forward after convergence against it (1e-6). Above θ₁ = ‖Aᵀb‖∞/N the support is empty:
 * J = 0, said in the diagnostics.
 */
class LassoDiabetesTest {

  private static LabeledData data() throws IOException {
    return LibsvmReader.read(Path.of("data-samples", "diabetes.libsvm"), 10);
  }

  /** Cyclic coordinate descent for 1/(2N)|Ax − b|² + τ|x|₁ (Friedman et al. 2010). */
  static double[] coordinateDescent(LabeledData d, double tau) {
    int n = d.rows();
    int p = d.cols();
    double[] x = new double[p];
    double[] r = d.labels().clone();
    for (int sweep = 0; sweep < 100_000; sweep++) {
      double change = 0;
      for (int j = 0; j < p; j++) {
        double col2 = 0;
        double rho = 0;
        for (int i = 0; i < n; i++) {
          double a = d.get(i, j);
          col2 += a * a;
          rho += a * (r[i] + a * x[j]);
        }
        col2 /= n;
        rho /= n;
        double next = Math.signum(rho) * Math.max(Math.abs(rho) - tau, 0) / col2;
        double delta = next - x[j];
        if (delta != 0) {
          for (int i = 0; i < n; i++) {
            r[i] -= d.get(i, j) * delta;
          }
          x[j] = next;
        }
        change = Math.max(change, Math.abs(delta));
      }
      if (change < 1e-14) {
        return x;
      }
    }
    throw new AssertionError("coordinate descent did not converge");
  }

  /** −(A_SᵀA_S/N)⁻¹ sign(x_S) by Gaussian elimination, zero off S. */
  static double[] closedForm(LabeledData d, double[] x) {
    int p = d.cols();
    int[] s = java.util.stream.IntStream.range(0, p).filter(j -> x[j] != 0).toArray();
    int k = s.length;
    double[][] m = new double[k][k + 1];
    for (int a = 0; a < k; a++) {
      for (int b = 0; b < k; b++) {
        double g = 0;
        for (int i = 0; i < d.rows(); i++) {
          g += d.get(i, s[a]) * d.get(i, s[b]);
        }
        m[a][b] = g / d.rows();
      }
      m[a][k] = -Math.signum(x[s[a]]);
    }
    for (int c = 0; c < k; c++) {
      for (int r = c + 1; r < k; r++) {
        double f = m[r][c] / m[c][c];
        for (int q = c; q <= k; q++) {
          m[r][q] -= f * m[c][q];
        }
      }
    }
    double[] y = new double[k];
    for (int r = k - 1; r >= 0; r--) {
      double v = m[r][k];
      for (int q = r + 1; q < k; q++) {
        v -= m[r][q] * y[q];
      }
      y[r] = v / m[r][r];
    }
    double[] j = new double[p];
    for (int a = 0; a < k; a++) {
      j[s[a]] = y[a];
    }
    return j;
  }

  private static double maxCorrelation(LabeledData d) {
    double best = 0;
    for (int j = 0; j < d.cols(); j++) {
      double c = 0;
      for (int i = 0; i < d.rows(); i++) {
        c += d.get(i, j) * d.labels()[i];
      }
      best = Math.max(best, Math.abs(c) / d.rows());
    }
    return best;
  }

  private static double relErr(double[] a, double[] ref) {
    double num = 0;
    double den = 0;
    for (int i = 0; i < a.length; i++) {
      num += (a[i] - ref[i]) * (a[i] - ref[i]);
      den += ref[i] * ref[i];
    }
    return Math.sqrt(num / Math.max(den, 1e-300));
  }

  @ParameterizedTest(name = "theta1 = {0} x max|A'b|/N")
  @ValueSource(doubles = {0.01, 0.1, 0.5})
  void solutionAndJacobianMatchCoordinateDescentAndTheClosedForm(double fraction)
      throws IOException {
    LabeledData d = data();
    double[] theta = {fraction * maxCorrelation(d)};
    Problem lasso = Problems.create("lasso", d, 1, 1.0);
    IterativeSolver fista = Solvers.create("fista", lasso, null);
    Solution sol = Solve.run(fista, theta, new double[10],
        new SolveOptions(500_000, 1e-12, Storage.lastTwo()));
    assertTrue(sol.converged(), "fista residual " + sol.residual());
    double[] cd = coordinateDescent(d, theta[0]);
    assertTrue(relErr(sol.x(), cd) < 1e-8, "x vs coordinate descent " + relErr(sol.x(), cd));
    double[] reference = closedForm(d, cd);
    JacobianEstimate implicit = Estimators.byName("implicit",
        EstimatorOptions.defaults().withCondition("prox-gradient")).jacobian(sol);
    assertTrue(relErr(implicit.jacobian(), reference) < 1e-8, "implicit vs closed form "
        + relErr(implicit.jacobian(), reference));
    // |S| ≤ 10 of 10 on N = 442 rows: the support Gram matrix is cheaper to factor than CG
    assertTrue(implicit.diagnostics().linearSolver().startsWith("active-set-cholesky"),
        implicit.diagnostics().linearSolver());
    // the condition the CLI and the jobs use when none is named picks this one for a lasso
    assertArrayEquals(implicit.jacobian(), Estimators.byName("implicit",
        EstimatorOptions.defaults().withCondition("auto")).jacobian(sol).jacobian(), 0.0);
    IterativeSolver ista = Solvers.create("prox-gradient", lasso, null);
    Solution unrolledSol = Solve.run(ista, theta, new double[10],
        new SolveOptions(500_000, 1e-11, new Storage(Storage.Kind.CHECKPOINTED, 500_000)));
    JacobianEstimate forward = Estimators.byName("unrolled-forward").jacobian(unrolledSol);
    assertTrue(relErr(forward.jacobian(), reference) < 1e-6, "unrolled vs closed form "
        + relErr(forward.jacobian(), reference));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"cholesky", "cg"})
  void bothRestrictedSolvesGiveTheClosedFormJacobianVjpAndJvp(String method)
      throws IOException {
    LabeledData d = data();
    double[] theta = {0.1 * maxCorrelation(d)};
    Problem lasso = Problems.create("lasso", d, 1, 1.0);
    Solution sol = Solve.run(Solvers.create("fista", lasso, null), theta, new double[10],
        new SolveOptions(500_000, 1e-12, Storage.lastTwo()));
    double[] cd = coordinateDescent(d, theta[0]);
    double[] reference = closedForm(d, cd);
    ProxGradientFixedPoint condition = ProxGradientFixedPoint.of(sol);
    ActiveSetSystem system = condition.activeSet(sol.x(), theta, 1e-12, 1, method);
    assertTrue(system.method().startsWith("active-set-" + method), system.method());
    // GIVEN r = ∂_θG e₁ WHEN (∂ₓG) y = r THEN J e₁ = −y, the closed form
    double[] r = new double[10];
    condition.jvpTheta(sol.x(), theta, new double[] {1.0}, r);
    double[] y = new double[10];
    system.solveForward(r, y);
    double[] column = new double[10];
    for (int i = 0; i < 10; i++) {
      column[i] = -y[i];
    }
    assertTrue(relErr(column, reference) < 1e-8, method + " JVP vs closed form "
        + relErr(column, reference));
    // transposed: (∂ₓG)ᵀ v = u, uᵀJ = −(∂_θG)ᵀ v
    double[] u = new double[10];
    for (int i = 0; i < 10; i++) {
      u[i] = Math.sin(i + 1.0);
    }
    double[] v = new double[10];
    system.solveTransposed(u, v);
    double[] vjp = new double[1];
    condition.vjpTheta(sol.x(), theta, v, vjp);
    double expected = 0;
    for (int i = 0; i < 10; i++) {
      expected += u[i] * reference[i];
    }
    assertEquals(expected, -vjp[0], 1e-8 * Math.abs(expected));
    // and through the estimator (one θ: the forward route)
    double[] estimated = Estimators.byName("implicit",
        EstimatorOptions.defaults().withCondition("prox-gradient")).vjp(sol, u).value();
    assertEquals(expected, estimated[0], 1e-8 * Math.abs(expected));
  }

  @Test
  void anEmptySupportGivesAZeroJacobianSaidInTheDiagnostics() throws IOException {
    LabeledData d = data();
    double[] theta = {1.01 * maxCorrelation(d)};
    Solution sol = Solve.run(Solvers.create("prox-gradient", Problems.create("lasso", d, 1, 1),
        null), theta, new double[10], new SolveOptions(10_000, 1e-12, Storage.lastTwo()));
    assertEquals(0, relErr(sol.x(), new double[10]), 0.0);
    JacobianEstimate j = Estimators.byName("implicit",
        EstimatorOptions.defaults().withCondition("prox-gradient")).jacobian(sol);
    for (double v : j.jacobian()) {
      assertEquals(0.0, v, 0.0);
    }
    assertTrue(j.diagnostics().linearSolver().contains("empty support"),
        j.diagnostics().linearSolver());
  }
}
