package dev.iterdiff.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iterdiff.problem.LabeledData;
import dev.iterdiff.problem.LogisticProblem;
import dev.iterdiff.solver.Newton;
import dev.iterdiff.solver.Solution;
import dev.iterdiff.solver.Solve;
import dev.iterdiff.solver.SolveOptions;
import dev.iterdiff.solver.Storage;
import org.junit.jupiter.api.Test;

/**
 * Estimates that are not finite numbers are failures, never results (issue 10, item 2): GIVEN
 * unregularized logistic regression on separable data (x* at infinity), Newton for k
 * iterations keeps x finite while the unrolled Jacobian, the product of k factors, overflows.
 */
class NonFiniteResultTest {

  /** The data: 1 1:1, 1 1:2, -1 1:-1, -1 1:-2. */
  static final LabeledData SEPARABLE = new LabeledData(new double[] {1, 2, -1, -2}, 4, 1,
      new double[] {1, 1, -1, -1}, "separable");

  static Solution newton(int k) {
    Newton newton = new Newton(new LogisticProblem(SEPARABLE, 1));
    return Solve.run(newton, new double[] {0}, new double[1],
        SolveOptions.iterations(k, Storage.full()));
  }

  @Test
  void anOverflowingUnrolledJacobianIsAFailureNamingTheEntry() {
    Solution s = newton(705);
    assertTrue(Double.isFinite(s.x()[0]), "x stays finite: " + s.x()[0]);
    NonFiniteResultException e = assertThrows(NonFiniteResultException.class,
        () -> new UnrolledForward().jacobian(s));
    assertTrue(e.getMessage().matches("jacobian\\[0\\]\\[0\\] = (NaN|-?Infinity) "
        + "\\(unrolled-forward\\)"), e.getMessage());
    NonFiniteResultException v = assertThrows(NonFiniteResultException.class,
        () -> new UnrolledReverse().vjp(s, new double[] {1}));
    assertTrue(v.getMessage().startsWith("vjp[0] = "), v.getMessage());
    assertTrue(v.getMessage().endsWith(" (unrolled-reverse)"), v.getMessage());
    assertThrows(NonFiniteResultException.class, () -> new UnrolledForward().jvp(s,
        new double[] {1}));
  }

  @Test
  void finiteEstimatesOfTheSameSolveStillPass() {
    Solution s = newton(20);
    assertTrue(Double.isFinite(new UnrolledForward().jacobian(s).jacobian()[0]));
  }

  @Test
  void theMessageNamesRowAndColumnOfAColumnMajorMatrix() {
    double[] a = {1, 2, 3, 4, 5, Double.NaN};   // 3×2, entry (2, 1)
    NonFiniteResultException e = assertThrows(NonFiniteResultException.class,
        () -> NonFiniteResultException.requireFinite("jacobian", "one-step", a, 3));
    assertEquals("jacobian[2][1] = NaN (one-step)", e.getMessage());
    NonFiniteResultException s = assertThrows(NonFiniteResultException.class,
        () -> NonFiniteResultException.requireFinite("outer loss", "implicit",
            Double.NEGATIVE_INFINITY));
    assertEquals("outer loss = -Infinity (implicit)", s.getMessage());
  }
}
