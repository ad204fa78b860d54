package dev.iterdiff.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iterdiff.check.AdProblem;
import dev.iterdiff.check.FieldObjective;
import dev.iterdiff.check.FiniteDifferenceReport;
import dev.iterdiff.check.FiniteDifferences;
import dev.iterdiff.check.ProductError;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.hipparchus.CalculusFieldElement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Compositions the catalog does not register (a shared weight on the logistic loss, per-sample
 * weights on the mean squared loss, a summed squared loss with per-feature λ): every product
 * against central finite differences (relative 1e-6 or absolute 1e-9), against forward-mode AD
 * of the formula c·Σᵢwᵢℓᵢ + ½Σⱼλⱼxⱼ² written independently below (relative 1e-12 or absolute
 * 1e-14), and L, μ against the Hessian's eigenvalues (relative 1e-12).
 */
class RegularizedRiskTest {

  static final int N = 12;
  static final int P = 5;
  static final LabeledData DATA = RandomDatasets.regression(N, P, 43);

  record Case(String label, RegularizedRisk hand, AdProblem ad, double[] theta) {
    @Override
    public String toString() {
      return label;
    }
  }

  static Stream<Arguments> cases() {
    List<Case> cases = new ArrayList<>();
    cases.add(new Case("logistic mean, shared sample weight, alpha 0.3",
        RegularizedRisk.of("t", LogisticLoss.mean(DATA),
            SampleWeights.sharedOrPerSample("t", N, 1, 0.3)),
        new AdProblem(reference(true, 1.0 / N, true, 1, 0.3)), new double[] {1.7}));
    cases.add(new Case("logistic sum, per-sample weights, alpha 0.1",
        RegularizedRisk.of("t", new LogisticLoss(DATA, 1.0),
            SampleWeights.sharedOrPerSample("t", N, N, 0.1)),
        new AdProblem(reference(true, 1.0, true, N, 0.1)), RandomDatasets.uniform(N, 0.1, 2, 3)));
    cases.add(new Case("squared mean, per-sample weights, alpha 0.2",
        RegularizedRisk.of("t", SquaredLoss.mean(DATA),
            SampleWeights.sharedOrPerSample("t", N, N, 0.2)),
        new AdProblem(reference(false, 1.0 / N, true, N, 0.2)),
        RandomDatasets.uniform(N, 0.1, 2, 4)));
    cases.add(new Case("squared sum, lambda per feature",
        RegularizedRisk.of("t", SquaredLoss.sum(DATA), new RegularizationWeights("t", P, P)),
        new AdProblem(reference(false, 1.0, false, P, 0)), RandomDatasets.uniform(P, 0, 1, 5)));
    return cases.stream().map(Arguments::of);
  }

  /** c·Σᵢ wᵢ ℓ(aᵢᵀx, bᵢ) + ½·Σⱼ λⱼ xⱼ², θ = w (samples) or λ, broadcast from length 1. */
  static FieldObjective reference(boolean logistic, double c, boolean samples, int m,
      double alpha) {
    return new FieldObjective() {
      public String name() {
        return "reference";
      }

      public int dim() {
        return P;
      }

      public int thetaDim() {
        return m;
      }

      public <T extends CalculusFieldElement<T>> T value(T[] x, T[] th) {
        T zero = x[0].getField().getZero();
        T loss = zero;
        for (int i = 0; i < N; i++) {
          T s = zero;
          for (int j = 0; j < P; j++) {
            s = s.add(x[j].multiply(DATA.get(i, j)));
          }
          double y = DATA.labels()[i] > 0 ? 1 : -1;
          T l = logistic ? s.multiply(-y).exp().add(1).log()
              : s.subtract(DATA.labels()[i]).square().multiply(0.5);
          loss = loss.add(samples ? l.multiply(th[m == 1 ? 0 : i]) : l);
        }
        T pen = zero;
        for (int j = 0; j < P; j++) {
          T lambda = samples ? zero.add(alpha) : th[m == 1 ? 0 : j];
          pen = pen.add(lambda.multiply(x[j]).multiply(x[j]));
        }
        return loss.multiply(c).add(pen.multiply(0.5));
      }
    };
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void everyProductAgreesWithFiniteDifferencesAndForwardAd(Case c) {
    for (long seed = 1; seed <= 2; seed++) {
      FiniteDifferenceReport r = FiniteDifferences.checkProblem(c.hand(),
          RandomDatasets.gaussian(P, seed), c.theta(), seed);
      assertEquals(10, r.errors().size());
      assertTrue(r.passes(1e-6, 1e-9), () -> c.label() + "\n" + r);
    }
    RegularizedRisk h = c.hand();
    AdProblem ad = c.ad();
    int m = h.thetaDim();
    double[] x = RandomDatasets.gaussian(P, 11);
    double[] t = c.theta();
    double[] v = RandomDatasets.gaussian(P, 12);
    double[] d = RandomDatasets.gaussian(P, 13);
    double[] w = RandomDatasets.gaussian(m, 14);
    List<ProductError> e = new ArrayList<>();
    e.add(ProductError.of("value", new double[] {h.value(x, t)}, new double[] {ad.value(x, t)}));
    double[][] ab = {new double[P], new double[P]};
    double[][] mm = {new double[m], new double[m]};
    double[][] hh = {new double[P * P], new double[P * P]};
    h.gradient(x, t, ab[0]);
    ad.gradient(x, t, ab[1]);
    e.add(ProductError.of("gradient", ab[0].clone(), ab[1].clone()));
    h.hvp(x, t, v, ab[0]);
    ad.hvp(x, t, v, ab[1]);
    e.add(ProductError.of("hvp", ab[0].clone(), ab[1].clone()));
    h.hessian(x, t, hh[0]);
    ad.hessian(x, t, hh[1]);
    e.add(ProductError.of("hessian", hh[0], hh[1]));
    h.crossJvp(x, t, w, ab[0]);
    ad.crossJvp(x, t, w, ab[1]);
    e.add(ProductError.of("crossJvp", ab[0].clone(), ab[1].clone()));
    h.crossVjp(x, t, v, mm[0]);
    ad.crossVjp(x, t, v, mm[1]);
    e.add(ProductError.of("crossVjp", mm[0].clone(), mm[1].clone()));
    h.hessianDerivX(x, t, d, v, ab[0]);
    ad.hessianDerivX(x, t, d, v, ab[1]);
    e.add(ProductError.of("hessianDerivX", ab[0].clone(), ab[1].clone()));
    h.hessianDerivThetaJvp(x, t, d, w, ab[0]);
    ad.hessianDerivThetaJvp(x, t, d, w, ab[1]);
    e.add(ProductError.of("hessianDerivThetaJvp", ab[0].clone(), ab[1].clone()));
    h.hessianDerivThetaVjp(x, t, d, v, mm[0]);
    ad.hessianDerivThetaVjp(x, t, d, v, mm[1]);
    e.add(ProductError.of("hessianDerivThetaVjp", mm[0], mm[1]));
    for (ProductError err : e) {
      assertTrue(err.within(1e-12, 1e-14), () -> c.label() + ": " + err);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void boundsContainTheHessianSpectrum(Case c) {
    double lip = c.hand().lipschitz(c.theta());
    double mu = c.hand().strongConvexity(c.theta());
    double[] hess = new double[P * P];
    for (long seed = 20; seed < 24; seed++) {
      c.hand().hessian(RandomDatasets.gaussian(P, seed), c.theta(), hess);
      double[] eig = ProblemDerivativesTest.eigenvalues(hess);
      assertTrue(eig[0] <= lip * (1 + 1e-12), c.label() + ": λmax " + eig[0] + " > L " + lip);
      assertTrue(eig[P - 1] >= mu * (1 - 1e-12) - 1e-14, c.label() + ": λmin < μ " + mu);
    }
  }

  @Test
  void registeredProblemsAreTheirCompositions() {
    double[] x = RandomDatasets.gaussian(P, 1);
    double[] theta = {0.4};
    Problem composed = RegularizedRisk.of("ridge", SquaredLoss.mean(DATA),
        new RegularizationWeights("ridge", P, 1));
    assertEquals(composed.value(x, theta), Problems.create("ridge", DATA, 1, 0).value(x, theta),
        0);
    assertEquals(composed.value(x, theta), new RidgeProblem(DATA, 1).value(x, theta), 0);
  }

  @Test
  void badPartsAreRejected() {
    assertEquals("regularized risk: penalty vs data term features: inconsistent dimensions 4 "
        + "!= 5", assertThrows(IllegalArgumentException.class, () -> new RegularizedRisk("t",
            SquaredLoss.mean(DATA), new L2Penalty(4), new RegularizationWeights("t", 4, 1)))
        .getMessage());
    assertEquals("regularized risk: name, data term, penalty and theta entry must be non-null",
        assertThrows(IllegalArgumentException.class,
            () -> RegularizedRisk.of("t", SquaredLoss.mean(DATA), null)).getMessage());
    assertEquals("squared loss: scale must be finite and > 0, got 0.0",
        assertThrows(IllegalArgumentException.class, () -> new SquaredLoss(DATA, 0))
            .getMessage());
    assertEquals("logistic loss: scale must be finite and > 0, got NaN",
        assertThrows(IllegalArgumentException.class, () -> new LogisticLoss(DATA, Double.NaN))
            .getMessage());
    assertEquals("alpha is NaN (t: must be finite and ≥ 0)", assertThrows(
        IllegalArgumentException.class,
        () -> SampleWeights.sharedOrPerSample("t", N, 1, Double.NaN)).getMessage());
  }
}
