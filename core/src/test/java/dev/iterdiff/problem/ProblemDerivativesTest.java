package dev.iterdiff.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iterdiff.check.AdProblem;
import dev.iterdiff.check.FiniteDifferenceReport;
import dev.iterdiff.check.FiniteDifferences;
import dev.iterdiff.check.ProductError;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.EigenDecompositionSymmetric;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every derivative method of every problem, in both θ modes, on random data (N = 12, p = 5,
 * fixed seeds): against central finite differences (FiniteDifferences.checkProblem, relative
 * 1e-6 or absolute 1e-9) and against forward-mode AD of the formula written
 * independently (ReferenceObjectives + AdProblem, relative 1e-12); and L, μ against the
 * eigenvalues of the dense Hessian (Hipparchus' symmetric eigensolver, not LAPACK).
 */
class ProblemDerivativesTest {

  static final int N = 12;
  static final int P = 5;
  static final LabeledData DATA = RandomDatasets.regression(N, P, 42);

  /** A problem, its AD reference and a θ in its domain. */
  record Case(String label, ThirdOrderProblem hand, AdProblem ad, double[] theta, boolean exactBounds) {
    @Override
    public String toString() {
      return label;
    }
  }

  static Stream<Arguments> cases() {
    List<Case> cases = new ArrayList<>();
    cases.add(new Case("ridge, single λ", new RidgeProblem(DATA, 1),
        new AdProblem(ReferenceObjectives.ridge(DATA, 1)), new double[] {0.3}, true));
    cases.add(new Case("ridge, per feature", new RidgeProblem(DATA, P),
        new AdProblem(ReferenceObjectives.ridge(DATA, P)),
        RandomDatasets.uniform(P, 0.01, 1.0, 5), false));
    cases.add(new Case("logistic, single λ", new LogisticProblem(DATA, 1),
        new AdProblem(ReferenceObjectives.logistic(DATA, 1)), new double[] {0.2}, false));
    cases.add(new Case("logistic, per feature", new LogisticProblem(DATA, P),
        new AdProblem(ReferenceObjectives.logistic(DATA, P)),
        RandomDatasets.uniform(P, 0.01, 1.0, 6), false));
    cases.add(new Case("weighted-ridge, shared weight", new WeightedRidgeProblem(DATA, 1, 0.7),
        new AdProblem(ReferenceObjectives.weightedRidge(DATA, 1, 0.7)), new double[] {1.3},
        true));
    cases.add(new Case("weighted-ridge, per sample", new WeightedRidgeProblem(DATA, N, 1.0),
        new AdProblem(ReferenceObjectives.weightedRidge(DATA, N, 1.0)),
        RandomDatasets.uniform(N, 0.1, 2.0, 7), true));
    return cases.stream().map(Arguments::of);
  }

  static double[] point(long seed) {
    return RandomDatasets.gaussian(P, seed);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void everyProductAgreesWithCentralFiniteDifferences(Case c) {
    for (long seed = 1; seed <= 3; seed++) {
      FiniteDifferenceReport r = FiniteDifferences.checkProblem(c.hand(), point(seed),
          c.theta(), seed);
      assertEquals(10, r.errors().size());
      assertTrue(r.passes(1e-6, 1e-9), () -> c.label() + "\n" + r);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void everyProductAgreesWithForwardModeAd(Case c) {
    ThirdOrderProblem h = c.hand();
    AdProblem ad = c.ad();
    int m = h.thetaDim();
    assertEquals(ad.thetaDim(), m);
    double[] x = point(11);
    double[] t = c.theta();
    double[] v = RandomDatasets.gaussian(P, 12);
    double[] d = RandomDatasets.gaussian(P, 13);
    double[] w = RandomDatasets.gaussian(m, 14);
    List<ProductError> errors = new ArrayList<>();
    errors.add(ProductError.of("value", new double[] {h.value(x, t)},
        new double[] {ad.value(x, t)}));
    double[] a = new double[P];
    double[] b = new double[P];
    h.gradient(x, t, a);
    ad.gradient(x, t, b);
    errors.add(ProductError.of("gradient", a.clone(), b.clone()));
    h.hvp(x, t, v, a);
    ad.hvp(x, t, v, b);
    errors.add(ProductError.of("hvp", a.clone(), b.clone()));
    double[] ha = new double[P * P];
    double[] hb = new double[P * P];
    h.hessian(x, t, ha);
    ad.hessian(x, t, hb);
    errors.add(ProductError.of("hessian", ha, hb));
    h.crossJvp(x, t, w, a);
    ad.crossJvp(x, t, w, b);
    errors.add(ProductError.of("crossJvp", a.clone(), b.clone()));
    double[] ma = new double[m];
    double[] mb = new double[m];
    h.crossVjp(x, t, v, ma);
    ad.crossVjp(x, t, v, mb);
    errors.add(ProductError.of("crossVjp", ma.clone(), mb.clone()));
    h.hessianDerivX(x, t, d, v, a);
    ad.hessianDerivX(x, t, d, v, b);
    errors.add(ProductError.of("hessianDerivX", a.clone(), b.clone()));
    h.hessianDerivThetaJvp(x, t, d, w, a);
    ad.hessianDerivThetaJvp(x, t, d, w, b);
    errors.add(ProductError.of("hessianDerivThetaJvp", a.clone(), b.clone()));
    h.hessianDerivThetaVjp(x, t, d, v, ma);
    ad.hessianDerivThetaVjp(x, t, d, v, mb);
    errors.add(ProductError.of("hessianDerivThetaVjp", ma, mb));
    for (ProductError e : errors) {
      assertTrue(e.within(1e-12, 1e-14), () -> c.label() + ": " + e);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void lipschitzAndStrongConvexityBoundTheHessianSpectrum(Case c) {
    Problem h = c.hand();
    double lip = h.lipschitz(c.theta());
    double mu = h.strongConvexity(c.theta());
    assertTrue(mu >= 0 && mu <= lip, () -> "mu " + mu + ", L " + lip);
    double[] hess = new double[P * P];
    double tightestMax = 0;
    for (long seed = 20; seed < 25; seed++) {
      h.hessian(point(seed), c.theta(), hess);
      double[] eig = eigenvalues(hess);
      double lo = eig[eig.length - 1];
      double hi = eig[0];
      assertTrue(hi <= lip * (1 + 1e-12), () -> c.label() + ": λmax " + hi + " > L " + lip);
      assertTrue(lo >= mu * (1 - 1e-12) - 1e-14, () -> c.label() + ": λmin " + lo + " < μ " + mu);
      tightestMax = Math.max(tightestMax, hi);
    }
    if (c.exactBounds()) {
      // Single-λ ridge and weighted ridge: the bounds are the exact extreme eigenvalues.
      h.hessian(point(1), c.theta(), hess);
      double[] eig = eigenvalues(hess);
      assertEquals(eig[0], lip, 1e-12 * lip);
      assertEquals(eig[eig.length - 1], mu, 1e-12 * lip);
    }
  }

  /** Eigenvalues, descending, by Hipparchus (independent of LAPACK). */
  static double[] eigenvalues(double[] colMajor) {
    int n = (int) Math.round(Math.sqrt(colMajor.length));
    double[][] rows = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        rows[i][j] = colMajor[i + j * n];
      }
    }
    return new EigenDecompositionSymmetric(new Array2DRowRealMatrix(rows, false))
        .getEigenvalues();
  }
}
