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
 * θ = a linear feature map W: every product of {@link SoftmaxFeatureMap} against central
 * differences of its own value / gradient (relative 1e-6, absolute 1e-9, the contract tests'
 * tolerance) and against forward-mode AD of the objective written out independently (relative
 * 1e-12 or absolute 1e-14); with W = I it is the pixel softmax with θ = λ.
 */
class SoftmaxFeatureMapTest {

  static final int P = 5;
  static final int D = 3;
  static final int K = 3;
  static final double[] LABELS = {0, 1, 2, 1, 0, 2};
  static final int N = LABELS.length;
  static final double LAMBDA = 0.3;

  static double[] gaussian(int n, long seed) {
    Random rng = new Random(seed);
    double[] a = new double[n];
    for (int i = 0; i < n; i++) {
      a[i] = rng.nextGaussian();
    }
    return a;
  }

  static LabeledData data() {
    return new LabeledData(gaussian(N * P, 11), N, P, LABELS.clone(), "six rows");
  }

  /** f written out: z_ir = Σ_j W(r, j) a_ij, scores Σ_r X(r, c) z_ir. */
  static FieldObjective reference(double[] a) {
    return new FieldObjective() {
      public String name() {
        return "reference";
      }

      public int dim() {
        return D * K;
      }

      public int thetaDim() {
        return D * P;
      }

      public <T extends CalculusFieldElement<T>> T value(T[] x, T[] w) {
        T zero = x[0].getField().getZero();
        T loss = zero;
        for (int i = 0; i < N; i++) {
          T sumExp = zero;
          T target = zero;
          for (int c = 0; c < K; c++) {
            T s = zero;
            for (int r = 0; r < D; r++) {
              T zr = zero;
              for (int j = 0; j < P; j++) {
                zr = zr.add(w[r + j * D].multiply(a[i + j * N]));
              }
              s = s.add(x[r + c * D].multiply(zr));
            }
            sumExp = sumExp.add(s.exp());
            if ((int) LABELS[i] == c) {
              target = s;
            }
          }
          loss = loss.add(sumExp.log().subtract(target));
        }
        T pen = zero;
        for (T xi : x) {
          pen = pen.add(xi.multiply(xi));
        }
        return loss.divide(N).add(pen.multiply(0.5 * LAMBDA));
      }
    };
  }

  @Test
  void productsMatchCentralDifferences() {
    SoftmaxFeatureMap f = new SoftmaxFeatureMap(data(), K, D, LAMBDA);
    FiniteDifferenceReport r = FiniteDifferences.checkProblem(f, gaussian(D * K, 1),
        gaussian(D * P, 2), 3);
    assertEquals(6, r.errors().size());
    assertTrue(r.passes(1e-6, 1e-9), r::toString);
  }

  /**
   * GIVEN θ = (W, t) with a trailing entry f ignores WHEN the products are checked THEN they
   * still match central differences, and the cross product's t entry is exactly 0.
   */
  @Test
  void trailingThetaEntriesAreIgnored() {
    SoftmaxFeatureMap f = new SoftmaxFeatureMap(data(), K, D, LAMBDA, 1);
    assertEquals(D * P + 1, f.thetaDim());
    double[] x = gaussian(D * K, 1);
    double[] th = gaussian(D * P + 1, 2);
    assertTrue(FiniteDifferences.checkProblem(f, x, th, 3).passes(1e-6, 1e-9));
    double[] out = new double[D * P + 1];
    out[D * P] = 7;
    f.crossVjp(x, th, gaussian(D * K, 4), out);
    assertEquals(0.0, out[D * P]);
    double[] th2 = th.clone();
    th2[D * P] = -3;
    assertEquals(f.value(x, th), f.value(x, th2));
  }

  @Test
  void productsMatchForwardAd() {
    LabeledData data = data();
    SoftmaxFeatureMap f = new SoftmaxFeatureMap(data, K, D, LAMBDA);
    AdProblem ad = new AdProblem(reference(data.a()));
    double[] x = gaussian(D * K, 4);
    double[] w = gaussian(D * P, 5);
    assertEquals(ad.value(x, w), f.value(x, w), 1e-13);
    double[] v = gaussian(D * K, 6);
    double[] dw = gaussian(D * P, 7);
    check("gradient", D * K, o -> f.gradient(x, w, o), o -> ad.gradient(x, w, o));
    check("hvp", D * K, o -> f.hvp(x, w, v, o), o -> ad.hvp(x, w, v, o));
    check("crossJvp", D * K, o -> f.crossJvp(x, w, dw, o), o -> ad.crossJvp(x, w, dw, o));
    check("crossVjp", D * P, o -> f.crossVjp(x, w, v, o), o -> ad.crossVjp(x, w, v, o));
    // a second W: the cached features are recomputed
    double[] w2 = gaussian(D * P, 8);
    check("gradient(W2)", D * K, o -> f.gradient(x, w2, o), o -> ad.gradient(x, w2, o));
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

  /**
   * GIVEN W = I (d = p) WHEN value and gradient are taken THEN they are the pixel softmax's
   * with θ = λ (catalog problem {@code softmax}) to rounding.
   */
  @Test
  void identityMapIsThePixelSoftmax() {
    LabeledData data = data();
    SoftmaxFeatureMap f = new SoftmaxFeatureMap(data, K, P, LAMBDA);
    Problem pixels = Problems.create("softmax", data, 1, 1.0);
    double[] eye = new double[P * P];
    for (int j = 0; j < P; j++) {
      eye[j + j * P] = 1;
    }
    double[] x = gaussian(P * K, 9);
    double[] lam = {LAMBDA};
    assertEquals(pixels.value(x, lam), f.value(x, eye), 1e-13);
    double[] g1 = new double[P * K];
    double[] g2 = new double[P * K];
    pixels.gradient(x, lam, g1);
    f.gradient(x, eye, g2);
    ProductError e = ProductError.of("gradient", g2, g1);
    assertTrue(e.maxAbsError() < 1e-14, e::toString);
  }

  @Test
  void boundsHoldTheHessianSpectrum() {
    SoftmaxFeatureMap f = new SoftmaxFeatureMap(data(), K, D, LAMBDA);
    double[] w = gaussian(D * P, 8);
    double[] h = new double[D * K * D * K];
    f.hessian(gaussian(D * K, 9), w, h);
    double[] eig = dev.iterdiff.linalg.SymmetricEigenvalues.of(D * K, h);
    assertTrue(eig[0] >= LAMBDA - 1e-12, () -> "mu " + eig[0]);
    assertTrue(eig[eig.length - 1] <= f.lipschitz(w) + 1e-12);
  }

  @Test
  void badInputIsNamed() {
    assertEquals("softmax-features: lambda is 0.0 (must be finite and > 0)", assertThrows(
        IllegalArgumentException.class, () -> new SoftmaxFeatureMap(data(), K, D, 0))
        .getMessage());
    assertEquals("softmax-features: features is 0 (must be >= 1)", assertThrows(
        IllegalArgumentException.class, () -> new SoftmaxFeatureMap(data(), K, 0, 1))
        .getMessage());
    assertEquals("six rows: label of row 2 is 2.0 (softmax-features with 2 classes: integers "
        + "0..1)", assertThrows(IllegalArgumentException.class,
        () -> new SoftmaxFeatureMap(data(), 2, D, 1)).getMessage());
    double[] w = new double[D * P];
    w[4] = Double.NaN;
    assertEquals("theta[4] (W(1, 1)) is NaN (must be finite)", assertThrows(
        IllegalArgumentException.class,
        () -> new SoftmaxFeatureMap(data(), K, D, 1).checkTheta(w)).getMessage());
  }
}
