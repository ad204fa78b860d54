package dev.iterdiff.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.iterdiff.data.ConditionedRegression;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Hessian restricted to a support (gathered columns, BLAS-3 Gram) against the principal
 * submatrix of the full Hessian, read column by column from padded Hessian-vector products.
 */
class SupportHessianTest {

  private static final int[] SUPPORT = {0, 3, 4, 8};

  private static double[] theta(String name, int p, int n) {
    Random r = new Random(7);
    int m = name.equals("weighted-ridge") ? n : name.equals("lasso") ? 1 : p;
    double[] t = new double[m];
    for (int i = 0; i < m; i++) {
      t[i] = 0.1 + r.nextDouble();
    }
    return t;
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"lasso", "nnls", "weighted-ridge", "ridge"})
  void denseAndApplyAreThePrincipalSubmatrixOfTheHessian(String name) {
    LabeledData d = ConditionedRegression.generate(30, 10, 10, 3);
    Problem problem = Problems.create(name, d, name.equals("weighted-ridge") ? 30
        : name.equals("lasso") ? 1 : 10, 0.05);
    double[] theta = theta(name, 10, 30);
    double[] x = new double[10];
    for (int j = 0; j < 10; j++) {
      x[j] = Math.cos(j);
    }
    SupportHessian h = problem.supportHessian(x, theta, SUPPORT);
    assertNotNull(h, name);
    int k = SUPPORT.length;
    assertEquals(k, h.size());
    // GIVEN the principal submatrix from padded Hessian-vector products
    double[] reference = new double[k * k];
    double[] e = new double[10];
    double[] col = new double[10];
    for (int b = 0; b < k; b++) {
      e[SUPPORT[b]] = 1;
      problem.hvp(x, theta, e, col);
      e[SUPPORT[b]] = 0;
      for (int a = 0; a < k; a++) {
        reference[a + b * k] = col[SUPPORT[a]];
      }
    }
    // WHEN formed densely and applied THEN both match it
    double[] dense = new double[k * k];
    h.dense(dense);
    double[] v = {0.3, -1.2, 0.7, 2.0};
    double[] applied = new double[k];
    h.apply(v, applied);
    double scale = 0;
    for (double r : reference) {
      scale = Math.max(scale, Math.abs(r));
    }
    for (int i = 0; i < k * k; i++) {
      assertEquals(reference[i], dense[i], 1e-13 * scale, name + " entry " + i);
    }
    for (int a = 0; a < k; a++) {
      double expected = 0;
      for (int b = 0; b < k; b++) {
        expected += reference[a + b * k] * v[b];
      }
      assertEquals(expected, applied[a], 1e-13 * scale * 4, name + " row " + a);
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"logistic"})
  void aDataTermWithoutARestrictedHessianOffersNone(String name) {
    LabeledData d = ConditionedRegression.generate(30, 10, 10, 3);
    Problem problem = Problems.create(name, d, 1, 0.05);
    assertNull(problem.supportHessian(new double[10], new double[] {0.1}, SUPPORT));
  }
}
