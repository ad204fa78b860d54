package dev.iterdiff.diff;

import static dev.iterdiff.diff.RidgeFixture.relativeError;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iterdiff.optimality.FixedPoint;
import dev.iterdiff.optimality.Stationarity;
import dev.iterdiff.problem.LabeledData;
import dev.iterdiff.problem.LogisticProblem;
import dev.iterdiff.problem.RidgeProblem;
import dev.iterdiff.solver.HeavyBall;
import dev.iterdiff.solver.Newton;
import dev.iterdiff.solver.Solution;
import dev.iterdiff.solver.Solve;
import dev.iterdiff.solver.SolveOptions;
import dev.iterdiff.solver.Storage;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Newton on logistic regression (breast cancer, 569 × 30, one λ per feature) and heavy ball
 * on ridge (diabetes, state (x, x_prev) of dimension 2n): the estimators against each other
 * after convergence and against central differences of the unrolled map before it.
 */
class NewtonAndHeavyBallTest {

  private static final LabeledData CANCER = RidgeFixture.breastCancer();
  private static final LabeledData DIABETES = RidgeFixture.diabetes();

  private static double[] fill(int n, double v) {
    double[] a = new double[n];
    java.util.Arrays.fill(a, v);
    return a;
  }

  private static Solution newton(int k) {
    Newton newton = new Newton(new LogisticProblem(CANCER, CANCER.cols()));
    double[] theta = new double[CANCER.cols()];
    for (int j = 0; j < theta.length; j++) {
      theta[j] = 0.01 * (1 + j % 3);
    }
    return Solve.run(newton, theta, new double[CANCER.cols()],
        SolveOptions.iterations(k, Storage.full()));
  }

  @Test
  void oneStepEqualsImplicitOnceNewtonHasConverged() {
    Solution s = newton(25);
    assertTrue(s.residual() < 1e-13, "converged: " + s.residual());
    double[] implicit = new Implicit(new Stationarity(s.solver().problem())).jacobian(s)
        .jacobian();
    double[] oneStep = new OneStep().jacobian(s).jacobian();
    assertTrue(relativeError(oneStep, implicit) < 1e-10, "" + relativeError(oneStep, implicit));
    for (JacobianEstimator e : List.of(new UnrolledForward(), new UnrolledReverse(), new Truncated(3))) {
      assertTrue(relativeError(e.jacobian(s).jacobian(), implicit) < 1e-8, e.name());
    }
    // Newton contracts superlinearly: ρ = ‖J_xF‖ ≈ 0 at the solution, so the bound is ≈ 0
    Diagnostics d = new OneStep().jacobian(s).diagnostics();
    assertTrue(d.rho() < 1e-6 && d.oneStepBound() < 1e-6, d.toString());
  }

  @Test
  void unrolledNewtonMatchesFiniteDifferencesBeforeConvergence() {
    // 3 iterations from x₀ = 0 with line-search steps recorded: far from converged
    Solution s = newton(3);
    assertTrue(s.residual() > 1e-4, "not converged: " + s.residual());
    double[] fd = RidgeFixture.unrolledFiniteDifferences(s, new double[CANCER.cols()]);
    assertTrue(relativeError(new UnrolledForward().jacobian(s).jacobian(), fd) < 1e-6);
    assertTrue(relativeError(new UnrolledReverse().jacobian(s).jacobian(), fd) < 1e-6);
  }

  @Test
  void heavyBallUnrolledApproachesImplicitAfterConvergence() {
    int n = DIABETES.cols();
    double[] theta = fill(n, 0.1);
    HeavyBall hb = new HeavyBall(new RidgeProblem(DIABETES, n));
    Solution s = Solve.run(hb, theta, new double[n], SolveOptions.iterations(600,
        Storage.checkpointed()));
    double[] exact = RidgeFixture.ridge(DIABETES, theta).jacobian();
    double[] stationarity = new Implicit(new Stationarity(s.solver().problem())).jacobian(s)
        .jacobian();
    assertTrue(relativeError(stationarity, exact) < 1e-10);
    // the fixed-point condition lives on the 2n-dimensional state (x, x_prev): J = first n rows
    double[] fixedPoint = new Implicit(FixedPoint.atLastStep(s))
        .jacobian(s).jacobian();
    assertTrue(relativeError(fixedPoint, exact) < 1e-10, "" + relativeError(fixedPoint, exact));
    assertTrue(relativeError(new UnrolledForward().jacobian(s).jacobian(), exact) < 1e-8);
    assertTrue(relativeError(new UnrolledReverse().jacobian(s).jacobian(), exact) < 1e-8);
    // the same through Estimators.byName (the condition built from the solution's last step)
    JacobianEstimator byName = Estimators.byName("implicit",
        EstimatorOptions.defaults().withCondition(EstimatorOptions.FIXED_POINT));
    assertTrue(relativeError(byName.jacobian(s).jacobian(), fixedPoint) < 1e-12);
    // and the VJP of the state-space condition pads u with zeros for x_prev
    double[] u = RidgeFixture.gaussian(n, 4);
    assertTrue(relativeError(new Implicit(FixedPoint.atLastStep(s))
        .vjp(s, u).value(), RidgeFixture.transposeTimes(exact, n, n, u)) < 1e-10);
  }

  @Test
  void unrolledHeavyBallMatchesFiniteDifferencesBeforeConvergence() {
    int n = DIABETES.cols();
    HeavyBall hb = new HeavyBall(new RidgeProblem(DIABETES, n));
    UnrolledFiniteDifferenceTest.checkAgainstFiniteDifferences(hb, fill(n, 0.1),
        RidgeFixture.gaussian(n, 9), 30, 1e-7);
  }
}
