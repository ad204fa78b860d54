package dev.iterdiff.problem;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iterdiff.data.SparseTextData;
import dev.iterdiff.linalg.Blas;
import dev.iterdiff.linalg.SymmetricEigenvalues;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The data terms on a sparse design give the numbers of the dense path on the same matrix
 * (every product, with and without per-sample weights), the curvature bound stays an upper
 * bound where p is too large for a dense eigenvalue solve, and the Spark ML objective's
 * multipliers and intercept are the same sparse or dense.
 */
class SparseDataTermTest {

  static LabeledData text(int n, int p, double density, long seed) {
    return SparseTextData.generate(n, p, density, seed);
  }

  static double[] random(int len, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[] v = new double[len];
    for (int i = 0; i < len; i++) {
      v[i] = rng.nextDouble() * 2 - 1;
    }
    return v;
  }

  static void assertClose(double[] expected, double[] actual, String what) {
    double scale = 0;
    for (double e : expected) {
      scale = Math.max(scale, Math.abs(e));
    }
    assertArrayEquals(expected, actual, 1e-13 * Math.max(1, scale), what);
  }

  private void compare(Function<LabeledData, DataTerm> make) {
    LabeledData sparse = text(60, 25, 0.2, 3);
    assertTrue(sparse.isSparse());
    LabeledData dense = sparse.densified();
    DataTerm s = make.apply(sparse);
    DataTerm d = make.apply(dense);
    int p = 25;
    int n = 60;
    double[] x = random(p, 1);
    double[] v = random(p, 2);
    double[] u = random(p, 3);
    double[] w = random(n, 4);
    for (int i = 0; i < n; i++) {
      w[i] = Math.abs(w[i]) + 0.1;
    }
    for (double[] weights : new double[][] {null, w}) {
      String tag = s.name() + (weights == null ? "" : " weighted");
      assertEquals(d.value(x, weights), s.value(x, weights), 1e-14, tag + " value");
      double[] e = new double[p];
      double[] a = new double[p];
      d.gradient(x, weights, e);
      s.gradient(x, weights, a);
      assertClose(e, a, tag + " gradient");
      d.hvp(x, weights, v, e);
      s.hvp(x, weights, v, a);
      assertClose(e, a, tag + " hvp");
      d.hessianDerivX(x, weights, u, v, e);
      s.hessianDerivX(x, weights, u, v, a);
      assertClose(e, a, tag + " third-order product");
      double[] eh = new double[p * p];
      double[] ah = new double[p * p];
      d.hessian(x, weights, eh);
      s.hessian(x, weights, ah);
      assertClose(eh, ah, tag + " hessian");
      double[] eb = d.curvatureBounds(weights).clone();
      double[] ab = s.curvatureBounds(weights).clone();
      assertArrayEquals(eb, ab, 1e-12 * eb[1], tag + " curvature bounds");
    }
    double[] en = new double[n];
    double[] an = new double[n];
    d.weightsVjp(x, u, en);
    s.weightsVjp(x, u, an);
    assertClose(en, an, s.name() + " weights VJP");
    d.curvatureWeightsVjp(x, v, u, en);
    s.curvatureWeightsVjp(x, v, u, an);
    assertClose(en, an, s.name() + " curvature weights VJP");
  }

  @Test
  void logisticLossSparseEqualsDense() {
    compare(LogisticLoss::mean);
  }

  @Test
  void squaredLossSparseEqualsDense() {
    compare(SquaredLoss::mean);
  }

  @Test
  void largeSparseCurvatureBoundIsAnUpperBoundWithinTheMargin() {
    // p = 2500 > DENSE_EIGEN_MAX: the bound comes from the power iteration; λ_max(AᵀA) is
    // λ_max(AAᵀ), a 40×40 dense eigenvalue problem.
    LabeledData data = text(40, 2500, 0.01, 9);
    double[] a = data.densified().a();
    double[] aat = new double[40 * 40];
    Blas.gemm(false, true, 40, 40, 2500, 1.0, a, a, 0.0, aat);
    double lambdaMax = SymmetricEigenvalues.extremes(40, aat)[1];
    double bound = LogisticLoss.mean(data).curvatureBounds(null)[1];
    double exact = 0.25 * lambdaMax / 40;
    assertTrue(bound >= exact * (1 - 1e-9), bound + " vs exact " + exact);
    assertTrue(bound <= exact * DesignMatrix.POWER_MARGIN * (1 + 1e-9),
        bound + " vs exact " + exact);
  }

  @Test
  void sparkObjectiveOnSparseDataEqualsTheDenseOne() {
    LabeledData sparse = text(50, 20, 0.25, 5);
    LabeledData dense = sparse.densified();
    for (boolean standardization : new boolean[] {true, false}) {
      LinearModelObjective o = LinearModelObjective.logisticRegression(true, standardization);
      assertArrayEquals(o.multipliers(dense), o.multipliers(sparse), 1e-14);
      RegularizedRisk fs = o.create(sparse, 1);
      RegularizedRisk fd = o.create(dense, 1);
      assertTrue(fs.dataTerm().data().isSparse());
      double[] x = random(21, 6);
      double[] theta = {0.03};
      double[] e = new double[21];
      double[] g = new double[21];
      fd.gradient(x, theta, e);
      fs.gradient(x, theta, g);
      assertClose(e, g, "objective gradient");
      assertEquals(fd.value(x, theta), fs.value(x, theta), 1e-14);
    }
  }

  @Test
  void denseOnlyCodeIsToldTheDataAreSparse() {
    LabeledData sparse = text(10, 8, 0.3, 1);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, sparse::a);
    assertTrue(e.getMessage().contains("sparse features (10x8"), e.getMessage());
    IllegalArgumentException softmax = assertThrows(IllegalArgumentException.class,
        () -> new SoftmaxLoss(sparse, 2, 0.1));
    assertTrue(softmax.getMessage().contains("softmax loss: sparse features are not supported"),
        softmax.getMessage());
  }
}
