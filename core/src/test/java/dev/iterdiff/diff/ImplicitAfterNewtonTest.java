package dev.iterdiff.diff;

import static dev.iterdiff.diff.RidgeFixture.relativeError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iterdiff.optimality.Stationarity;
import dev.iterdiff.problem.LabeledData;
import dev.iterdiff.problem.LogisticProblem;
import dev.iterdiff.problem.RidgeProblem;
import dev.iterdiff.solver.GradientDescent;
import dev.iterdiff.solver.Newton;
import dev.iterdiff.solver.Solution;
import dev.iterdiff.solver.Solve;
import dev.iterdiff.solver.SolveOptions;
import dev.iterdiff.solver.Storage;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The automatic linear solver of implicit differentiation after Newton: CG preconditioned by
 * Newton's last Cholesky factor ("pcg"), checked against implicit differentiation with a fresh
 * Cholesky factorization of ∇²f(x_k) (dense LAPACK, independent of the preconditioner) on
 * logistic regression, breast cancer (569 × 30).
 */
class ImplicitAfterNewtonTest {

  private static final LabeledData CANCER = RidgeFixture.breastCancer();
  private static final int N = CANCER.cols();

  private static Solution newton(int k, int thetaDim) {
    Newton newton = new Newton(new LogisticProblem(CANCER, thetaDim));
    double[] theta = new double[thetaDim];
    for (int j = 0; j < thetaDim; j++) {
      theta[j] = 0.01 * (1 + j % 3);
    }
    return Solve.run(newton, theta, new double[N], SolveOptions.iterations(k, Storage.lastTwo()));
  }

  private static Implicit implicit(String linearSolver) {
    Function<Solution, dev.iterdiff.optimality.OptimalityCondition> stationarity =
        s -> new Stationarity(s.solver().problem());
    return new Implicit(stationarity, linearSolver, 1e-12, 0, DiagnosticsOptions.none());
  }

  private static double[] random(int n, long seed) {
    Random rnd = new Random(seed);
    double[] u = new double[n];
    for (int i = 0; i < n; i++) {
      u[i] = rnd.nextGaussian();
    }
    return u;
  }

  @Test
  void hypergradientByPcgEqualsAFreshCholeskySolveAfterConvergence() {
    Solution s = newton(25, N);
    assertTrue(s.residual() < 1e-12, "converged: " + s.residual());
    double[] u = random(N, 1);
    VectorEstimate pcg = implicit("auto").vjp(s, u);
    VectorEstimate cholesky = implicit("cholesky").vjp(s, u);
    assertEquals("pcg", pcg.diagnostics().linearSolver());
    assertTrue(pcg.diagnostics().linearIterations() <= 3,
        "iterations " + pcg.diagnostics().linearIterations());
    assertTrue(relativeError(pcg.value(), cholesky.value()) < 1e-10,
        "" + relativeError(pcg.value(), cholesky.value()));
    double[] w = random(N, 2);
    VectorEstimate jvp = implicit("auto").jvp(s, w);
    assertEquals("pcg", jvp.diagnostics().linearSolver());
    assertTrue(relativeError(jvp.value(), implicit("cholesky").jvp(s, w).value()) < 1e-10);
  }

  @Test
  void fullJacobianUsesPcgForOneColumnAndTheDenseSolverForManyColumns() {
    Solution single = newton(25, 1);
    JacobianEstimate one = implicit("auto").jacobian(single);
    assertEquals("pcg", one.diagnostics().linearSolver());
    assertTrue(relativeError(one.jacobian(), implicit("cholesky").jacobian(single).jacobian())
        < 1e-10);
    Solution perFeature = newton(25, N);
    JacobianEstimate many = implicit("auto").jacobian(perFeature);
    assertEquals("cholesky", many.diagnostics().linearSolver());
  }

  @Test
  void farFromConvergenceThePreconditionerIsWorseButTheAnswerIsTheSame() {
    // two Newton steps from 0: H(x_1) preconditions the system at x_2
    Solution s = newton(2, N);
    assertTrue(s.residual() > 1e-4, "not converged: " + s.residual());
    double[] u = random(N, 3);
    VectorEstimate auto = implicit("auto").vjp(s, u);
    double[] reference = implicit("cholesky").vjp(s, u).value();
    assertTrue(relativeError(auto.value(), reference) < 1e-9,
        auto.diagnostics().linearSolver() + ": " + relativeError(auto.value(), reference));
    assertTrue(auto.diagnostics().linearResidual() <= 1e-12);
  }

  @Test
  void gradientDescentHoldsNoFactorizationSoTheSizeBasedChoiceApplies() {
    LabeledData diabetes = RidgeFixture.diabetes();
    int n = diabetes.cols();
    double[] theta = new double[] {0.1};
    Solution s = Solve.run(new GradientDescent(new RidgeProblem(diabetes, 1)), theta,
        new double[n], SolveOptions.iterations(50, Storage.lastTwo()));
    VectorEstimate v = implicit("auto").vjp(s, random(n, 4));
    assertEquals("cholesky", v.diagnostics().linearSolver());
  }
}
