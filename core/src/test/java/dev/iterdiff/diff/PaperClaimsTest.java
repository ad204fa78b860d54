package dev.iterdiff.diff;

import static dev.iterdiff.diff.RidgeFixture.relativeError;
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
import dev.iterdiff.solver.StepRule;
import dev.iterdiff.solver.Storage;
import org.junit.jupiter.api.Test;

/**
 * The papers' qualitative claims on real data: ridge regression on the diabetes data (442 ×
 * 10, standardized) with a single λ = 0.1, where κ = L/μ ≈ 38, gradient descent from x₀ = 0.
 *
 * <p>Setting of the burn-in test (Scieur et al. 2022): with a θ-independent step h and
 * x₀ = 0, the error of the unrolled Jacobian along an eigenvector of the Hessian with
 * eigenvalue σ is |c|/σ²·|r|^{k−1}·|k·hσ + r|, r = 1 − hσ. For r ≥ 0 (every direction when
 * h = 1/L) this never increases; for r &lt; 0 (the top directions when h = 2/(μ+L)) it grows
 * like k·|r|^k until k ≈ κ/2. The hump shows in the total error when Aᵀb/N loads on the top
 * eigenvectors, as it does on diabetes (its component on the top eigenvector is −1.11, on
 * the bottom one 0.006): for λ ∈ [0.05, 0.2] the relative error peaks at 1.2–1.55 × its
 * initial value near k = 10–27; λ = 0.1 is in the middle of that range.
 */
class PaperClaimsTest {

  private static final LabeledData DATA = RidgeFixture.diabetes();
  private static final double[] THETA = {0.1};
  private static final double[] X0 = new double[DATA.cols()];
  private static final double[] EXACT = RidgeFixture.ridge(DATA, THETA).jacobian();

  private static Solution solve(StepRule rule, int k, Storage storage) {
    GradientDescent gd = new GradientDescent(new RidgeProblem(DATA, 1), rule);
    return Solve.run(gd, THETA, X0, SolveOptions.iterations(k, storage));
  }

  private static double unrolledError(StepRule rule, int k) {
    Solution s = solve(rule, k, Estimators.requiredStorage(
        java.util.List.of(UnrolledForward.NAME), k, null));
    return relativeError(new UnrolledForward(DiagnosticsOptions.none()).jacobian(s).jacobian(),
        EXACT);
  }

  @Test
  void conditionNumberIsAtLeast30() {
    RidgeProblem p = new RidgeProblem(DATA, 1);
    double kappa = p.lipschitz(THETA) / p.strongConvexity(THETA);
    assertTrue(kappa >= 30 && kappa < 60, "kappa = " + kappa);
  }

  @Test
  void oneStepStaysWrongWhileImplicitAndUnrolledConverge() {
    for (int k : new int[] {50, 300, 3000}) {
      Solution s = solve(StepRule.inverseLipschitz(), k, Storage.full());
      double oneStep = relativeError(new OneStep().jacobian(s).jacobian(), EXACT);
      assertTrue(oneStep >= 0.5, "one-step error at k = " + k + ": " + oneStep);
      if (k == 3000) {
        Implicit implicit = new Implicit(new Stationarity(s.solver().problem()));
        assertTrue(relativeError(implicit.jacobian(s).jacobian(), EXACT) < 1e-8);
        assertTrue(relativeError(new UnrolledReverse().jacobian(s).jacobian(), EXACT) < 1e-8);
      }
    }
  }

  @Test
  void unrolledGradientDescentWithStep2OverMuPlusLHasABurnInHump() {
    double first = unrolledError(StepRule.optimal(), 1);
    double peak = 0;
    int argPeak = 0;
    for (int k = 2; k <= 60; k += 2) {
      double e = unrolledError(StepRule.optimal(), k);
      if (e > peak) {
        peak = e;
        argPeak = k;
      }
    }
    assertTrue(peak >= 1.3 * first, "peak " + peak + " vs first " + first);
    assertTrue(argPeak >= 6 && argPeak <= 40, "peak at k = " + argPeak);
    assertTrue(unrolledError(StepRule.optimal(), 600) < 1e-8, "then it falls");
  }

  @Test
  void unrolledGradientDescentWithStep1OverLDecreasesMonotonically() {
    double previous = Double.POSITIVE_INFINITY;
    for (int k = 1; k <= 1200; k += (k < 40 ? 1 : 40)) {
      double e = unrolledError(StepRule.inverseLipschitz(), k);
      assertTrue(e <= previous * (1 + 1e-12), "k = " + k + ": " + e + " > " + previous);
      previous = e;
    }
    assertTrue(previous < 1e-8, "reaches 1e-8: " + previous);
  }

  @Test
  void implicitErrorIsProportionalToTheDistanceToTheSolution() {
    double[] xStar = RidgeFixture.ridge(DATA, THETA).x();
    double min = Double.POSITIVE_INFINITY;
    double max = 0;
    double firstDistance = 0;
    double lastDistance = 0;
    for (int k : new int[] {100, 200, 400, 800}) {
      Solution s = solve(StepRule.inverseLipschitz(), k, Storage.lastTwo());
      double distance = RidgeFixture.distance(s.x(), xStar);
      double error = RidgeFixture.distance(
          new Implicit(new Stationarity(s.solver().problem())).jacobian(s).jacobian(), EXACT);
      double ratio = error / distance;
      min = Math.min(min, ratio);
      max = Math.max(max, ratio);
      firstDistance = k == 100 ? distance : firstDistance;
      lastDistance = distance;
    }
    assertTrue(lastDistance < 1e-4 * firstDistance, "the distance shrinks by orders");
    assertTrue(max / min < 1.5, "ratio error/distance in [" + min + ", " + max + "]");
  }

  @Test
  void implicitErrorIsProportionalToTheDistanceOnLogisticRegressionToo() {
    // GIVEN logistic regression on breast cancer (569 × 30), λ = 0.1 per feature; J* and x*
    // from Newton run to machine precision
    LabeledData cancer = RidgeFixture.breastCancer();
    int n = cancer.cols();
    double[] theta = new double[n];
    java.util.Arrays.fill(theta, 0.1);
    Solution reference = Solve.run(new Newton(new LogisticProblem(cancer, n)), theta,
        new double[n], SolveOptions.iterations(20, Storage.lastTwo()));
    double[] xStar = reference.x();
    double[] jStar = new Implicit(new Stationarity(reference.solver().problem()))
        .jacobian(reference).jacobian();
    // WHEN gradient descent (1/L) stops at k = 50 … 400
    double min = Double.POSITIVE_INFINITY;
    double max = 0;
    double first = 0;
    double last = 0;
    for (int k : new int[] {50, 100, 200, 400}) {
      Solution s = Solve.run(new GradientDescent(new LogisticProblem(cancer, n),
          StepRule.inverseLipschitz()), theta, new double[n],
          SolveOptions.iterations(k, Storage.lastTwo()));
      double distance = RidgeFixture.distance(s.x(), xStar);
      double error = RidgeFixture.distance(
          new Implicit(new Stationarity(s.solver().problem())).jacobian(s).jacobian(), jStar);
      first = k == 50 ? distance : first;
      last = distance;
      min = Math.min(min, error / distance);
      max = Math.max(max, error / distance);
    }
    // THEN error / distance stays constant (8.64 … 8.73 measured) while the distance shrinks
    // by five orders of magnitude
    assertTrue(last < 1e-4 * first, "distance " + first + " → " + last);
    assertTrue(max / min < 1.5, "ratio error/distance in [" + min + ", " + max + "]");
  }
}
