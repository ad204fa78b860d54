package dev.iterdiff.bilevel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iterdiff.data.SparseTextData;
import dev.iterdiff.problem.LabeledData;
import dev.iterdiff.problem.LinearModelObjective;
import dev.iterdiff.spec.EstimatorSpec;
import dev.iterdiff.spec.SolverSpec;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Per-sample weights as θ in K-fold cross validation of Spark ML's objectives (the tuner's
 * {@code perSample}): θ has one weight per row, fold k's problem the weights of its training
 * rows at a fixed regParam. The cross-validated hypergradient (implicit) against central finite
 * differences of the mean validation loss, for logistic and squared losses, dense and sparse;
 * at unit weights the value is that of SINGLE θ = regParam.
 */
class PerSampleWeightTasksTest {

  private static final SolverSpec NEWTON = new SolverSpec("newton", null, 200, Double.NaN);

  private static LinearModelFoldTasks tasks(LabeledData d, LinearModelObjective o,
      HyperparameterKind kind, double reg) {
    return new LinearModelFoldTasks(d, KFold.split(d.rows(), 3, 5L), o, kind, NEWTON,
        EstimatorSpec.of("implicit"), null, reg);
  }

  /** Labels as numbers (regression targets) for the squared loss. */
  private static LabeledData regressionTargets(LabeledData d) {
    double[] b = new double[d.rows()];
    for (int i = 0; i < b.length; i++) {
      b[i] = d.labels()[i] + 0.3 * Math.sin(i);
    }
    return new LabeledData(d.a(), d.rows(), d.cols(), b, d.source() + " (regression)");
  }

  @Test
  void perSampleHypergradientMatchesCentralDifferences() {
    LabeledData sparse = SparseTextData.generate(60, 12, 0.3, 11);
    LabeledData dense = sparse.densified();
    double reg = 0.05;
    for (Object[] c : new Object[][] {
        {"logistic sparse", sparse, LinearModelObjective.logisticRegression(true, true)},
        {"logistic dense", dense, LinearModelObjective.logisticRegression(true, false)},
        {"squared dense", regressionTargets(dense),
            LinearModelObjective.linearRegression(true, true, false)}}) {
      String what = (String) c[0];
      LabeledData d = (LabeledData) c[1];
      LinearModelObjective o = (LinearModelObjective) c[2];
      double[] theta = new double[d.rows()];
      for (int i = 0; i < theta.length; i++) {
        theta[i] = 0.5 + (i * 13 % 7) / 7.0;
      }
      OuterEvaluation e = new LocalEvaluator(tasks(d, o, HyperparameterKind.PER_SAMPLE, reg))
          .evaluate(theta, 1e-13);
      double scale = SparseHypergradientTest.maxAbs(e.gradient());
      assertTrue(scale > 0, what + ": a zero hypergradient proves nothing");
      for (int i : new int[] {0, 7, 31, 59}) {
        double h = 1e-4 * theta[i];
        double[] tp = theta.clone();
        double[] tm = theta.clone();
        tp[i] += h;
        tm[i] -= h;
        double fd = (new LocalEvaluator(tasks(d, o, HyperparameterKind.PER_SAMPLE, reg))
            .evaluate(tp, 1e-13).value() - new LocalEvaluator(tasks(d, o,
            HyperparameterKind.PER_SAMPLE, reg)).evaluate(tm, 1e-13).value()) / (2 * h);
        assertEquals(fd, e.gradient()[i], 1e-6 * scale, what + ": ∂g/∂w_" + i);
      }
      double[] ones = new double[d.rows()];
      Arrays.fill(ones, 1.0);
      double atOnes = new LocalEvaluator(tasks(d, o, HyperparameterKind.PER_SAMPLE, reg))
          .evaluate(ones, 1e-13).value();
      double single = new LocalEvaluator(tasks(d, o, HyperparameterKind.SINGLE, Double.NaN))
          .evaluate(new double[] {reg}, 1e-13).value();
      assertEquals(single, atOnes, 1e-10 * single, what + ": unit weights = regParam alone");
      assertArrayEquals(tasks(d, o, HyperparameterKind.SINGLE, Double.NaN)
          .fit(new double[] {reg}, 1e-13), tasks(d, o, HyperparameterKind.PER_SAMPLE, reg)
          .fit(ones, 1e-13), 1e-9, what + ": refit on all rows");
    }
  }

  @Test
  void perSampleNeedsARegParamAndNoFixedWeights() {
    LabeledData d = SparseTextData.generate(30, 5, 0.5, 2);
    LinearModelObjective o = LinearModelObjective.logisticRegression(true, true);
    List<Fold> folds = KFold.split(30, 3, 1L);
    IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
        () -> new LinearModelFoldTasks(d, folds, o, HyperparameterKind.PER_SAMPLE, NEWTON,
            EstimatorSpec.of("implicit")));
    assertTrue(nan.getMessage().contains("per-sample weights need a fixed regParam"),
        nan.getMessage());
    double[] w = new double[30];
    Arrays.fill(w, 1.0);
    IllegalArgumentException both = assertThrows(IllegalArgumentException.class,
        () -> new LinearModelFoldTasks(d, folds, o, HyperparameterKind.PER_SAMPLE, NEWTON,
            EstimatorSpec.of("implicit"), w, 0.1));
    assertTrue(both.getMessage().contains("per-sample weights are θ"), both.getMessage());
  }
}
