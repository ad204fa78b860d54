package dev.iterdiff.solver;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iterdiff.data.TwoGaussianClasses;
import dev.iterdiff.check.FiniteDifferenceReport;
import dev.iterdiff.check.FiniteDifferences;
import dev.iterdiff.diff.UnrolledForward;
import dev.iterdiff.diff.UnrolledReverse;
import dev.iterdiff.map.DifferentiableMap;
import dev.iterdiff.problem.Problem;
import dev.iterdiff.problem.WeightedLogisticProblem;
import java.util.Arrays;
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

  /** Per-sample weights: D_θH[w] d = Aᵀ(w ∘ ℓ'' ∘ Ad)/N is a full third-order term. */
  @Test
  void productsMatchCentralDifferencesWithPerSampleWeights() {
    Problem p = weightedLogistic();
    double[] theta = weights(p.thetaDim(), 3);
    Random rng = new Random(4);
    for (double t : new double[] {1.0, 0.5}) {
      DifferentiableMap f = new Newton(p).iteration(t);
      double[] x = MapCheck.random(rng, p.dim());
      FiniteDifferenceReport r = FiniteDifferences.checkMap(f, x, theta, 8);
      assertTrue(r.passes(1e-6, 1e-9), r.toString());
      MapCheck.adjoint(f, x, theta, 8);
    }
  }

  @Test
  void convergesQuadraticallyOnLogisticBothThetaModes() {
    for (int m : new int[] {1, 8}) {
      Problem p = SolverFixtures.logistic(5, 200, 8, m);
      double[] theta = new double[m];
      Arrays.fill(theta, 0.01);
      Solution s = Solve.run(new Newton(p), theta, new double[p.dim()],
          new SolveOptions(15, 1e-12, Storage.full()));
      assertTrue(s.converged(), "residual " + s.residual());
      assertTrue(s.residual() <= 1e-12 && s.iterations() <= 15);
      // quadratic convergence: once in the local phase, r_{i+1} <= C r_i² with a moderate C
      double[] r = residuals(p, s);
      int k = s.iterations();
      assertTrue(r[k - 1] <= 10 * r[k - 2] * r[k - 2] || r[k - 1] < 1e-14,
          "r_{k-1} = " + r[k - 1] + " vs r_{k-2}² = " + r[k - 2] * r[k - 2]);
      assertEquals(1.0, s.trajectory().step(k - 1), 0, "full Newton steps at the end");
    }
  }

  private static double[] residuals(Problem p, Solution s) {
    double[] r = new double[s.iterations() + 1];
    double[] x = new double[p.dim()];
    double[] g = new double[p.dim()];
    for (int i = 0; i <= s.iterations(); i++) {
      s.trajectory().state(i, x);
      p.gradient(x, s.theta(), g);
      r[i] = MapCheck.norm(g);
    }
    return r;
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
    double[] last = s.x();
    double[] v = MapCheck.random(new Random(2), p.dim());
    double[] jv = new double[p.dim()];
    for (int rep = 0; rep < 3; rep++) { // diagnostics at x_k, one-step at x_{k-1}, alternating
      f.jvpX(last, theta, v, jv);
      f.vjpTheta(prev, theta, v, out);
    }
    assertEquals(k + 1, newton.factorizations(), "two cached factorizations: x_{k-1} and x_k");
  }

  @Test
  void reverseSweepOverAStoredTrajectoryReusesTheSolvesFactorizations() {
    Problem p = weightedLogistic();
    double[] theta = weights(p.thetaDim(), 3);
    double[] u = MapCheck.random(new Random(4), p.dim());
    Newton kept = new Newton(p);
    Solution s = Solve.run(kept, theta, new double[p.dim()],
        SolveOptions.iterations(6, Storage.full()));
    int k = s.iterations();
    assertEquals(k, kept.factorizations());
    assertTrue(kept.retainedPoints() >= k + 1, "capacity " + kept.retainedPoints());
    double[] jacobian = new UnrolledReverse().jacobian(s).jacobian();
    double[] vjp = new UnrolledReverse().vjp(s, u).value();
    // x_0 … x_{k−1} come from the solve; the only new point is x_k (the diagnostics' ρ)
    assertEquals(k + 1, kept.factorizations(), "the reverse sweeps form no Hessian again");
    // the same sweeps with room for two factorizations only: every point factored again,
    // the same factors, the same numbers to the last bit
    Newton tight = new Newton(p, Double.NaN, 1);
    Solution s2 = Solve.run(tight, theta, new double[p.dim()],
        SolveOptions.iterations(6, Storage.full()));
    assertEquals(2, tight.retainedPoints());
    assertArrayEquals(s.x(), s2.x(), 0);
    assertArrayEquals(jacobian, new UnrolledReverse().jacobian(s2).jacobian(), 0);
    assertArrayEquals(vjp, new UnrolledReverse().vjp(s2, u).value(), 0);
    assertTrue(tight.factorizations() > 2 * k, "refactored: " + tight.factorizations());
    // and the independent reference: forward-mode unrolling of the same iterations
    double[] forward = new UnrolledForward().jacobian(s).jacobian();
    double err = 0;
    double norm = 0;
    for (int i = 0; i < forward.length; i++) {
      err = Math.max(err, Math.abs(forward[i] - jacobian[i]));
      norm = Math.max(norm, Math.abs(forward[i]));
    }
    assertTrue(err <= 1e-12 * norm, "reverse vs forward: " + err + " of " + norm);
  }

  @Test
  void retainedFactorizationsStayWithinTheMemoryBound() {
    Problem p = weightedLogistic();
    long perFactor = 8L * p.dim() * p.dim();
    Newton n = new Newton(p, Double.NaN, 3 * perFactor + 1);
    n.retainPoints(50);
    assertEquals(3, n.retainedPoints());
    n.retainPoints(2);
    assertEquals(3, n.retainedPoints(), "the cache does not shrink");
    Newton big = new Newton(p);
    big.retainPoints(1_000_000);
    assertEquals(Math.max(2, Math.min(1_000_000, Newton.RETAINED_BYTES / perFactor)),
        big.retainedPoints());
  }

  @Test
  void fixedStepAndStepSpecErrors() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new Newton(weightedLogistic(), 1.5));
    assertEquals("newton: step must be in (0, 1], got 1.5", e.getMessage());
  }

  @Test
  void failedLineSearchIsADivergenceNamingTheIteration() {
    CountingProblem p = new CountingProblem(SolverFixtures.logistic(5, 50, 4, 1));
    double[] theta = {0.1};
    Solution ok = Solve.run(new Newton(p), theta, new double[4],
        SolveOptions.iterations(2, Storage.lastTwo()));
    p.nanValue = true;
    DivergenceException e = assertThrows(DivergenceException.class,
        () -> Solve.run(new Newton(p), theta, ok.x(), SolveOptions.iterations(5,
            Storage.lastTwo())));
    assertEquals(0, e.iteration());
    assertTrue(e.getMessage().startsWith("solver newton diverged at iteration 0: residual "),
        e.getMessage());
    assertTrue(e.getMessage().endsWith("(line search found no decrease of f in 60 halvings, "
        + "f = NaN)"), e.getMessage());
  }
}
