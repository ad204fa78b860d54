package dev.iterdiff.diff;

import static dev.iterdiff.diff.RidgeFixture.relativeError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iterdiff.optimality.Stationarity;
import dev.iterdiff.problem.LabeledData;
import dev.iterdiff.problem.RidgeProblem;
import dev.iterdiff.solver.GradientDescent;
import dev.iterdiff.solver.Solution;
import dev.iterdiff.solver.Solve;
import dev.iterdiff.solver.SolveOptions;
import dev.iterdiff.solver.StepRule;
import dev.iterdiff.solver.Storage;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every estimator on ridge regression (diabetes, 442 × 10, one λ per feature) against the
 * closed form J* = −(AᵀA/N + diag θ)⁻¹ diag(x*) computed with Hipparchus, and against each
 * other where theory says they agree.
 */
class RidgeEstimatorsTest {

  private static final LabeledData DATA = RidgeFixture.diabetes();
  private static final int N = DATA.cols();
  private static final double[] THETA = perFeatureTheta();
  private static final double[] X0 = new double[N];

  private static double[] perFeatureTheta() {
    double[] t = new double[DATA.cols()];
    for (int j = 0; j < t.length; j++) {
      t[j] = 0.1 + 0.02 * j;
    }
    return t;
  }

  private static Solution solve(StepRule rule, int k, Storage storage) {
    GradientDescent gd = new GradientDescent(new RidgeProblem(DATA, N), rule);
    return Solve.run(gd, THETA, X0, SolveOptions.iterations(k, storage));
  }

  private static Implicit implicit(Solution s, String linearSolver) {
    return new Implicit(sol -> new Stationarity(sol.solver().problem()), linearSolver, 1e-13, 0,
        DiagnosticsOptions.full());
  }

  @Test
  void everyEstimatorMatchesTheClosedFormAfterConvergence() {
    // GIVEN gradient descent with step 2/(μ+L) run to machine precision (κ ≈ 21, 2500 its)
    Solution s = solve(StepRule.optimal(), 2500, Storage.full());
    RidgeFixture.ClosedForm exact = RidgeFixture.ridge(DATA, THETA);
    assertTrue(relativeError(s.x(), exact.x()) < 1e-13, "x_k = x*");
    // THEN implicit (every linear solver) to 1e-10 and unrolled to 1e-8
    for (String ls : List.of("auto", "cholesky", "lu", "cg", "gmres", "bicgstab")) {
      JacobianEstimate j = implicit(s, ls).jacobian(s);
      assertTrue(relativeError(j.jacobian(), exact.jacobian()) < 1e-10,
          ls + ": " + relativeError(j.jacobian(), exact.jacobian()));
      assertTrue(j.diagnostics().linearResidual() <= 1e-13, ls);
      assertEquals(ls.equals("auto") ? "cholesky" : ls, j.diagnostics().linearSolver());
      boolean direct = List.of("auto", "cholesky", "lu").contains(ls);
      assertTrue(direct ? j.diagnostics().linearIterations() == 0
          : j.diagnostics().linearIterations() > 0, ls + " iterations");
    }
    for (JacobianEstimator e : List.of(new UnrolledForward(), new UnrolledReverse(), new Truncated(2500))) {
      double err = relativeError(e.jacobian(s).jacobian(), exact.jacobian());
      assertTrue(err < 1e-8, e.name() + ": " + err);
    }
  }

  @Test
  void vjpAndJvpAgreeWithTheFullJacobianForEveryEstimator() {
    Solution s = solve(StepRule.inverseLipschitz(), 80, Storage.full());
    double[] u = RidgeFixture.gaussian(N, 1);
    double[] w = RidgeFixture.gaussian(N, 2);
    for (JacobianEstimator e : List.of(new UnrolledForward(), new UnrolledReverse(), new Truncated(30),
        new OneStep(), implicit(s, "cholesky"), implicit(s, "lu"))) {
      double[] j = e.jacobian(s).jacobian();
      double[] vjp = e.vjp(s, u).value();
      double[] jvp = e.jvp(s, w).value();
      assertTrue(relativeError(vjp, RidgeFixture.transposeTimes(j, N, N, u)) < 1e-12,
          e.name() + " vjp");
      assertTrue(relativeError(jvp, RidgeFixture.times(j, N, N, w)) < 1e-12, e.name() + " jvp");
    }
  }

  @Test
  void forwardReverseAndCheckpointedReverseAgreeAtEqualK() {
    int k = 60;
    Solution full = solve(StepRule.inverseLipschitz(), k, Storage.full());
    Solution checkpointed = solve(StepRule.inverseLipschitz(), k, Storage.checkpointed());
    Solution uneven = solve(StepRule.inverseLipschitz(), k,
        new Storage(Storage.Kind.CHECKPOINTED, 7));
    Solution s0only = solve(StepRule.inverseLipschitz(), k,
        Estimators.requiredStorage(List.of("unrolled-forward"), k, null));
    double[] reverse = new UnrolledReverse().jacobian(full).jacobian();
    assertTrue(relativeError(new UnrolledForward().jacobian(full).jacobian(), reverse) < 1e-12);
    assertTrue(relativeError(new UnrolledForward().jacobian(s0only).jacobian(), reverse) < 1e-12);
    assertTrue(relativeError(new UnrolledReverse().jacobian(checkpointed).jacobian(), reverse)
        < 1e-12);
    assertTrue(relativeError(new UnrolledReverse().jacobian(uneven).jacobian(), reverse) < 1e-12);
    double[] u = RidgeFixture.gaussian(N, 3);
    assertTrue(relativeError(new UnrolledReverse().vjp(uneven, u).value(),
        new UnrolledForward().vjp(s0only, u).value()) < 1e-12);
    // and the unrolled Jacobian at finite k is not yet J* (the comparison is not vacuous)
    assertTrue(relativeError(reverse, RidgeFixture.ridge(DATA, THETA).jacobian()) > 1e-3);
  }

  @Test
  void truncatedInterpolatesBetweenOneStepAndUnrolledReverse() {
    int k = 40;
    Solution full = solve(StepRule.inverseLipschitz(), k, Storage.full());
    double[] reverse = new UnrolledReverse().jacobian(full).jacobian();
    assertTrue(relativeError(new Truncated(k).jacobian(full).jacobian(), reverse) < 1e-12);
    assertTrue(relativeError(new Truncated(1).jacobian(full).jacobian(),
        new OneStep().jacobian(full).jacobian()) < 1e-12);
    // truncated(K) on the last K+1 states only equals truncated(K) on the full trajectory
    Solution last = solve(StepRule.inverseLipschitz(), k, new Storage(Storage.Kind.LAST, 10));
    double[] onLast = new Truncated(10).jacobian(last).jacobian();
    assertTrue(relativeError(onLast, new Truncated(10).jacobian(full).jacobian()) < 1e-12);
    assertTrue(relativeError(onLast, reverse) > 1e-3, "K < k truncates something");
  }

  @Test
  void oneStepBoundHoldsAtConvergence() {
    Solution s = solve(StepRule.inverseLipschitz(), 3000, Storage.lastTwo());
    JacobianEstimate os = new OneStep().jacobian(s);
    double[] exact = RidgeFixture.ridge(DATA, THETA).jacobian();
    double actual = RidgeFixture.distance(os.jacobian(), exact);
    Diagnostics d = os.diagnostics();
    assertTrue(d.rho() < 1, "gradient descent 1/L contracts: " + d.rho());
    assertTrue(actual <= d.oneStepBound(), actual + " > bound " + d.oneStepBound());
    assertTrue(actual > 0.1 * d.oneStepBound(), "bound not vacuous: " + actual + " vs "
        + d.oneStepBound());
    assertEquals(3000, d.iterations());
    assertEquals(s.residual(), d.optimalityResidual());
  }
}
