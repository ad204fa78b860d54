package dev.iterdiff.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iterdiff.check.AdProblem;
import dev.iterdiff.check.FieldObjective;
import dev.iterdiff.check.FiniteDifferenceReport;
import dev.iterdiff.check.FiniteDifferences;
import dev.iterdiff.check.ProductError;
import java.util.Random;
import org.hipparchus.CalculusFieldElement;
import org.junit.jupiter.api.Test;

/**
 * θ as data: every product of {@link SyntheticDataSoftmax} against central differences of its
 * own value / gradient (relative 1e-6, absolute 1e-9, the contract tests' tolerance) and
 * against forward-mode AD of the objective written out independently (relative 1e-12,
 * absolute 1e-14: both are exact up to rounding).
 */
class SyntheticDataSoftmaxTest {

  static final int P = 4;
  static final int K = 3;
  static final int[] LABELS = {0, 1, 2, 1, 0};
  static final int M = LABELS.length;
  static final double LAMBDA = 0.3;

  static double[] gaussian(int n, long seed) {
    Random rng = new Random(seed);
    double[] a = new double[n];
    for (int i = 0; i < n; i++) {
      a[i] = rng.nextGaussian();
    }
    return a;
  }

  /** f written out: sample i's pixel j is θ[j + i·P], X(j, a) = x[j + a·P]. */
  static FieldObjective reference() {
    return new FieldObjective() {
      public String name() {
        return "reference";
      }

      public int dim() {
        return P * K;
      }

      public int thetaDim() {
        return P * M;
      }

      public <T extends CalculusFieldElement<T>> T value(T[] x, T[] th) {
        T zero = x[0].getField().getZero();
        T loss = zero;
        for (int i = 0; i < M; i++) {
          T sumExp = zero;
          T target = zero;
          for (int a = 0; a < K; a++) {
            T za = zero;
            for (int j = 0; j < P; j++) {
              za = za.add(x[j + a * P].multiply(th[j + i * P]));
            }
            sumExp = sumExp.add(za.exp());
            if (LABELS[i] == a) {
              target = za;
            }
          }
          loss = loss.add(sumExp.log().subtract(target));
        }
        T pen = zero;
        for (T xi : x) {
          pen = pen.add(xi.multiply(xi));
        }
        return loss.divide(M).add(pen.multiply(0.5 * LAMBDA));
      }
    };
  }

  @Test
  void productsMatchCentralDifferences() {
    SyntheticDataSoftmax f = new SyntheticDataSoftmax(P, LABELS, K, LAMBDA);
    FiniteDifferenceReport r = FiniteDifferences.checkProblem(f, gaussian(P * K, 1),
        gaussian(P * M, 2), 3);
    assertEquals(6, r.errors().size());
    assertTrue(r.passes(1e-6, 1e-9), r::toString);
  }

  @Test
  void productsMatchForwardAd() {
    SyntheticDataSoftmax f = new SyntheticDataSoftmax(P, LABELS, K, LAMBDA);
    AdProblem ad = new AdProblem(reference());
    double[] x = gaussian(P * K, 4);
    double[] th = gaussian(P * M, 5);
    assertEquals(ad.value(x, th), f.value(x, th), 1e-13);
    double[] v = gaussian(P * K, 6);
    double[] w = gaussian(P * M, 7);
    check("gradient", P * K, (o) -> f.gradient(x, th, o), (o) -> ad.gradient(x, th, o));
    check("hvp", P * K, (o) -> f.hvp(x, th, v, o), (o) -> ad.hvp(x, th, v, o));
    check("crossJvp", P * K, (o) -> f.crossJvp(x, th, w, o), (o) -> ad.crossJvp(x, th, w, o));
    check("crossVjp", P * M, (o) -> f.crossVjp(x, th, v, o), (o) -> ad.crossVjp(x, th, v, o));
  }

  private static void check(String name, int n, java.util.function.Consumer<double[]> mine,
      java.util.function.Consumer<double[]> ref) {
    double[] a = new double[n];
    double[] b = new double[n];
    mine.accept(a);
    ref.accept(b);
    ProductError e = ProductError.of(name, a, b);
    assertTrue(e.maxRelError() < 1e-12 || e.maxAbsError() < 1e-14, e::toString);
  }

  @Test
  void boundsHoldTheHessianSpectrum() {
    SyntheticDataSoftmax f = new SyntheticDataSoftmax(P, LABELS, K, LAMBDA);
    double[] th = gaussian(P * M, 8);
    double[] h = new double[P * K * P * K];
    f.hessian(gaussian(P * K, 9), th, h);
    double[] eig = dev.iterdiff.linalg.SymmetricEigenvalues.of(P * K, h);
    assertTrue(eig[0] >= LAMBDA - 1e-12, () -> "mu " + eig[0]);
    assertTrue(eig[eig.length - 1] <= f.lipschitz(th) + 1e-12);
  }

  @Test
  void badInputIsNamed() {
    assertEquals("synthetic softmax: lambda is 0.0 (must be finite and > 0)", assertThrows(
        IllegalArgumentException.class, () -> new SyntheticDataSoftmax(P, LABELS, K, 0))
        .getMessage());
    assertEquals("synthetic softmax: label of sample 1 is 3 (integers 0..2)", assertThrows(
        IllegalArgumentException.class,
        () -> new SyntheticDataSoftmax(P, new int[] {0, 3}, K, 1)).getMessage());
    double[] th = new double[P * M];
    th[5] = Double.NaN;
    assertEquals("theta[5] (pixel 1 of sample 1) is NaN (must be finite)", assertThrows(
        IllegalArgumentException.class,
        () -> new SyntheticDataSoftmax(P, LABELS, K, 1).checkTheta(th)).getMessage());
  }
}
