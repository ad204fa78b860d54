package dev.iterdiff.spark.metalearn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iterdiff.bilevel.FoldResult;
import dev.iterdiff.bilevel.InnerTask;
import dev.iterdiff.bilevel.OuterEvaluation;
import dev.iterdiff.data.TaskSampler;
import dev.iterdiff.diff.DiagnosticsOptions;
import dev.iterdiff.diff.EstimatorOptions;
import dev.iterdiff.problem.LabeledData;
import dev.iterdiff.spark.SharedSparkSession;
import dev.iterdiff.spec.EstimatorSpec;
import dev.iterdiff.spec.SolverSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The learned linear feature map (θ = W, d×p) on sklearn's digits (1797 × 64): the per-task
 * meta-gradient (direct + implicit term) against central differences of the outer objective,
 * the estimators, the Spark reduction, the meta-test rules and the PCA start.
 */
class FeatureMapMetaTest {

  static final int D = 6;

  static MetaTasks tasks(LabeledData d, String estimator, int count, String solver,
      int iterations, int truncation) {
    return tasks(d, estimator, count, solver, iterations, truncation, false);
  }

  static MetaTasks tasks(LabeledData d, String estimator, int count, String solver,
      int iterations, int truncation, boolean temperature) {
    TaskSampler.MetaSplit split = TaskSampler.split(d, 7, 3L);
    EstimatorOptions o = EstimatorOptions.defaults().withLinearSolver("cg", 1e-12)
        .withTruncation(truncation).withDiagnostics(DiagnosticsOptions.none());
    return new MetaTasks(d, split.metaTrain(), new MetaTasks.TaskShape(3, 5, 4), 0.5, 11L,
        count, new SolverSpec(solver, "", iterations, Double.NaN),
        new EstimatorSpec(List.of(estimator), o), MetaPrior.FEATURE_MAP, true, D, temperature);
  }

  /** A random W with entries of the PCA scale (digits' pixels are 0..16). */
  static double[] randomMap(int p, long seed) {
    return FeatureMapInit.random(p, D, seed);
  }

  /**
   * GIVEN tasks with θ = W (d = 6, p = 64) at a random W WHEN a task's implicit meta-gradient is
   * taken THEN its products with random directions match the central difference of the query
   * loss at the re-solved inner problem (Nesterov to ‖∇f‖ ≤ 1e-12, h = 1e-4): relative error
   * ≤ 1e-6; AND the direct term alone (query features only) misses by more than 1e-3 relative,
   * so the check sees the implicit term. The same with a learned temperature θ = (W, log τ)
   * at τ = 1.5, where the log τ coordinate is also checked alone.
   */
  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void featureMapMetaGradientMatchesCentralDifferences(boolean temperature) throws Exception {
    LabeledData d = MetaTasksTest.digits();
    MetaTasks tasks = tasks(d, "implicit", 2, "nesterov", 20000, 0, temperature);
    assertEquals(D * 64 + (temperature ? 1 : 0), tasks.thetaDim());
    assertEquals(D * 3, tasks.stateDim(0));
    double[] w = randomMap(64, 4);
    if (temperature) {
      w = java.util.Arrays.copyOf(w, w.length + 1);
      w[w.length - 1] = Math.log(1.5);
    }
    SplittableRandom rng = new SplittableRandom(9);
    double worstDirect = 0;
    for (int k = 0; k < tasks.count(); k++) {
      InnerTask task = tasks.task(2, k);
      FoldResult r = task.evaluate(w, null, 1e-12);
      assertTrue(r.converged());
      TaskSampler.Task t = tasks.sample(2, k);
      double[] direct = new double[w.length];
      tasks.queryLoss(t).gradientTheta(r.x(), w, direct);
      for (int trial = 0; trial < (temperature ? 4 : 3); trial++) {
        double[] v = new double[w.length];
        for (int j = 0; j < v.length; j++) {
          v[j] = trial == 3 ? (j == v.length - 1 ? 1 : 0) : rng.nextDouble() - 0.5;
        }
        double h = 1e-4;
        double plus = task.evaluate(MetaTasksTest.axpy(w, h, v), null, 1e-12).value();
        double minus = task.evaluate(MetaTasksTest.axpy(w, -h, v), null, 1e-12).value();
        double fd = (plus - minus) / (2 * h);
        double an = MetaTasksTest.dot(r.gradient(), v);
        assertEquals(fd, an, 1e-6 * Math.max(1e-3, Math.abs(fd)), "task " + k + " dir " + trial);
        worstDirect = trial == 3 ? worstDirect : Math.max(worstDirect, Math.abs(MetaTasksTest.dot(direct, v) - fd)
            / Math.abs(fd));
      }
    }
    assertTrue(worstDirect > 1e-3, "direct term alone is within " + worstDirect);
  }

  /**
   * GIVEN θ = s with W = diag(s)·W₀ (feature-scales, W₀ the PCA start, d = 6) WHEN a task's
   * meta-gradient is taken THEN its products with random directions match central differences
   * of the query loss (Nesterov to 1e-12, h = 1e-4, relative 1e-6), and s = 1 gives W₀.
   */
  @Test
  void featureScalesMetaGradientMatchesCentralDifferences() throws Exception {
    LabeledData d = MetaTasksTest.digits();
    TaskSampler.MetaSplit split = TaskSampler.split(d, 7, 3L);
    double[] w0 = FeatureMapInit.of("pca", MetaTasks.poolRows(d, split.metaTrain()), D, 1L);
    MetaTasks tasks = new MetaTasks(d, split.metaTrain(), new MetaTasks.TaskShape(3, 5, 4), 0.5,
        11L, 2, new SolverSpec("nesterov", "", 20000, Double.NaN), new EstimatorSpec(List.of(
        "implicit"), EstimatorOptions.defaults().withLinearSolver("cg", 1e-12)
        .withDiagnostics(DiagnosticsOptions.none())), MetaPrior.FEATURE_SCALES, true, D, false,
        w0);
    assertEquals(D, tasks.thetaDim());
    double[] ones = new double[D];
    java.util.Arrays.fill(ones, 1.0);
    assertArrayEquals(w0, tasks.featureMap(ones), 0.0);
    SplittableRandom rng = new SplittableRandom(3);
    double[] s = new double[D];
    for (int r = 0; r < D; r++) {
      s[r] = 0.05 + 0.1 * rng.nextDouble(); // digits' pixels are 0..16: keep the scores moderate
    }
    for (int k = 0; k < tasks.count(); k++) {
      InnerTask task = tasks.task(1, k);
      FoldResult r = task.evaluate(s, null, 1e-12);
      assertTrue(r.converged());
      for (int trial = 0; trial < 3; trial++) {
        double[] v = new double[D];
        for (int j = 0; j < D; j++) {
          v[j] = rng.nextDouble() - 0.5;
        }
        double h = 1e-4;
        double fd = (task.evaluate(MetaTasksTest.axpy(s, h, v), null, 1e-12).value()
            - task.evaluate(MetaTasksTest.axpy(s, -h, v), null, 1e-12).value()) / (2 * h);
        assertEquals(fd, MetaTasksTest.dot(r.gradient(), v), 1e-6 * Math.max(1e-3,
            Math.abs(fd)), "task " + k + " dir " + trial);
      }
    }
  }

  /**
   * GIVEN a task solved by 200 GD steps WHEN the meta-gradient is taken by one-step, truncated
   * (the last K = 50 steps) and implicit THEN all are finite; truncated is within 1e-3 relative
   * of implicit (the Neumann series of the converged GD map) and one-step further away.
   */
  @Test
  void oneStepAndTruncatedAreSelectable() throws Exception {
    LabeledData d = MetaTasksTest.digits();
    double[] w = randomMap(64, 5);
    double[] imp = tasks(d, "implicit", 1, "gd", 200, 0).task(0).evaluate(w, null, Double.NaN)
        .gradient();
    double[] trunc = tasks(d, "truncated", 1, "gd", 200, 50).task(0).evaluate(w, null,
        Double.NaN).gradient();
    double[] one = tasks(d, "one-step", 1, "gd", 200, 0).task(0).evaluate(w, null, Double.NaN)
        .gradient();
    double ni = Math.sqrt(MetaTasksTest.dot(imp, imp));
    double et = dist(trunc, imp) / ni;
    double eo = dist(one, imp) / ni;
    assertTrue(java.util.Arrays.stream(one).allMatch(Double::isFinite));
    assertTrue(et < 1e-3, "truncated vs implicit " + et);
    assertTrue(eo > et, "one-step " + eo + " vs truncated " + et);
  }

  private static double dist(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += (a[i] - b[i]) * (a[i] - b[i]);
    }
    return Math.sqrt(s);
  }

  /**
   * GIVEN fresh feature-map meta-batches WHEN steps 0 and 2 are evaluated by
   * {@link MetaBatchEvaluator} over 2 partitions and in process THEN value and meta-gradient
   * agree to the last bit.
   */
  @Test
  void sparkReducedFeatureMapMetaGradientEqualsInProcessBitForBit() throws Exception {
    MetaTasks tasks = tasks(MetaTasksTest.digits(), "implicit", 5, "nesterov", 2000, 0);
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(
        SharedSparkSession.get().sparkContext());
    double[] w = randomMap(64, 6);
    try (MetaBatchEvaluator ev = new MetaBatchEvaluator(jsc, tasks, 2)) {
      for (int step : new int[] {0, 2}) {
        OuterEvaluation a = tasks.evaluate(step, w, 1e-8);
        OuterEvaluation b = ev.atStep(step).evaluate(w, 1e-8);
        assertEquals(Double.doubleToLongBits(a.value()), Double.doubleToLongBits(b.value()));
        assertArrayEquals(a.gradient(), b.gradient(), 0.0);
        assertEquals(5, b.folds());
      }
    }
  }

  /**
   * GIVEN W = I (d = p) WHEN meta-test tasks are adapted THEN the feature-map head has the
   * accuracy of θ = 0 on pixels and its nearest-centroid rule that of nearest-centroid on pixels
   * (the same numbers: ℓ₂ and distances are those of the pixels), with a paired difference of
   * 0 ± 0; a PCA W differs, and its paired difference is the difference of the means.
   */
  @Test
  void identityMapAdaptsLikeZeroOnPixels() throws Exception {
    LabeledData d = MetaTasksTest.digits();
    int p = d.cols();
    TaskSampler.MetaSplit split = TaskSampler.split(d, 7, 3L);
    double[] eye = new double[p * p];
    for (int j = 0; j < p; j++) {
      eye[j + j * p] = 1;
    }
    Map<String, MetaTestEvaluation.Prior> priors = new LinkedHashMap<>();
    priors.put("zero", new MetaTestEvaluation.Prior(MetaPrior.MEAN, new double[p * 3]));
    priors.put("eye", new MetaTestEvaluation.Prior(MetaPrior.FEATURE_MAP, eye));
    priors.put("eye-centroid", new MetaTestEvaluation.Prior(MetaPrior.FEATURE_MAP, eye, true));
    priors.put("pca", new MetaTestEvaluation.Prior(MetaPrior.FEATURE_MAP, FeatureMapInit.of(
        "pca", MetaTasks.poolRows(d, split.metaTrain()), 4, 1L)));
    Map<String, MetaTestEvaluation.Accuracy> acc = MetaTestEvaluation.run(d, split.metaTest(),
        new MetaTasks.TaskShape(3, 2, 5), 0.5, priors, new SolverSpec("nesterov", "", 20000,
        Double.NaN), 1e-11, 30, 7L);
    assertEquals(acc.get("zero").mean(), acc.get("eye").mean(), 1e-12);
    assertEquals(acc.get("nearest-centroid").mean(), acc.get("eye-centroid").mean(), 1e-12);
    // paired: the same per-task accuracies, so the difference and its interval are 0
    assertEquals(0.0, acc.get("zero - eye (paired)").mean(), 1e-12);
    assertEquals(0.0, acc.get("zero - eye (paired)").halfWidth(), 1e-9);
    MetaTestEvaluation.Accuracy pca = acc.get("zero - pca (paired)");
    assertEquals(acc.get("zero").mean() - acc.get("pca").mean(), pca.mean(), 1e-12);
    assertTrue(pca.halfWidth() > 0);
    assertTrue(acc.get("pca").mean() != acc.get("zero").mean(), acc::toString);
  }

  /**
   * GIVEN the digits' meta-train pool WHEN the PCA start is built THEN its rows are orthonormal
   * (1e-10) and their variances on the pool are non-increasing.
   */
  @Test
  void pcaStartHasOrthonormalRowsInVarianceOrder() throws Exception {
    LabeledData d = MetaTasksTest.digits();
    LabeledData pool = MetaTasks.poolRows(d, TaskSampler.split(d, 7, 3L).metaTrain());
    int p = d.cols();
    double[] w = FeatureMapInit.of("pca", pool, 5, 1L);
    double[] z = dev.iterdiff.problem.SoftmaxFeatureMap.project(pool.a(), pool.rows(), p, w, 5);
    double prev = Double.POSITIVE_INFINITY;
    for (int r = 0; r < 5; r++) {
      for (int s = 0; s < 5; s++) {
        double dot = 0;
        for (int j = 0; j < p; j++) {
          dot += w[r + j * 5] * w[s + j * 5];
        }
        assertEquals(r == s ? 1.0 : 0.0, dot, 1e-10);
      }
      double mean = 0;
      double sq = 0;
      for (int i = 0; i < pool.rows(); i++) {
        mean += z[i + r * pool.rows()] / pool.rows();
      }
      for (int i = 0; i < pool.rows(); i++) {
        sq += Math.pow(z[i + r * pool.rows()] - mean, 2) / pool.rows();
      }
      assertTrue(sq <= prev * (1 + 1e-9), "variance of row " + r + " " + sq + " > " + prev);
      prev = sq;
    }
  }

  @Test
  void badInputIsRefusedNamingTheValue() throws Exception {
    LabeledData d = MetaTasksTest.digits();
    int[] pool = TaskSampler.split(d, 7, 3L).metaTrain();
    SolverSpec s = new SolverSpec("newton", "", 100, Double.NaN);
    for (int bad : new int[] {0, 65}) {
      assertEquals("features is " + bad + " (the feature map's d must be in 1..64, the pixels)",
          assertThrows(IllegalArgumentException.class, () -> new MetaTasks(d, pool,
              new MetaTasks.TaskShape(3, 1, 1), 1.0, 1L, 2, s, EstimatorSpec.of("implicit"),
              MetaPrior.FEATURE_MAP, true, bad)).getMessage());
    }
    assertEquals("unknown feature-init 'svd' (valid: pca, random)", assertThrows(
        IllegalArgumentException.class, () -> FeatureMapInit.of("svd", d, 3, 1L)).getMessage());
    assertEquals("a learned temperature needs prior feature-map, got precision", assertThrows(
        IllegalArgumentException.class, () -> new MetaTasks(d, pool,
            new MetaTasks.TaskShape(3, 1, 1), 1.0, 1L, 2, s, EstimatorSpec.of("implicit"),
            MetaPrior.PRECISION, true, 0, true)).getMessage());
    assertEquals("feature-scales: W0 has 0 entries, expected d*p = 192", assertThrows(
        IllegalArgumentException.class, () -> new MetaTasks(d, pool,
            new MetaTasks.TaskShape(3, 1, 1), 1.0, 1L, 2, s, EstimatorSpec.of("implicit"),
            MetaPrior.FEATURE_SCALES, true, 3, false, null)).getMessage());
    assertEquals("a nearest-centroid prior needs the feature map, got mean", assertThrows(
        IllegalArgumentException.class, () -> new MetaTestEvaluation.Prior(MetaPrior.MEAN,
            new double[3], true)).getMessage());
  }
}
