package dev.iterdiff.spark.metalearn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iterdiff.bilevel.FoldResult;
import dev.iterdiff.bilevel.InnerTask;
import dev.iterdiff.data.LibsvmReader;
import dev.iterdiff.data.TaskSampler;
import dev.iterdiff.diff.DiagnosticsOptions;
import dev.iterdiff.diff.EstimatorOptions;
import dev.iterdiff.problem.LabeledData;
import dev.iterdiff.spec.EstimatorSpec;
import dev.iterdiff.spec.SolverSpec;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Meta-learning tasks on sklearn's digits (1797 × 64): sampling, hypergradients, bad input. */
class MetaTasksTest {

  static LabeledData digits() throws Exception {
    return LibsvmReader.read(Path.of("data-samples/digits.libsvm"));
  }

  static MetaTasks tasks(LabeledData d, String estimator, int count) {
    return tasks(d, estimator, count, MetaPrior.MEAN, false);
  }

  static MetaTasks tasks(LabeledData d, String estimator, int count, MetaPrior prior,
      boolean fresh) {
    TaskSampler.MetaSplit split = TaskSampler.split(d, 7, 3L);
    EstimatorOptions o = EstimatorOptions.defaults().withLinearSolver("cg", 1e-12)
        .withTruncation(estimator.equals("truncated") ? 2 : 0)
        .withDiagnostics(DiagnosticsOptions.none());
    return new MetaTasks(d, split.metaTrain(), new MetaTasks.TaskShape(3, 5, 4), 0.5, 11L,
        count, new SolverSpec("newton", "", 100, Double.NaN),
        new EstimatorSpec(List.of(estimator), o), prior, fresh);
  }

  /**
   * GIVEN fresh meta-batches WHEN tasks of several steps are drawn THEN each is a function of
   * (seed, step, k) — two builds agree — the batches of different steps differ, and every class
   * is a meta-train class.
   */
  @Test
  void freshMetaBatchesAreAFunctionOfSeedAndStep() throws Exception {
    LabeledData d = digits();
    MetaTasks a = tasks(d, "implicit", 4, MetaPrior.CLASS_MEANS, true);
    MetaTasks b = tasks(d, "implicit", 4, MetaPrior.CLASS_MEANS, true);
    TaskSampler.MetaSplit split = TaskSampler.split(d, 7, 3L);
    for (int step = 0; step < 3; step++) {
      for (int k = 0; k < 4; k++) {
        TaskSampler.Task s = a.sample(step, k);
        assertArrayEquals(s.supportRows(), b.sample(step, k).supportRows());
        assertArrayEquals(s.classes(), b.sample(step, k).classes());
        for (int c : s.classes()) {
          assertTrue(Arrays.stream(split.metaTrain()).anyMatch(x -> x == c), "class " + c);
        }
      }
    }
    assertTrue(!Arrays.equals(a.sample(0, 0).supportRows(), a.sample(1, 0).supportRows()));
    MetaTasks fixed = tasks(d, "implicit", 4, MetaPrior.CLASS_MEANS, false);
    assertArrayEquals(fixed.sample(0, 2).supportRows(), fixed.sample(5, 2).supportRows());
  }

  /**
   * GIVEN the class-means prior (θ = m, P_k = m ⊙ (μ_k − μ̄)) WHEN a task's implicit
   * meta-gradient in m is taken THEN its products with random directions match central
   * differences of the query loss at the re-solved inner problem (Newton to 1e-12, h = 1e-4):
   * relative error ≤ 1e-6; likewise for the one-parameter scale and for the per-pixel
   * precision (θ = the penalty weights, x₀ = 0).
   */
  @Test
  void classMeansPriorMetaGradientMatchesCentralDifferences() throws Exception {
    LabeledData d = digits();
    for (MetaPrior prior : List.of(MetaPrior.CLASS_MEANS, MetaPrior.CLASS_MEANS_SCALE,
        MetaPrior.PRECISION)) {
      MetaTasks tasks = tasks(d, "implicit", 2, prior, true);
      SplittableRandom rng = new SplittableRandom(9);
      double[] theta = new double[tasks.thetaDim()];
      for (int j = 0; j < theta.length; j++) { // the precision must stay > 0 under ±h
        theta[j] = (prior == MetaPrior.PRECISION ? 0.2 : 0.0) + 0.05 * rng.nextDouble();
      }
      for (int k = 0; k < tasks.count(); k++) {
        InnerTask task = tasks.task(1, k);
        FoldResult r = task.evaluate(theta, null, 1e-12);
        assertTrue(r.converged());
        for (int trial = 0; trial < 3; trial++) {
          double[] v = new double[theta.length];
          for (int j = 0; j < v.length; j++) {
            v[j] = rng.nextDouble() - 0.5;
          }
          double h = 1e-4;
          double plus = task.evaluate(axpy(theta, h, v), null, 1e-12).value();
          double minus = task.evaluate(axpy(theta, -h, v), null, 1e-12).value();
          double fd = (plus - minus) / (2 * h);
          double an = dot(r.gradient(), v);
          assertEquals(fd, an, 1e-6 * Math.max(1e-3, Math.abs(fd)),
              prior + " task " + k + " direction " + trial);
        }
      }
    }
  }

  /**
   * GIVEN a prior column w shared by every class slot WHEN a task is adapted from [w … w]
   * THEN the adapted weights are those from 0 plus [w … w] (softmax ignores a shift common to
   * all columns), so the query predictions are those of θ = 0: why a slot-shared prior mean
   * cannot help and the class-means prior is used instead.
   */
  @Test
  void aPriorSharedAcrossClassSlotsAdaptsLikeZero() throws Exception {
    MetaTasks tasks = tasks(digits(), "implicit", 1);
    SplittableRandom rng = new SplittableRandom(2);
    int p = tasks.stateDim(0) / 3;
    double[] w = new double[p];
    for (int j = 0; j < p; j++) {
      w[j] = rng.nextDouble() - 0.5;
    }
    double[] shared = new double[3 * p];
    for (int k = 0; k < 3; k++) {
      System.arraycopy(w, 0, shared, k * p, p);
    }
    InnerTask task = tasks.task(0);
    FoldResult zero = task.evaluate(new double[3 * p], null, 1e-12);
    FoldResult from = task.evaluate(shared, null, 1e-12);
    for (int i = 0; i < shared.length; i++) {
      assertEquals(zero.x()[i] + shared[i], from.x()[i], 1e-8, "entry " + i);
    }
    assertEquals(zero.misclassification(), from.misclassification(), 0.0);
    assertEquals(zero.value(), from.value(), 1e-9);
  }

  @Test
  void tasksAreAFunctionOfTheSeedAndStayInTheMetaTrainClasses() throws Exception {
    LabeledData d = digits();
    MetaTasks a = tasks(d, "implicit", 6);
    MetaTasks b = tasks(d, "implicit", 6);
    TaskSampler.MetaSplit split = TaskSampler.split(d, 7, 3L);
    for (int k = 0; k < 6; k++) {
      TaskSampler.Task s = a.sample(k);
      TaskSampler.Task t = b.sample(k);
      assertArrayEquals(s.supportRows(), t.supportRows());
      assertArrayEquals(s.queryRows(), t.queryRows());
      for (int c : s.classes()) {
        assertTrue(Arrays.stream(split.metaTrain()).anyMatch(x -> x == c), "class " + c);
        assertTrue(Arrays.stream(split.metaTest()).noneMatch(x -> x == c), "class " + c);
      }
      for (int r : s.supportRows()) {
        assertTrue(Arrays.stream(s.queryRows()).noneMatch(q -> q == r), "row " + r);
      }
    }
    assertTrue(!Arrays.equals(a.sample(0).supportRows(), a.sample(1).supportRows()));
  }

  /**
   * GIVEN a task at a random θ WHEN its implicit hypergradient is taken THEN its product with
   * random directions v matches the central difference (g(θ+hv) − g(θ−hv))/2h of the query loss
   * at the re-solved inner problem (Newton to ‖∇f‖ ≤ 1e-12; h = 1e-4, error O(h²) ≈ 1e-8):
   * relative error ≤ 1e-6.
   */
  @Test
  void implicitHypergradientMatchesCentralDifferencesOfTheQueryLoss() throws Exception {
    MetaTasks tasks = tasks(digits(), "implicit", 3);
    SplittableRandom rng = new SplittableRandom(5);
    double[] theta = new double[tasks.thetaDim()];
    for (int j = 0; j < theta.length; j++) {
      theta[j] = 0.3 * (rng.nextDouble() - 0.5);
    }
    for (int k = 0; k < tasks.count(); k++) {
      InnerTask task = tasks.task(k);
      double[] zero = new double[task.dim()];
      FoldResult r = task.evaluate(theta, zero, 1e-12);
      assertTrue(r.converged());
      for (int trial = 0; trial < 3; trial++) {
        double[] v = new double[theta.length];
        for (int j = 0; j < v.length; j++) {
          v[j] = rng.nextDouble() - 0.5;
        }
        double h = 1e-4;
        double plus = task.evaluate(axpy(theta, h, v), zero, 1e-12).value();
        double minus = task.evaluate(axpy(theta, -h, v), zero, 1e-12).value();
        double fd = (plus - minus) / (2 * h);
        double an = dot(r.gradient(), v);
        assertEquals(fd, an, 1e-6 * Math.max(1e-3, Math.abs(fd)),
            "task " + k + " direction " + trial);
      }
    }
  }

  @Test
  void oneStepAndTruncatedAreSelectableAndDifferFromImplicit() throws Exception {
    LabeledData d = digits();
    double[] theta = new double[tasks(d, "implicit", 1).thetaDim()];
    double[] imp = tasks(d, "implicit", 1).task(0).evaluate(theta, theta, 1e-10).gradient();
    for (String e : List.of("one-step", "truncated")) {
      double[] g = tasks(d, e, 1).task(0).evaluate(theta, theta, 1e-10).gradient();
      assertTrue(Arrays.stream(g).allMatch(Double::isFinite), e);
      assertTrue(!Arrays.equals(g, imp), e);
    }
  }

  @Test
  void badInputIsRefusedNamingTheValue() throws Exception {
    LabeledData d = digits();
    int[] pool = TaskSampler.split(d, 7, 3L).metaTrain();
    SolverSpec s = new SolverSpec("newton", "", 100, Double.NaN);
    EstimatorSpec e = EstimatorSpec.of("implicit");
    var n = assertThrows(IllegalArgumentException.class, () -> new MetaTasks(d, pool,
        new MetaTasks.TaskShape(8, 1, 1), 1.0, 1L, 2, s, e));
    assertTrue(n.getMessage().contains("8-way tasks need 8 classes, the pool has 7"),
        n.getMessage());
    var k = assertThrows(IllegalArgumentException.class, () -> new MetaTasks(d, pool,
        new MetaTasks.TaskShape(5, 150, 50), 1.0, 1L, 2, s, e));
    assertTrue(k.getMessage().contains("fewer than 150 shots + 50 queries = 200"),
        k.getMessage());
    for (double bad : new double[] {0.0, -1.0}) {
      var l = assertThrows(IllegalArgumentException.class, () -> new MetaTasks(d, pool,
          new MetaTasks.TaskShape(5, 1, 1), bad, 1L, 2, s, e));
      assertEquals("lambda is " + bad + " (the prior's weight must be finite and > 0)",
          l.getMessage());
    }
  }

  static double[] axpy(double[] x, double a, double[] v) {
    double[] out = x.clone();
    for (int j = 0; j < out.length; j++) {
      out[j] += a * v[j];
    }
    return out;
  }

  static double dot(double[] a, double[] b) {
    double s = 0;
    for (int j = 0; j < a.length; j++) {
      s += a[j] * b[j];
    }
    return s;
  }
}
