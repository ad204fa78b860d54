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
import java.util.Random;
import java.util.stream.Stream;
import org.hipparchus.CalculusFieldElement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The softmax loss composed with each θ entry (λ single / per feature shared by the classes,
 * per-sample weights, a prior mean): every product against central finite differences
 * (relative 1e-6 or absolute 1e-9), against forward-mode AD of the formula
 * c·Σᵢwᵢ(log Σₖ exp zᵢₖ − z_{i,yᵢ}) + penalty written independently below (relative 1e-12
 * or absolute 1e-14), and L, μ against the Hessian's eigenvalues.
 */
class SoftmaxLossTest {

  static final int N = 15;
  static final int P = 4;
  static final int K = 3;
  static final LabeledData DATA = data();

  static LabeledData data() {
    Random rng = new Random(3);
    double[] a = new double[N * P];
    for (int i = 0; i < a.length; i++) {
      a[i] = rng.nextGaussian();
    }
    double[] labels = new double[N];
    for (int i = 0; i < N; i++) {
      labels[i] = 2 * (i % K) + 1; // 1, 3, 5: classes 0, 1, 2 by rank
    }
    return new LabeledData(a, N, P, labels, "softmax(15x4)");
  }

  record Case(String label, RegularizedRisk hand, AdProblem ad, double[] theta) {
    @Override
    public String toString() {
      return label;
    }
  }

  enum Entry { SINGLE, FEATURE, SAMPLES, PRIOR }

  static Stream<Arguments> cases() {
    List<Case> cases = new ArrayList<>();
    cases.add(new Case("softmax mean, single lambda", RegularizedRisk.of("t",
        SoftmaxLoss.mean(DATA), new RegularizationWeights("t", P, K, 1)),
        new AdProblem(reference(Entry.SINGLE, 1, 0)), new double[] {0.7}));
    cases.add(new Case("softmax mean, lambda per feature", RegularizedRisk.of("t",
        SoftmaxLoss.mean(DATA), new RegularizationWeights("t", P, K, P)),
        new AdProblem(reference(Entry.FEATURE, P, 0)), RandomDatasets.uniform(P, 0.1, 2, 5)));
    cases.add(new Case("softmax mean, per-sample weights, alpha 0.2", RegularizedRisk.of("t",
        SoftmaxLoss.mean(DATA), SampleWeights.sharedOrPerSample("t", N, N, 0.2)),
        new AdProblem(reference(Entry.SAMPLES, N, 0.2)), RandomDatasets.uniform(N, 0.1, 2, 6)));
    cases.add(new Case("softmax mean, prior mean, alpha 0.5", RegularizedRisk.of("t",
        SoftmaxLoss.mean(DATA), new PriorMean("t", P * K, 0.5)),
        new AdProblem(reference(Entry.PRIOR, P * K, 0.5)), RandomDatasets.gaussian(P * K, 7)));
    return cases.stream().map(Arguments::of);
  }

  /** The objective written out, X(j, k) = x[j + k·P], classes the label ranks. */
  static FieldObjective reference(Entry entry, int m, double alpha) {
    return new FieldObjective() {
      public String name() {
        return "reference";
      }

      public int dim() {
        return P * K;
      }

      public int thetaDim() {
        return m;
      }

      public <T extends CalculusFieldElement<T>> T value(T[] x, T[] th) {
        T zero = x[0].getField().getZero();
        T loss = zero;
        for (int i = 0; i < N; i++) {
          T sumExp = zero;
          T target = zero;
          for (int k = 0; k < K; k++) {
            T zk = zero;
            for (int j = 0; j < P; j++) {
              zk = zk.add(x[j + k * P].multiply(DATA.get(i, j)));
            }
            sumExp = sumExp.add(zk.exp());
            if ((int) DATA.labels()[i] == 2 * k + 1) {
              target = zk;
            }
          }
          T l = sumExp.log().subtract(target);
          loss = loss.add(entry == Entry.SAMPLES ? l.multiply(th[i]) : l);
        }
        T pen = zero;
        for (int k = 0; k < K; k++) {
          for (int j = 0; j < P; j++) {
            T xj = x[j + k * P];
            pen = pen.add(switch (entry) {
              case SINGLE -> th[0].multiply(xj).multiply(xj);
              case FEATURE -> th[j].multiply(xj).multiply(xj);
              case SAMPLES -> xj.multiply(xj).multiply(alpha);
              case PRIOR -> xj.subtract(th[j + k * P]).square().multiply(alpha);
            });
          }
        }
        return loss.divide(N).add(pen.multiply(0.5));
      }
    };
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void everyProductAgreesWithFiniteDifferencesAndForwardAd(Case c) {
    int n = P * K;
    for (long seed = 1; seed <= 2; seed++) {
      FiniteDifferenceReport r = FiniteDifferences.checkProblem(c.hand(),
          RandomDatasets.gaussian(n, seed), c.theta(), seed);
      assertEquals(10, r.errors().size());
      assertTrue(r.passes(1e-6, 1e-9), () -> c.label() + "\n" + r);
    }
    RegularizedRisk h = c.hand();
    AdProblem ad = c.ad();
    int m = h.thetaDim();
    double[] x = RandomDatasets.gaussian(n, 11);
    double[] t = c.theta();
    double[] v = RandomDatasets.gaussian(n, 12);
    double[] d = RandomDatasets.gaussian(n, 13);
    double[] w = RandomDatasets.gaussian(m, 14);
    List<ProductError> e = new ArrayList<>();
    e.add(ProductError.of("value", new double[] {h.value(x, t)}, new double[] {ad.value(x, t)}));
    double[][] ab = {new double[n], new double[n]};
    double[][] mm = {new double[m], new double[m]};
    double[][] hh = {new double[n * n], new double[n * n]};
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
    int n = P * K;
    double lip = c.hand().lipschitz(c.theta());
    double mu = c.hand().strongConvexity(c.theta());
    double[] hess = new double[n * n];
    for (long seed = 20; seed < 24; seed++) {
      c.hand().hessian(RandomDatasets.gaussian(n, seed), c.theta(), hess);
      double[] eig = ProblemDerivativesTest.eigenvalues(hess);
      assertTrue(eig[0] <= lip * (1 + 1e-12), c.label() + ": λmax " + eig[0] + " > L " + lip);
      assertTrue(eig[n - 1] >= mu * (1 - 1e-12) - 1e-14, c.label() + ": λmin < μ " + mu);
    }
  }

  @Test
  void hugeScoresNeitherOverflowNorLoseTheGradient() {
    SoftmaxLoss loss = SoftmaxLoss.mean(DATA);
    double[] x = RandomDatasets.gaussian(P * K, 3);
    for (int j = 0; j < x.length; j++) {
      x[j] *= 1e3;
    }
    double[] g = new double[P * K];
    loss.gradient(x, null, g);
    assertTrue(Double.isFinite(loss.value(x, null)) && loss.value(x, null) > 0);
    for (double gj : g) {
      assertTrue(Double.isFinite(gj));
    }
  }

  @Test
  void labelsAndClassesAreChecked() {
    assertEquals(3, SoftmaxLoss.mean(DATA).classes());
    assertEquals("softmax loss: classes is 1 (must be >= 2)", assertThrows(
        IllegalArgumentException.class, () -> new SoftmaxLoss(DATA, 1, 1.0)).getMessage());
    assertEquals("softmax(15x4): label of row 3 is 5.0 (softmax with 4 classes: integers 0..3)",
        assertThrows(IllegalArgumentException.class, () -> new SoftmaxLoss(DATA, 4, 1.0))
            .getMessage());
    LabeledData one = new LabeledData(new double[] {1, 2}, 2, 1, new double[] {7, 7}, "one");
    assertEquals("one: a single class (label 7.0): the softmax loss needs at least 2",
        assertThrows(IllegalArgumentException.class, () -> SoftmaxLoss.mean(one)).getMessage());
    assertEquals("alpha is 0.0 (softmax-prior: the prior's weight must be finite and > 0)",
        assertThrows(IllegalArgumentException.class,
            () -> Problems.create("softmax-prior", DATA, P * K, 0.0)).getMessage());
    assertEquals("theta: length 4, expected 12 (softmax-prior: theta is the prior mean, one "
        + "value per unknown)", assertThrows(IllegalArgumentException.class,
            () -> Problems.create("softmax-prior", DATA, P, 1.0)).getMessage());
    assertEquals(List.of(1, P), Problems.CATALOG.get("softmax").acceptedThetaLengths(DATA));
    assertEquals(List.of(P * K),
        Problems.CATALOG.get("softmax-prior").acceptedThetaLengths(DATA));
  }
}
