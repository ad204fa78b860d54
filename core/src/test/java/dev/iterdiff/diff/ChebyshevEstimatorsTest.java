package dev.iterdiff.diff;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iterdiff.data.QuadraticSpectrum;
import dev.iterdiff.data.QuadraticSpectrum.Spacing;
import dev.iterdiff.problem.Problem;
import dev.iterdiff.problem.Problems;
import dev.iterdiff.solver.Solution;
import dev.iterdiff.solver.Solve;
import dev.iterdiff.solver.SolveOptions;
import dev.iterdiff.solver.Solvers;
import dev.iterdiff.solver.Storage;
import org.junit.jupiter.api.Test;

/**
 * Every estimator on Chebyshev, quadratic with θ = b (n = 12, spectrum geometric in [0.05, 1],
 * κ = 20), where J* = H⁻¹: unrolled forward and reverse equal implicit (both conditions) to
 * 1e-9 after convergence (k = 300, ‖x_k − x*‖ ~ r^k, r = 0.63); truncated(K) at K = k too; and
 * one-step does not converge to J* but plateaus: its error is the same at k = 300 and k = 400
 * (to 1e-9) and of the order of ‖J_θF‖ (J_OS − J* = −[J_sF J*]_x at the fixed point).
 */
class ChebyshevEstimatorsTest {

  static final int N = 12;
  static final Problem PROBLEM = Problems.create("quadratic",
      new QuadraticSpectrum(N, 0.05, 1.0, Spacing.GEOMETRIC, 4).generate("cheb"), N, 1.0);
  static final double[] THETA = gaussian();

  static double[] gaussian() {
    java.util.Random rng = new java.util.Random(2);
    double[] b = new double[N];
    for (int i = 0; i < N; i++) {
      b[i] = rng.nextGaussian();
    }
    return b;
  }

  static Solution solve(int k) {
    return Solve.run(Solvers.create("chebyshev", PROBLEM, null), THETA, new double[N],
        SolveOptions.iterations(k, Storage.full()));
  }

  static double distance(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += (a[i] - b[i]) * (a[i] - b[i]);
    }
    return Math.sqrt(s);
  }

  @Test
  void unrolledAndTruncatedEqualImplicitAfterConvergence() {
    Solution sol = solve(300);
    double[] implicit = Estimators.byName("implicit").jacobian(sol).jacobian();
    double scale = distance(implicit, new double[implicit.length]);
    double[] fixedPoint = Estimators.byName("implicit", EstimatorOptions.defaults()
        .withCondition("fixed-point")).jacobian(sol).jacobian();
    assertTrue(distance(fixedPoint, implicit) <= 1e-9 * scale, "fixed-point vs stationarity");
    for (String name : new String[] {"unrolled-forward", "unrolled-reverse"}) {
      double[] j = Estimators.byName(name).jacobian(sol).jacobian();
      assertTrue(distance(j, implicit) <= 1e-9 * scale, name + ": " + distance(j, implicit));
    }
    double[] truncated = Estimators.byName("truncated", EstimatorOptions.defaults()
        .withTruncation(300)).jacobian(sol).jacobian();
    assertTrue(distance(truncated, implicit) <= 1e-9 * scale, "truncated(k)");
  }

  @Test
  void oneStepPlateaus() {
    JacobianEstimate at300 = Estimators.byName("one-step").jacobian(solve(300));
    JacobianEstimate at400 = Estimators.byName("one-step").jacobian(solve(400));
    double[] implicit = Estimators.byName("implicit").jacobian(solve(400)).jacobian();
    double e300 = distance(at300.jacobian(), implicit);
    double e400 = distance(at400.jacobian(), implicit);
    double thetaJ = at400.diagnostics().thetaJacobianNorm();
    assertTrue(Math.abs(e300 - e400) <= 1e-9 * e400, "plateau: " + e300 + " vs " + e400);
    assertTrue(e400 > 0.01 * thetaJ && e400 < distance(implicit, new double[implicit.length]),
        "one-step error " + e400 + ", ||J_theta F|| " + thetaJ);
    double bound = at400.diagnostics().oneStepBound();
    // Chebyshev's map is not a contraction in norm (rho 1.65): the bound comes from powers of
    // J_sF (measured: error 24.6, bound 621 from K = 6); before it was NaN
    assertTrue(Double.isFinite(bound), "bound " + bound + ": "
        + at400.diagnostics().oneStepBoundNote());
    assertTrue(at400.diagnostics().oneStepBoundNote().startsWith("from powers"),
        at400.diagnostics().oneStepBoundNote());
    assertTrue(e400 <= bound, "one-step error " + e400 + " above the reported bound " + bound);
  }
}
