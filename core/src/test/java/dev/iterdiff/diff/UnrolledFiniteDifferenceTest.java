package dev.iterdiff.diff;

import static dev.iterdiff.diff.RidgeFixture.relativeError;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iterdiff.problem.LabeledData;
import dev.iterdiff.problem.RidgeProblem;
import dev.iterdiff.solver.GradientDescent;
import dev.iterdiff.solver.IterativeSolver;
import dev.iterdiff.solver.Solution;
import dev.iterdiff.solver.Solve;
import dev.iterdiff.solver.SolveOptions;
import dev.iterdiff.solver.StepRule;
import dev.iterdiff.solver.Storage;
import org.junit.jupiter.api.Test;

/**
 * The unrolled estimators at finite k against the honest reference for unrolling: central
 * finite differences of θ ↦ x_k(θ), the k recorded iterations replayed at θ ± h eⱼ with the
 * same recorded steps (h = 1e-5·max(1, |θⱼ|), truncation error O(h²), rounding O(ε/h)).
 */
class UnrolledFiniteDifferenceTest {

  private static final LabeledData DATA = RidgeFixture.diabetes();
  private static final int N = DATA.cols();

  static void checkAgainstFiniteDifferences(IterativeSolver solver, double[] theta, double[] x0,
      int k, double tolerance) {
    Solution s = Solve.run(solver, theta, x0, SolveOptions.iterations(k, Storage.full()));
    double[] fd = RidgeFixture.unrolledFiniteDifferences(s, x0);
    double[] forward = new UnrolledForward().jacobian(s).jacobian();
    double[] reverse = new UnrolledReverse().jacobian(s).jacobian();
    assertTrue(relativeError(forward, fd) < tolerance,
        solver.name() + " forward vs FD: " + relativeError(forward, fd));
    assertTrue(relativeError(reverse, fd) < tolerance,
        solver.name() + " reverse vs FD: " + relativeError(reverse, fd));
  }

  @Test
  void gradientDescentOnRidgePerFeature() {
    double[] theta = new double[N];
    for (int j = 0; j < N; j++) {
      theta[j] = 0.05 + 0.03 * j;
    }
    double[] x0 = RidgeFixture.gaussian(N, 5);
    for (StepRule rule : new StepRule[] {StepRule.inverseLipschitz(), StepRule.optimal()}) {
      GradientDescent gd = new GradientDescent(new RidgeProblem(DATA, N), rule);
      checkAgainstFiniteDifferences(gd, theta, x0, 25, 1e-7);
    }
  }

  @Test
  void gradientDescentOnRidgeSingleLambda() {
    GradientDescent gd = new GradientDescent(new RidgeProblem(DATA, 1), StepRule.optimal());
    checkAgainstFiniteDifferences(gd, new double[] {0.1}, new double[N], 40, 1e-7);
  }
}
