package dev.iterdiff.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iterdiff.linalg.LinearSolveException;
import dev.iterdiff.linalg.LinearSolvers;
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

/** Every bad input to an estimator ends in an exception whose message names it. */
class EstimatorInputTest {

  private static final LabeledData DATA = RidgeFixture.diabetes();
  private static final int N = DATA.cols();

  private static Solution solve(int k, Storage storage) {
    double[] theta = new double[N];
    java.util.Arrays.fill(theta, 0.1);
    GradientDescent gd = new GradientDescent(new RidgeProblem(DATA, N),
        StepRule.inverseLipschitz());
    return Solve.run(gd, theta, new double[N], SolveOptions.iterations(k, storage));
  }

  @Test
  void wrongLengthsOrNonFiniteVectorsAreNamed() {
    Solution s = solve(5, Storage.full());
    for (JacobianEstimator e : List.of(new UnrolledForward(), new UnrolledReverse(), new Truncated(2),
        new OneStep(), new Implicit(new Stationarity(s.solver().problem())))) {
      var bad = assertThrows(IllegalArgumentException.class, () -> e.vjp(s, new double[3]));
      assertEquals("u: length 3 != 10", bad.getMessage(), e.name());
      bad = assertThrows(IllegalArgumentException.class, () -> e.jvp(s, new double[11]));
      assertEquals("w: length 11 != 10", bad.getMessage(), e.name());
      double[] u = new double[N];
      u[2] = Double.NaN;
      bad = assertThrows(IllegalArgumentException.class, () -> e.vjp(s, u));
      assertEquals("u[2] is NaN (must be finite)", bad.getMessage(), e.name());
      bad = assertThrows(IllegalArgumentException.class, () -> e.jacobian(null));
      assertEquals("solution: null", bad.getMessage());
    }
  }

  @Test
  void oneStepNeedsAnIteration() {
    Solution s = solve(0, Storage.lastTwo());
    var e = assertThrows(IllegalArgumentException.class, () -> new OneStep().jacobian(s));
    assertTrue(e.getMessage().startsWith("one-step needs at least one iteration, got k = 0"),
        e.getMessage());
  }

  @Test
  void fixedPointConditionNeedsAnIteration() {
    Solution s = solve(0, Storage.lastTwo());
    JacobianEstimator e = Estimators.byName("implicit",
        EstimatorOptions.defaults().withCondition(EstimatorOptions.FIXED_POINT));
    var bad = assertThrows(IllegalArgumentException.class, () -> e.jacobian(s));
    assertEquals("implicit with condition fixed-point needs at least one iteration (it uses "
        + "the last step), got k = 0", bad.getMessage());
  }

  @Test
  void unrolledOnALastTrajectoryNamesTheStorageRequired() {
    Solution s = solve(20, Storage.lastTwo());
    var e = assertThrows(IllegalStateException.class, () -> new UnrolledReverse().jacobian(s));
    assertTrue(e.getMessage().contains("unrolled-reverse needs the states s_0 … s_19 (k = 20)"),
        e.getMessage());
    assertTrue(e.getMessage().contains("storage LAST(1)"), e.getMessage());
    assertTrue(e.getMessage().contains("solve with storage FULL or CHECKPOINTED"), e.getMessage());
    e = assertThrows(IllegalStateException.class,
        () -> new UnrolledForward().vjp(s, new double[N]));
    assertTrue(e.getMessage().contains("unrolled-forward needs the initial state s_0"),
        e.getMessage());
    e = assertThrows(IllegalStateException.class, () -> new Truncated(5).jacobian(s));
    assertTrue(e.getMessage().contains("truncated needs the states s_15 … s_19"), e.getMessage());
    assertTrue(e.getMessage().contains("solve with storage LAST(5) or more"), e.getMessage());
    // the JVPs run the tangent recursion over the same iterations and need the same states
    e = assertThrows(IllegalStateException.class, () -> new Truncated(5).jvp(s, new double[N]));
    assertTrue(e.getMessage().contains("truncated needs the states s_15 … s_19"), e.getMessage());
    e = assertThrows(IllegalStateException.class,
        () -> new UnrolledReverse().jvp(s, new double[N]));
    assertTrue(e.getMessage().contains("unrolled-reverse needs the initial state s_0"),
        e.getMessage());
  }

  @Test
  void truncationBeyondTheIterationsIsRefused() {
    Solution s = solve(3, Storage.full());
    var e = assertThrows(IllegalArgumentException.class, () -> new Truncated(5).jacobian(s));
    assertEquals("truncated: truncation K = 5 exceeds the iterations of the solve, k = 3",
        e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new Truncated(0));
    assertEquals("truncation K must be > 0, got 0", e.getMessage());
  }

  @Test
  void aFailedLinearSolveThrowsAndIsNeverZeros() {
    Solution s = solve(200, Storage.lastTwo());
    // CG capped at 2 iterations cannot reach 1e-14 on a 10×10 system with κ ≈ 420
    Implicit capped = new Implicit(new Stationarity(s.solver().problem()),
        LinearSolvers.byName("cg", 1e-14, 2), DiagnosticsOptions.full());
    var e = assertThrows(LinearSolveException.class, () -> capped.jacobian(s));
    assertTrue(e.getMessage().contains("1.0e-14"), e.getMessage());
    assertThrows(LinearSolveException.class, () -> capped.vjp(s, RidgeFixture.gaussian(N, 1)));
    assertThrows(LinearSolveException.class, () -> capped.jvp(s, RidgeFixture.gaussian(N, 2)));
  }
}
