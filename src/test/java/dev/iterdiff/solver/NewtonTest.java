package dev.iterdiff.solver;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iterdiff.bench.TwoGaussianClasses;
import dev.iterdiff.map.DifferentiableMap;
import dev.iterdiff.problem.Problem;
import dev.iterdiff.problem.WeightedLogisticProblem;
import java.util.Random;
import org.junit.jupiter.api.Test;

class NewtonTest {

  private static Problem weightedLogistic() {
    return new WeightedLogisticProblem(TwoGaussianClasses.generate(15, 4, 1.0, 77), 0.05);
  }

  private static double[] weights(int n, long seed) {
    Random rng = new Random(seed);
    double[] w = new double[n];
    for (int i = 0; i < n; i++) {
      w[i] = 0.5 + rng.nextDouble();
    }
    return w;
  }

  @Test
  void productsMatchCentralDifferencesWithThirdOrderTerms() {
    Problem p = weightedLogistic();
    double[] theta = weights(p.thetaDim(), 3);
    Random rng = new Random(4);
    for (double t : new double[] {1.0, 0.5}) {
      Newton newton = new Newton(p);
      DifferentiableMap f = newton.iteration(t);
      // away from the solution d = H⁻¹g is not small: the third-order terms matter
      MapCheck.checkAll(f, MapCheck.random(rng, p.dim()), theta, 8, 1e-5, 1e-7);
    }
  }

  @Test
  void convergesQuadraticallyOnLogistic() {
    Problem p = weightedLogistic();
    double[] theta = weights(p.thetaDim(), 3);
    Newton newton = new Newton(p);
    Solution s = Solve.run(newton, theta, new double[p.dim()],
        new SolveOptions(15, 1e-12, Storage.full()));
    assertTrue(s.converged(), "residual " + s.residual());
    assertTrue(s.residual() <= 1e-12);
    assertTrue(s.iterations() <= 15);
    // the last steps are full Newton steps
    assertEquals(1.0, s.trajectory().step(s.iterations() - 1), 0);
  }

  @Test
  void productsAtLastAdvancePointReuseTheFactorization() {
    Problem p = weightedLogistic();
    double[] theta = weights(p.thetaDim(), 3);
    Newton newton = new Newton(p);
    Solution s = Solve.run(newton, theta, new double[p.dim()],
        SolveOptions.iterations(6, Storage.lastTwo()));
    int k = s.iterations();
    assertEquals(k, newton.factorizations(), "one factorization per iteration");
    double[] prev = new double[p.dim()];
    s.trajectory().state(k - 1, prev);
    DifferentiableMap f = newton.iteration(s.trajectory().step(k - 1));
    double[] out = new double[p.thetaDim()];
    f.vjpTheta(prev, theta, MapCheck.random(new Random(1), p.dim()), out);
    double[] next = new double[p.dim()];
    f.apply(prev, theta, next);
    assertEquals(k, newton.factorizations(), "one-step after the solve does not refactor");
    assertArrayEquals(s.x(), next, 0, "apply reproduces the recorded state bitwise");
  }

  @Test
  void fixedStepAndStepSpecErrors() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new Newton(weightedLogistic(), 1.5));
    assertEquals("newton: step must be in (0, 1], got 1.5", e.getMessage());
  }
}
