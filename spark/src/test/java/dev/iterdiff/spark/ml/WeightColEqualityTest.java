package dev.iterdiff.spark.ml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iterdiff.bilevel.HyperparameterKind;
import dev.iterdiff.bilevel.KFold;
import dev.iterdiff.bilevel.LinearModelFoldTasks;
import dev.iterdiff.problem.LabeledData;
import dev.iterdiff.problem.LinearModelObjective;
import dev.iterdiff.spark.SharedSparkSession;
import dev.iterdiff.spec.EstimatorSpec;
import dev.iterdiff.spec.SolverSpec;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.classification.LogisticRegressionModel;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.regression.LinearRegression;
import org.apache.spark.ml.regression.LinearRegressionModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * weightCol as in Spark ML (fixed instance weights in the objective): iterdiff's weighted inner
 * solution at a fixed regParam equals Spark ML's weighted fit coefficient by coefficient
 * (weighted data term 1/Σw·Σwᵢℓᵢ, weighted feature and label standard deviations), and the
 * tuner's validation metric is the weighted mean K-fold validation loss of Spark's own fold fits.
 */
class WeightColEqualityTest {

  private static double[] iterdiff(LabeledData d, LinearModelObjective o, double reg,
      double[] w) {
    LinearModelFoldTasks tasks = new LinearModelFoldTasks(d, KFold.split(d.rows(), 2, 1), o,
        HyperparameterKind.SINGLE, new SolverSpec("newton", null, 200, Double.NaN),
        EstimatorSpec.of("implicit"), w);
    return tasks.fit(new double[] {reg}, 1e-13);
  }

  private static void assertSame(double[] ours, double[] coef, double intercept, double tol,
      String what) {
    for (int j = 0; j < coef.length; j++) {
      assertEquals(coef[j], ours[j], tol * (1 + Math.abs(coef[j])), what + ": coefficient " + j);
    }
    double b0 = ours.length > coef.length ? ours[coef.length] : 0.0;
    assertEquals(intercept, b0, tol * (1 + Math.abs(intercept)), what + ": intercept");
  }

  // GIVEN breast cancer with instance weights WHEN both fit at regParam THEN the same coefficients
  @ParameterizedTest
  @CsvSource({"true, true", "true, false", "false, true", "false, false"})
  void weightedLogisticRegressionMatchesSpark(boolean intercept, boolean standardization) {
    LabeledData d = MlTestData.read("breast-cancer");
    double[] w = MlTestData.weights(d.rows());
    Dataset<Row> df = MlTestData.frame(SharedSparkSession.get(), d, null, w);
    double reg = 0.02;
    LogisticRegressionModel m = new LogisticRegression().setRegParam(reg).setWeightCol("weight")
        .setFitIntercept(intercept).setStandardization(standardization).setTol(1e-12)
        .setMaxIter(1000).fit(df);
    double[] ours = iterdiff(d, LinearModelObjective.logisticRegression(intercept,
        standardization), reg, w);
    assertSame(ours, m.coefficients().toArray(), m.intercept(), 1e-5, // Spark L-BFGS stop
        "weighted logistic intercept=" + intercept + " standardization=" + standardization);
    double[] unweighted = iterdiff(d, LinearModelObjective.logisticRegression(intercept,
        standardization), reg, null);
    assertTrue(Math.abs(unweighted[0] - ours[0]) > 1e-3 * (1 + Math.abs(ours[0])),
        "the weights change the fit: " + unweighted[0] + " vs " + ours[0]);
  }

  // GIVEN diabetes with instance weights WHEN both fit THEN the same coefficients
  @ParameterizedTest
  @CsvSource({"true, true, normal", "true, false, normal", "false, true, normal",
      "false, false, normal", "true, true, l-bfgs", "false, false, l-bfgs"})
  void weightedLinearRegressionMatchesSpark(boolean intercept, boolean standardization,
      String solver) {
    LabeledData d = MlTestData.read("diabetes");
    double[] w = MlTestData.weights(d.rows());
    Dataset<Row> df = MlTestData.frame(SharedSparkSession.get(), d, null, w);
    double reg = 0.5;
    LinearRegressionModel m = new LinearRegression().setRegParam(reg).setSolver(solver)
        .setWeightCol("weight").setFitIntercept(intercept).setStandardization(standardization)
        .setTol(1e-12).setMaxIter(1000).fit(df);
    double[] ours = iterdiff(d, LinearModelObjective.linearRegression(intercept,
        standardization, solver.equals("l-bfgs")), reg, w);
    assertSame(ours, m.coefficients().toArray(), m.intercept(),
        solver.equals("normal") ? 1e-9 : 1e-6, "weighted linear " + solver + " intercept="
            + intercept + " standardization=" + standardization);
  }

  /** Σwᵢ·logloss(yᵢ, model) / Σwᵢ over the rows of {@code df}, from the model's probabilities. */
  private static double weightedLogLoss(LogisticRegressionModel m, Dataset<Row> df) {
    double num = 0;
    double den = 0;
    for (Row r : m.transform(df).select("label", "probability", "weight").collectAsList()) {
      double p1 = ((Vector) r.get(1)).apply(1);
      double y = r.getDouble(0);
      double wi = r.getDouble(2);
      num += wi * -Math.log(y > 0 ? p1 : 1 - p1);
      den += wi;
    }
    return num / den;
  }

  // GIVEN a weightCol and fixed folds WHEN the tuner fits THEN its best model is (to Spark's
  // L-BFGS stop) Spark's weighted fit at the tuned regParam and its metric the weighted mean validation loss of Spark's folds
  @Test
  void tunerWithWeightColUsesTheWeightsInFitsAndValidation() {
    LabeledData d = MlTestData.read("breast-cancer");
    int[] folds = new int[d.rows()];
    for (int i = 0; i < folds.length; i++) {
      folds[i] = i % 3;
    }
    double[] w = MlTestData.weights(d.rows());
    Dataset<Row> df = MlTestData.frame(SharedSparkSession.get(), d, folds, w);
    LogisticRegression lr = new LogisticRegression().setWeightCol("weight").setTol(1e-12)
        .setMaxIter(1000).setRegParam(0.05);
    HypergradientTunerModel model = new HypergradientTuner().setLearner(lr).setFoldCol("fold")
        .setNumFolds(3).setMaxIter(8).fit(df);
    double reg = model.tunedRegParam();
    LogisticRegressionModel best = (LogisticRegressionModel) model.bestModel();
    assertEquals("weight", best.getWeightCol());
    assertEquals(reg, best.getRegParam(), 0.0, "the refit model carries the tuned regParam");
    LogisticRegressionModel direct = lr.copy(new org.apache.spark.ml.param.ParamMap()
        .put(lr.regParam(), reg)).fit(df);
    double[] ours = java.util.Arrays.copyOf(best.coefficients().toArray(),
        best.numFeatures() + 1);
    ours[best.numFeatures()] = best.intercept();
    // refit = iterdiff (default): Newton on the weighted objective vs Spark's L-BFGS at tol 1e-12
    assertSame(ours, direct.coefficients().toArray(), direct.intercept(), 1e-5,
        "refit on all rows with the weights");
    double mean = 0;
    for (int k = 0; k < 3; k++) {
      Dataset<Row> train = df.filter(functions.col("fold").notEqual(k));
      Dataset<Row> val = df.filter(functions.col("fold").equalTo(k));
      LogisticRegressionModel mk = lr.copy(new org.apache.spark.ml.param.ParamMap()
          .put(lr.regParam(), reg)).fit(train);
      mean += weightedLogLoss(mk, val) / 3;
    }
    assertEquals(mean, model.bestMetric(), 1e-6 * mean, "weighted mean validation log loss");
  }
}
