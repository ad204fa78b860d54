package dev.iterdiff.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iterdiff.data.TwoGaussianClasses;
import dev.iterdiff.check.AdProblem;
import dev.iterdiff.check.FieldObjective;
import dev.iterdiff.check.FiniteDifferenceReport;
import dev.iterdiff.check.FiniteDifferences;
import org.hipparchus.CalculusFieldElement;
import java.util.Random;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;

/**
 * Every product of {@link WeightedLogisticProblem} against central finite differences of
 * the product one order below (own differences: step h = 1e-5, error O(h²) ≈ 1e-10,
 * tolerance 1e-7 relative to the vector's norm; and the shared
 * {@link FiniteDifferences#checkProblem}, relative 1e-6 or absolute 1e-9), against
 * forward-mode AD of the formula written independently with Hipparchus (relative 1e-12),
 * and the value against a direct evaluation of the formula.
 */
class WeightedLogisticProblemTest {

  private static final double H = 1e-5;
  private static final double TOL = 1e-7;

  private final LabeledData data = TwoGaussianClasses.generate(6, 4, 1.0, 7);
  private final int n = data.cols();
  private final int m = data.rows();
  private final double lambda = Math.exp(-5);
  private final WeightedLogisticProblem problem = new WeightedLogisticProblem(data, lambda);
  private final Random random = new Random(3);
  private final double[] x = gaussian(n);
  private final double[] theta = uniform(m, 0.5, 1.5);

  @Test
  void valueMatchesTheFormulaEvaluatedDirectly() {
    double expected = 0;
    for (int i = 0; i < m; i++) {
      double margin = 0;
      for (int j = 0; j < n; j++) {
        margin += data.get(i, j) * x[j];
      }
      margin *= data.labels()[i] > 0 ? 1 : -1;
      expected += theta[i] * Math.log(1 + Math.exp(-margin));
    }
    double norm2 = 0;
    for (double v : x) {
      norm2 += v * v;
    }
    expected = expected / m + 0.5 * lambda * norm2;
    assertEquals(expected, problem.value(x, theta), 1e-13 * Math.abs(expected));
  }

  @Test
  void gradientMatchesFiniteDifferencesOfValue() {
    double[] g = new double[n];
    problem.gradient(x, theta, g);
    double[] fd = new double[n];
    for (int j = 0; j < n; j++) {
      double[] e = new double[n];
      e[j] = 1;
      fd[j] = (problem.value(plus(x, e, H), theta) - problem.value(plus(x, e, -H), theta)) / (2 * H);
    }
    assertClose(fd, g);
  }

  @Test
  void hvpAndHessianMatchFiniteDifferencesOfGradient() {
    double[] v = gaussian(n);
    double[] hv = new double[n];
    problem.hvp(x, theta, v, hv);
    assertClose(fdX((p, out) -> problem.gradient(p, theta, out), v, n), hv);
    double[] hess = new double[n * n];
    problem.hessian(x, theta, hess);
    double[] dense = new double[n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        dense[i] += hess[i + j * n] * v[j];
      }
    }
    assertClose(hv, dense);
  }

  @Test
  void hessianWithNegativeWeightsTakesTheGeneralPathAndMatchesHvp() {
    double[] signed = gaussian(m);
    double[] v = gaussian(n);
    double[] hv = new double[n];
    problem.hvp(x, signed, v, hv);
    double[] hess = new double[n * n];
    problem.hessian(x, signed, hess);
    double[] dense = new double[n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        dense[i] += hess[i + j * n] * v[j];
      }
    }
    assertClose(hv, dense);
  }

  @Test
  void crossProductsMatchFiniteDifferencesOfGradientInTheta() {
    double[] w = gaussian(m);
    double[] jw = new double[n];
    problem.crossJvp(x, theta, w, jw);
    assertClose(fdTheta((t, out) -> problem.gradient(x, t, out), w, n), jw);
    double[] u = gaussian(n);
    double[] ju = new double[m];
    problem.crossVjp(x, theta, u, ju);
    double[] fd = new double[m];
    for (int i = 0; i < m; i++) {
      double[] e = new double[m];
      e[i] = 1;
      double[] col = fdTheta((t, out) -> problem.gradient(x, t, out), e, n);
      fd[i] = dot(u, col);
    }
    assertClose(fd, ju);
  }

  @Test
  void hessianDerivXMatchesFiniteDifferencesOfHvp() {
    double[] d = gaussian(n);
    double[] v = gaussian(n);
    double[] out = new double[n];
    problem.hessianDerivX(x, theta, d, v, out);
    assertClose(fdX((p, o) -> problem.hvp(p, theta, d, o), v, n), out);
  }

  @Test
  void hessianDerivThetaProductsMatchFiniteDifferencesOfHvp() {
    double[] d = gaussian(n);
    double[] w = gaussian(m);
    double[] out = new double[n];
    problem.hessianDerivThetaJvp(x, theta, d, w, out);
    assertClose(fdTheta((t, o) -> problem.hvp(x, t, d, o), w, n), out);
    double[] u = gaussian(n);
    double[] vjp = new double[m];
    problem.hessianDerivThetaVjp(x, theta, d, u, vjp);
    double[] fd = new double[m];
    for (int i = 0; i < m; i++) {
      double[] e = new double[m];
      e[i] = 1;
      fd[i] = dot(u, fdTheta((t, o) -> problem.hvp(x, t, d, o), e, n));
    }
    assertClose(fd, vjp);
  }

  @Test
  void lipschitzAndStrongConvexityBoundTheHessianSpectrum() {
    double[] hess = new double[n * n];
    problem.hessian(x, theta, hess);
    double big = problem.lipschitz(theta);
    double small = problem.strongConvexity(theta);
    for (int trial = 0; trial < 50; trial++) {
      double[] v = gaussian(n);
      double[] hv = new double[n];
      problem.hvp(x, theta, v, hv);
      double rayleigh = dot(v, hv) / dot(v, v);
      assertTrue(rayleigh <= big && rayleigh >= small,
          "Rayleigh quotient " + rayleigh + " outside [" + small + ", " + big + "]");
    }
  }

  @Test
  void everyProductPassesTheSharedFiniteDifferenceChecker() {
    for (long seed = 1; seed <= 3; seed++) {
      double[] point = gaussian(n);
      FiniteDifferenceReport report = FiniteDifferences.checkProblem(problem, point, theta,
          seed);
      assertEquals(10, report.errors().size());
      assertTrue(report.passes(1e-6, 1e-9), report::toString);
    }
  }

  @Test
  void everyProductAgreesWithForwardModeAdOfTheFormula() {
    AdProblem ad = new AdProblem(new FieldObjective() {
      @Override
      public String name() {
        return "weighted-logistic (AD reference)";
      }

      @Override
      public int dim() {
        return n;
      }

      @Override
      public int thetaDim() {
        return m;
      }

      @Override
      public <T extends CalculusFieldElement<T>> T value(T[] xs, T[] ts) {
        T sum = xs[0].getField().getZero();
        for (int i = 0; i < m; i++) {
          T margin = xs[0].getField().getZero();
          for (int j = 0; j < n; j++) {
            margin = margin.add(xs[j].multiply(data.get(i, j)));
          }
          if (data.labels()[i] <= 0) {
            margin = margin.negate();
          }
          sum = sum.add(ts[i].multiply(margin.negate().exp().log1p()));
        }
        T reg = xs[0].getField().getZero();
        for (int j = 0; j < n; j++) {
          reg = reg.add(xs[j].multiply(xs[j]));
        }
        return sum.divide(m).add(reg.multiply(0.5 * lambda));
      }
    });
    double[] v = gaussian(n);
    double[] d = gaussian(n);
    double[] w = gaussian(m);
    double[] u = gaussian(n);
    assertEquals(ad.value(x, theta), problem.value(x, theta), 1e-13);
    double[] a = new double[n];
    double[] b = new double[n];
    problem.gradient(x, theta, a);
    ad.gradient(x, theta, b);
    assertCloseTo(b, a, 1e-12);
    problem.hvp(x, theta, v, a);
    ad.hvp(x, theta, v, b);
    assertCloseTo(b, a, 1e-12);
    problem.crossJvp(x, theta, w, a);
    ad.crossJvp(x, theta, w, b);
    assertCloseTo(b, a, 1e-12);
    problem.hessianDerivX(x, theta, d, v, a);
    ad.hessianDerivX(x, theta, d, v, b);
    assertCloseTo(b, a, 1e-12);
    problem.hessianDerivThetaJvp(x, theta, d, w, a);
    ad.hessianDerivThetaJvp(x, theta, d, w, b);
    assertCloseTo(b, a, 1e-12);
    double[] am = new double[m];
    double[] bm = new double[m];
    problem.crossVjp(x, theta, u, am);
    ad.crossVjp(x, theta, u, bm);
    assertCloseTo(bm, am, 1e-12);
    problem.hessianDerivThetaVjp(x, theta, d, u, am);
    ad.hessianDerivThetaVjp(x, theta, d, u, bm);
    assertCloseTo(bm, am, 1e-12);
  }

  @Test
  void badInputsAreNamed() {
    double[] negative = theta.clone();
    negative[3] = -0.5;
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> problem.checkTheta(negative));
    assertTrue(e.getMessage().contains("theta[3]") && e.getMessage().contains("-0.5"),
        e.getMessage());
    double[] nan = theta.clone();
    nan[0] = Double.NaN;
    e = assertThrows(IllegalArgumentException.class, () -> problem.checkTheta(nan));
    assertTrue(e.getMessage().contains("theta[0] (weight of sample 1) is NaN"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> problem.checkTheta(new double[3]));
    assertTrue(e.getMessage().contains("theta: length 3 != 12"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new WeightedLogisticProblem(data, 0));
    assertTrue(e.getMessage().contains("lambda") && e.getMessage().contains("0.0"),
        e.getMessage());
  }

  private double[] fdX(BiConsumer<double[], double[]> f, double[] v, int outDim) {
    double[] plus = new double[outDim];
    double[] minus = new double[outDim];
    f.accept(plus(x, v, H), plus);
    f.accept(plus(x, v, -H), minus);
    return centered(plus, minus);
  }

  private double[] fdTheta(BiConsumer<double[], double[]> f, double[] w, int outDim) {
    double[] plus = new double[outDim];
    double[] minus = new double[outDim];
    f.accept(plus(theta, w, H), plus);
    f.accept(plus(theta, w, -H), minus);
    return centered(plus, minus);
  }

  private static double[] centered(double[] plus, double[] minus) {
    double[] out = new double[plus.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = (plus[i] - minus[i]) / (2 * H);
    }
    return out;
  }

  private static double[] plus(double[] a, double[] d, double h) {
    double[] out = a.clone();
    for (int i = 0; i < out.length; i++) {
      out[i] += h * d[i];
    }
    return out;
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  private static void assertClose(double[] expected, double[] actual) {
    assertCloseTo(expected, actual, TOL);
  }

  private static void assertCloseTo(double[] expected, double[] actual, double tol) {
    double diff = 0;
    double norm = 0;
    for (int i = 0; i < expected.length; i++) {
      diff = Math.max(diff, Math.abs(expected[i] - actual[i]));
      norm = Math.max(norm, Math.abs(expected[i]));
    }
    assertTrue(norm > 1e-8, "reference is (near) zero: the check would be vacuous");
    assertTrue(diff <= tol * norm, "max |difference| " + diff + " > " + tol + " * " + norm);
  }

  private double[] gaussian(int k) {
    double[] v = new double[k];
    for (int i = 0; i < k; i++) {
      v[i] = random.nextGaussian();
    }
    return v;
  }

  private double[] uniform(int k, double lo, double hi) {
    double[] v = new double[k];
    for (int i = 0; i < k; i++) {
      v[i] = lo + (hi - lo) * random.nextDouble();
    }
    return v;
  }
}
