package dev.iterdiff.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iterdiff.data.ConditionedRegression;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
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

  /** The principal submatrix H_SS of problem's Hessian, from padded Hessian-vector products. */
  private static double[] principalSubmatrix(Problem problem, double[] x, double[] theta,
      int p) {
    int k = SUPPORT.length;
    double[] reference = new double[k * k];
    double[] e = new double[p];
    double[] col = new double[p];
    for (int b = 0; b < k; b++) {
      e[SUPPORT[b]] = 1;
      problem.hvp(x, theta, e, col);
      e[SUPPORT[b]] = 0;
      for (int a = 0; a < k; a++) {
        reference[a + b * k] = col[SUPPORT[a]];
      }
    }
    return reference;
  }

  @ParameterizedTest(name = "{0}, AᵀA formed first: {1}")
  @CsvSource({"lasso, true", "lasso, false", "ridge, true", "ridge, false", "nnls, true",
      "elastic-net, true", "weighted-ridge, true"})
  void theLowerTriangleScaledByAlphaIsThePrincipalSubmatrixEitherWay(String name,
      boolean gramFirst) {
    // GIVEN a problem whose design has (or has not yet) formed AᵀA for its curvature bounds
    LabeledData d = ConditionedRegression.generate(30, 10, 10, 3);
    int m = name.equals("weighted-ridge") ? 30 : name.equals("lasso") ? 1
        : name.equals("elastic-net") ? 2 : 10;
    Problem problem = Problems.create(name, d, m, 0.05);
    double[] theta = theta(name.equals("elastic-net") ? "lasso" : name, 10, 30);
    if (name.equals("elastic-net")) {
      theta = new double[] {0.3, 0.7};
    }
    if (gramFirst) {
      problem.lipschitz(theta);
    }
    double[] x = new double[10];
    SupportHessian h = problem.supportHessian(x, theta, SUPPORT);
    if (name.equals("lasso")) { // no ℓ2 part: the data term's own restricted Hessian
      // THEN it reads AᵀA once the design has formed it, else it gathers A_S
      assertEquals(gramFirst ? GramSubmatrix.class : SupportGram.class, h.getClass());
    }
    // WHEN the lower triangle of α·H_SS is formed (upper triangle: whatever was there)
    int k = SUPPORT.length;
    double alpha = 0.37;
    double[] lower = new double[k * k];
    java.util.Arrays.fill(lower, Double.NaN);
    h.denseLower(alpha, lower);
    double[] reference = principalSubmatrix(problem, x, theta, 10);
    double scale = 0;
    for (double r : reference) {
      scale = Math.max(scale, Math.abs(r));
    }
    // THEN it is α times the principal submatrix of the Hessian on and below the diagonal
    for (int j = 0; j < k; j++) {
      for (int i = j; i < k; i++) {
        assertEquals(alpha * reference[i + j * k], lower[i + j * k], 1e-13 * scale,
            name + " (" + i + "," + j + ")");
      }
    }
    // AND dense and apply agree with it too
    double[] dense = new double[k * k];
    h.dense(dense);
    double[] v = {0.3, -1.2, 0.7, 2.0};
    double[] applied = new double[k];
    h.apply(v, applied);
    h.apply(v, applied); // workspaces restored between calls
    for (int a = 0; a < k; a++) {
      double expected = 0;
      for (int b = 0; b < k; b++) {
        assertEquals(reference[a + b * k], dense[a + b * k], 1e-13 * scale);
        expected += reference[a + b * k] * v[b];
      }
      assertEquals(expected, applied[a], 1e-13 * scale * 4, name + " row " + a);
    }
  }

  @org.junit.jupiter.api.Test
  void sparseDataOffersNoRestrictedHessianAndAWideDesignKeepsNoGram() {
    LabeledData dense = ConditionedRegression.generate(30, 10, 10, 3);
    LabeledData sparse = LabeledData.sparse(dev.iterdiff.linalg.CsrMatrix.fromDense(30, 10,
        dense.a()), dense.labels(), "sparse copy");
    Problem onSparse = Problems.create("lasso", sparse, 1, 0.05);
    onSparse.lipschitz(new double[] {0.1});
    assertNull(onSparse.supportHessian(new double[10], new double[] {0.1}, SUPPORT));
    // N < p: the curvature bounds come from the N×N matrix AAᵀ; the support Hessian gathers A_S
    LabeledData wide = ConditionedRegression.generate(10, 10, 10, 3);
    double[] a = new double[8 * 10];
    for (int j = 0; j < 10; j++) {
      System.arraycopy(wide.a(), j * 10, a, j * 8, 8);
    }
    Problem onWide = Problems.create("lasso", new LabeledData(a, 8, 10,
        java.util.Arrays.copyOf(wide.labels(), 8), "wide"), 1, 0.05);
    onWide.lipschitz(new double[] {0.1});
    SupportHessian h = onWide.supportHessian(new double[10], new double[] {0.1}, SUPPORT);
    assertTrue(h instanceof SupportGram, String.valueOf(h));
  }
}
