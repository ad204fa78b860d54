package dev.iterdiff.solver;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iterdiff.problem.LabeledData;
import dev.iterdiff.problem.Problem;
import dev.iterdiff.problem.RidgeProblem;
import org.junit.jupiter.api.Test;

/** Gradient descent beyond its products (those are in {@link IterationMapsTest}). */
class GradientDescentTest {

  @Test
  void convergesToRidgeClosedFormForEveryStepRuleAndThetaMode() {
    LabeledData data = SolverFixtures.gaussianData(3, 50, 5, false);
    for (double[] theta : new double[][] {{0.2}, {0.2, 0.05, 0.4, 0.1, 0.3}}) {
      Problem p = new RidgeProblem(data, theta.length);
      double[] expected = SolverFixtures.ridgeClosedForm(data, theta);
      for (String rule : new String[] {"1/L", "2/(mu+L)", "0.3"}) {
        GradientDescent gd = new GradientDescent(p, StepRule.parse(rule));
        Solution s = Solve.run(gd, theta, new double[5],
            new SolveOptions(5000, 1e-12, Storage.lastTwo()));
        assertTrue(s.converged(), rule + ": not converged, residual " + s.residual());
        assertTrue(MapCheck.relErr(s.x(), expected) < 1e-10,
            rule + ": rel err " + MapCheck.relErr(s.x(), expected));
      }
    }
  }

  @Test
  void stepRulesUseLipschitzAndStrongConvexity() {
    Problem p = SolverFixtures.ridge(3, 50, 5, 1);
    double[] theta = {0.2};
    double l = p.lipschitz(theta);
    double mu = p.strongConvexity(theta);
    assertEquals(1 / l, new GradientDescent(p).step(theta), 0);
    assertEquals(2 / (mu + l), new GradientDescent(p, StepRule.optimal()).step(theta), 1e-15);
    assertEquals(0.25, new GradientDescent(p, StepRule.fixed(0.25)).step(theta), 0);
    assertEquals("2/(mu+L)", StepRule.optimal().toString());
  }

  @Test
  void stepSpecErrorsNameOptionAndValue() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> StepRule.parse("1/M"));
    assertEquals("--step: '1/M' is not 1/L, 2/(mu+L) or a positive number", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> StepRule.parse("-0.5"));
    assertEquals("--step: -0.5 (must be finite and > 0)", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> StepRule.parse("NaN"));
    assertEquals("--step: NaN (must be finite and > 0)", e.getMessage());
  }

  @Test
  void advanceEqualsApplyBitwiseAndReusesGradient() {
    CountingProblem p = new CountingProblem(SolverFixtures.logistic(3, 30, 4, 1));
    GradientDescent gd = new GradientDescent(p);
    double[] theta = {0.5};
    double[] x = {1, -2, 0.5, 3};
    double[] a = new double[4];
    double[] b = new double[4];
    gd.residual(x, theta);
    double[] record = new double[1];
    gd.advance(x, theta, a, record);
    double t = record[0];
    assertEquals(1, p.gradients, "residual + advance at one point cost one gradient");
    gd.iteration(t).apply(x, theta, b);
    assertArrayEquals(a, b, 0);
    x[0] = 1.5; // new content in the same array: the cache must miss
    gd.advance(x, theta, a, record);
    assertEquals(2, p.gradients);
  }

  @Test
  void solveCostsOneGradientPerIteration() {
    CountingProblem p = new CountingProblem(SolverFixtures.logistic(3, 30, 4, 1));
    Solve.run(new GradientDescent(p), new double[] {0.5}, new double[4],
        SolveOptions.iterations(25, Storage.lastTwo()));
    assertEquals(26, p.gradients, "r0 and one gradient per iteration");
  }
}
