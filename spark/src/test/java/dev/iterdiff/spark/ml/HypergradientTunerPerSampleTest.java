package dev.iterdiff.spark.ml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iterdiff.bilevel.HyperparameterKind;
import dev.iterdiff.bilevel.KFold;
import dev.iterdiff.bilevel.LinearModelFoldTasks;
import dev.iterdiff.problem.LabeledData;
import dev.iterdiff.problem.LinearModelObjective;
import dev.iterdiff.spark.SharedSparkSession;
import dev.iterdiff.spec.EstimatorSpec;
import dev.iterdiff.spec.SolverSpec;
import java.util.List;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.classification.LogisticRegressionModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/**
 * hyperparameters = perSample: one weight per row tuned at the learner's fixed regParam,
 * starting from its weightCol. On breast cancer with 40 labels flipped, tuning lowers the mean
 * validation loss below the start and gives the flipped rows smaller weights than the others;
 * the refit model is iterdiff's weighted solution on all rows.
 */
class HypergradientTunerPerSampleTest {

  // GIVEN 40 flipped labels WHEN per-sample weights are tuned THEN the flipped rows weigh less
  @Test
  void perSampleTuningDownWeightsFlippedLabels() {
    LabeledData clean = MlTestData.read("breast-cancer");
    double[] b = clean.labels().clone();
    boolean[] flipped = new boolean[b.length];
    for (int i = 3; i < b.length && i < 3 + 14 * 40; i += 14) {
      b[i] = 1 - b[i];
      flipped[i] = true;
    }
    LabeledData d = new LabeledData(clean.a(), clean.rows(), clean.cols(), b, "flipped");
    double[] start = new double[d.rows()];
    java.util.Arrays.fill(start, 1.0);
    Dataset<Row> df = MlTestData.frame(SharedSparkSession.get(), d, null, start);
    LogisticRegression lr = new LogisticRegression().setRegParam(0.01).setWeightCol("weight");
    HypergradientTunerModel m = new HypergradientTuner().setLearner(lr)
        .setHyperparameters("perSample").setNumFolds(3).setMaxIter(15).fit(df);
    double[] w = m.tunedHyperparameters();
    assertEquals(d.rows(), w.length);
    assertEquals(0.01, m.tunedRegParam(), 0.0);
    double flippedMean = 0;
    double cleanMean = 0;
    int nf = 0;
    for (int i = 0; i < w.length; i++) {
      if (flipped[i]) {
        flippedMean += w[i];
        nf++;
      } else {
        cleanMean += w[i];
      }
    }
    flippedMean /= nf;
    cleanMean /= w.length - nf;
    assertTrue(flippedMean < 0.9 * cleanMean, "flipped rows " + flippedMean + " vs clean "
        + cleanMean);
    List<Row> traj = m.trajectory().orderBy("iteration").collectAsList();
    double first = traj.get(0).getDouble(2);
    assertTrue(m.bestMetric() < first, "validation loss " + m.bestMetric() + " < start "
        + first);
    LinearModelFoldTasks tasks = new LinearModelFoldTasks(d, KFold.split(d.rows(), 3, 42L),
        LinearModelObjective.logisticRegression(true, true), HyperparameterKind.PER_SAMPLE,
        new SolverSpec("newton", null, 200, Double.NaN), EstimatorSpec.of("implicit"), null,
        0.01);
    double[] x = tasks.fit(w, 1e-12);
    LogisticRegressionModel best = (LogisticRegressionModel) m.bestModel();
    for (int j = 0; j < d.cols(); j++) {
      assertEquals(x[j], best.coefficients().apply(j), 1e-10 * (1 + Math.abs(x[j])));
    }
    assertEquals(x[d.cols()], best.intercept(), 1e-10 * (1 + Math.abs(x[d.cols()])));
  }

  // GIVEN regParam 0 or a zero start weight WHEN perSample THEN the param / column is named
  @Test
  void perSampleRefusesRegParamZeroAndZeroStartWeights() {
    LabeledData d = MlTestData.read("breast-cancer");
    double[] w = MlTestData.weights(d.rows());
    Dataset<Row> df = MlTestData.frame(SharedSparkSession.get(), d, null, w);
    IllegalArgumentException reg = assertThrows(IllegalArgumentException.class,
        () -> new HypergradientTuner().setLearner(new LogisticRegression())
            .setHyperparameters("perSample").fit(df));
    assertTrue(reg.getMessage().startsWith("learner param regParam = 0.0"), reg.getMessage());
    IllegalArgumentException zero = assertThrows(IllegalArgumentException.class,
        () -> new HypergradientTuner().setLearner(new LogisticRegression().setRegParam(0.1)
            .setWeightCol("weight")).setHyperparameters("perSample").fit(df));
    assertTrue(zero.getMessage().startsWith("weight column 'weight': row 5 is 0.0"),
        zero.getMessage());
  }
}
