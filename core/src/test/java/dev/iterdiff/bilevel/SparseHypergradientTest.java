package dev.iterdiff.bilevel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iterdiff.data.SparseTextData;
import dev.iterdiff.problem.LabeledData;
import dev.iterdiff.problem.LinearModelObjective;
import dev.iterdiff.spec.EstimatorSpec;
import dev.iterdiff.spec.SolverSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The cross-validated hypergradient of Spark ML's logistic objective on sparse, text-like data
 * (implicit differentiation): against central finite differences of the validation loss, and
 * against the dense path on the same numbers; at p = 10⁵ and 0.1 % density it runs with
 * Newton-CG and CG on Hessian-vector products (a p×p array would be 80 GB: the test would run
 * out of memory) and still matches finite differences.
 */
class SparseHypergradientTest {

  static LinearModelFoldTasks tasks(LabeledData data, int folds, HyperparameterKind kind,
      boolean standardization) {
    return new LinearModelFoldTasks(data, KFold.split(data.rows(), folds, 7L),
        LinearModelObjective.logisticRegression(true, standardization), kind,
        new SolverSpec("newton", null, 200, Double.NaN), EstimatorSpec.of("implicit"));
  }

  static double[] centralDifferences(LabeledData data, int folds, HyperparameterKind kind,
      boolean standardization, double[] theta, double h) {
    double[] fd = new double[theta.length];
    for (int j = 0; j < theta.length; j++) {
      double[] tp = theta.clone();
      double[] tm = theta.clone();
      double step = h * theta[j];
      tp[j] += step;
      tm[j] -= step;
      double gp = new LocalEvaluator(tasks(data, folds, kind, standardization))
          .evaluate(tp, 1e-12).value();
      double gm = new LocalEvaluator(tasks(data, folds, kind, standardization))
          .evaluate(tm, 1e-12).value();
      fd[j] = (gp - gm) / (2 * step);
    }
    return fd;
  }

  static double maxAbs(double[] v) {
    double m = 0;
    for (double x : v) {
      m = Math.max(m, Math.abs(x));
    }
    return m;
  }

  @Test
  void foldTasksRunTheEstimatorWithoutContractionDiagnostics() {
    // GIVEN an implicit estimator with the default (full) diagnostics and a 1e-10 linear solve
    LabeledData data = SparseTextData.generate(40, 30, 0.2, 3);
    EstimatorSpec spec = new EstimatorSpec(List.of("implicit"),
        dev.iterdiff.diff.EstimatorOptions.defaults().withLinearSolver("cg", 1e-10));
    assertTrue(spec.options().diagnostics().contraction());
    // WHEN the fold tasks are built on it
    LinearModelFoldTasks t = new LinearModelFoldTasks(data, KFold.split(data.rows(), 3, 7L),
        LinearModelObjective.logisticRegression(true, false), HyperparameterKind.SINGLE,
        new SolverSpec("newton", null, 200, Double.NaN), spec);
    // THEN the folds run it without the contraction estimate, the rest of its options kept
    assertFalse(t.estimator().options().diagnostics().contraction());
    assertEquals(spec.names(), t.estimator().names());
    assertEquals("cg", t.estimator().options().linearSolver());
    assertEquals(1e-10, t.estimator().options().linearTolerance());
  }

  @Test
  void smallSparseInstanceMatchesFiniteDifferencesAndTheDensePath() {
    LabeledData sparse = SparseTextData.generate(150, 40, 0.1, 3);
    LabeledData dense = sparse.densified();
    for (HyperparameterKind kind : List.of(HyperparameterKind.SINGLE,
        HyperparameterKind.PER_FEATURE)) {
      double[] theta = new double[kind == HyperparameterKind.SINGLE ? 1 : 40];
      for (int j = 0; j < theta.length; j++) {
        theta[j] = 0.02 * (1 + 0.1 * j);
      }
      OuterEvaluation s = new LocalEvaluator(tasks(sparse, 3, kind, true))
          .evaluate(theta, 1e-12);
      OuterEvaluation d = new LocalEvaluator(tasks(dense, 3, kind, true))
          .evaluate(theta, 1e-12);
      double scale = maxAbs(d.gradient());
      assertTrue(scale > 0, kind + ": a zero hypergradient proves nothing");
      assertEquals(d.value(), s.value(), 1e-13, kind + " value, sparse vs dense");
      for (int j = 0; j < theta.length; j++) {
        assertEquals(d.gradient()[j], s.gradient()[j], 1e-10 * scale,
            kind + " hypergradient " + j + ", sparse vs dense");
      }
      double[] fd = centralDifferences(sparse, 3, kind, true, theta, 1e-4);
      for (int j = 0; j < theta.length; j++) {
        assertEquals(fd[j], s.gradient()[j], 1e-6 * scale,
            kind + " hypergradient " + j + " vs central differences");
      }
    }
  }

  @Test
  void hundredThousandSparseFeaturesMatchFiniteDifferences() {
    LabeledData data = SparseTextData.generate(1000, 100_000, 0.001, 11);
    assertEquals(100_000, data.sparse().nnz());
    double[] theta = {0.01};
    LinearModelFoldTasks t = tasks(data, 2, HyperparameterKind.SINGLE, false);
    OuterEvaluation e = new LocalEvaluator(t).evaluate(theta, 1e-10);
    assertTrue(Math.abs(e.gradient()[0]) > 0, "zero hypergradient");
    double[] fd = centralDifferences(data, 2, HyperparameterKind.SINGLE, false, theta, 1e-3);
    assertEquals(fd[0], e.gradient()[0], 1e-5 * Math.abs(fd[0]),
        "p = 1e5 hypergradient vs central differences");
  }
}
