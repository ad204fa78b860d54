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

  // GIVEN the logistic loss's curvatures kept from the last Hessian-vector product WHEN x, then
  // the weights, are changed in place (same arrays) or dropped THEN every product is the freshly
  // formed Hessian times v (sparse and dense designs)
  @Test
  void logisticHvpFollowsPointAndWeightsChangedInPlace() {
    LabeledData sparse = text(60, 25, 0.2, 3);
    for (LabeledData data : new LabeledData[] {sparse, sparse.densified()}) {
      LogisticLoss loss = LogisticLoss.mean(data);
      int p = 25;
      double[] x = random(p, 1);
      double[] v = random(p, 2);
      double[] w = random(60, 4);
      for (int i = 0; i < w.length; i++) {
        w[i] = Math.abs(w[i]) + 0.1;
      }
      double[] h = new double[p * p];
      double[] expected = new double[p];
      double[] actual = new double[p];
      for (int round = 0; round < 4; round++) {
        double[] weights = round == 3 ? null : w;
        loss.hvp(x, weights, v, actual);
        loss.hessian(x, weights, h);
        Blas.gemv(false, p, p, 1.0, h, v, 0.0, expected);
        assertClose(expected, actual, (data.isSparse() ? "sparse" : "dense") + " round " + round);
        loss.hvp(x, weights, random(p, 5), actual); // same point, another v: cached
        loss.hessian(x, weights, h);
        double[] v5 = random(p, 5);
        Blas.gemv(false, p, p, 1.0, h, v5, 0.0, expected);
        assertClose(expected, actual, "cached curvature, round " + round);
        if (round == 0) {
          for (int j = 0; j < p; j++) {
            x[j] *= -1.5; // the point moves, same array
          }
        } else if (round == 1) {
          w[7] = 9.0; // one weight changes, same array
        }
      }
    }
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

  // GIVEN instance weights WHEN the weighted objective is built from sparse and dense rows THEN
  // the same weighted σⱼ, multipliers, values and gradients; and a weight of 2 on a row is the
  // row counted twice under population standard deviations (LinearRegression's normal solver)
  @Test
  void weightedSparkObjectiveOnSparseDataEqualsTheDenseOneAndDuplicatesRows() {
    LabeledData sparse = text(50, 20, 0.25, 5);
    LabeledData dense = sparse.densified();
    double[] w = new double[50];
    for (int i = 0; i < w.length; i++) {
      w[i] = i % 7 == 3 ? 0.0 : 0.5 + (i % 4);
    }
    for (LinearModelObjective o : new LinearModelObjective[] {
        LinearModelObjective.logisticRegression(true, true),
        LinearModelObjective.linearRegression(true, true, false)}) {
      assertArrayEquals(o.featureStds(dense, w), o.featureStds(sparse, w), 1e-13);
      assertArrayEquals(o.multipliers(dense, w), o.multipliers(sparse, w), 1e-13);
      RegularizedRisk fs = o.create(sparse, 1, w);
      RegularizedRisk fd = o.create(dense, 1, w);
      double[] x = random(21, 6);
      double[] theta = {0.03};
      double[] e = new double[21];
      double[] g = new double[21];
      fd.gradient(x, theta, e);
      fs.gradient(x, theta, g);
      assertClose(e, g, "weighted objective gradient");
      assertEquals(fd.value(x, theta), fs.value(x, theta), 1e-13);
    }
    // integer weights 1 or 2 against the rows repeated (population std: exact equivalence)
    int[] counts = new int[50];
    int total = 0;
    for (int i = 0; i < 50; i++) {
      counts[i] = 1 + i % 2;
      total += counts[i];
    }
    int[] repeated = new int[total];
    double[] wc = new double[50];
    for (int i = 0, k = 0; i < 50; i++) {
      wc[i] = counts[i];
      for (int c = 0; c < counts[i]; c++) {
        repeated[k++] = i;
      }
    }
    LabeledData twice = dev.iterdiff.bilevel.KFold.subset(dense, repeated, "repeated");
    LinearModelObjective normal = LinearModelObjective.linearRegression(true, true, false);
    assertArrayEquals(normal.multipliers(twice), normal.multipliers(dense, wc), 1e-12);
    double[] x = random(21, 8);
    double[] theta = {0.7};
    double[] e = new double[21];
    double[] g = new double[21];
    normal.create(twice, 1).gradient(x, theta, e);
    normal.create(dense, 1, wc).gradient(x, theta, g);
    assertClose(e, g, "weights 2 = rows repeated");
    IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
        () -> normal.create(dense, 1, new double[50]));
    assertTrue(bad.getMessage().contains("the weights sum to 0.0"), bad.getMessage());
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
