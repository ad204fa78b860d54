package dev.iterdiff.spark.ml;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
import org.apache.spark.ml.regression.LinearRegression;
import org.apache.spark.ml.regression.LinearRegressionModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * iterdiff's inner solution at a fixed regParam equals Spark ML's fit coefficient by
 * coefficient, intercept included, for every fitIntercept × standardization setting, on
 * un-standardized breast cancer (LogisticRegression) and diabetes (LinearRegression, normal
 * equations and L-BFGS).
 */
class SparkObjectiveEqualityTest {

  private static double[] iterdiff(LabeledData d, LinearModelObjective o, double reg) {
    LinearModelFoldTasks tasks = new LinearModelFoldTasks(d, KFold.split(d.rows(), 2, 1), o,
        HyperparameterKind.SINGLE, new SolverSpec("newton", null, 200, Double.NaN),
        EstimatorSpec.of("implicit"));
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

  // GIVEN breast cancer, un-standardized WHEN both fit at regParam THEN the same coefficients
  @ParameterizedTest
  @CsvSource({"true, true", "true, false", "false, true", "false, false"})
  void logisticRegressionMatchesSpark(boolean intercept, boolean standardization) {
    LabeledData d = MlTestData.read("breast-cancer");
    Dataset<Row> df = MlTestData.frame(SharedSparkSession.get(), d, null);
    double reg = 0.02;
    LogisticRegressionModel m = new LogisticRegression().setRegParam(reg)
        .setFitIntercept(intercept).setStandardization(standardization).setTol(1e-12)
        .setMaxIter(1000).fit(df);
    double[] ours = iterdiff(d, LinearModelObjective.logisticRegression(intercept,
        standardization), reg);
    assertSame(ours, m.coefficients().toArray(), m.intercept(), 1e-5, // Spark L-BFGS stop
        "logistic intercept=" + intercept + " standardization=" + standardization);
  }

  // GIVEN diabetes, labels and features un-standardized WHEN both fit THEN the same coefficients
  @ParameterizedTest
  @CsvSource({"true, true, normal", "true, false, normal", "false, true, normal",
      "false, false, normal", "true, true, l-bfgs", "false, false, l-bfgs"})
  void linearRegressionMatchesSpark(boolean intercept, boolean standardization, String solver) {
    LabeledData d = MlTestData.read("diabetes");
    Dataset<Row> df = MlTestData.frame(SharedSparkSession.get(), d, null);
    double reg = 0.5;
    LinearRegressionModel m = new LinearRegression().setRegParam(reg).setSolver(solver)
        .setFitIntercept(intercept).setStandardization(standardization).setTol(1e-12)
        .setMaxIter(1000).fit(df);
    double[] ours = iterdiff(d, LinearModelObjective.linearRegression(intercept,
        standardization, solver.equals("l-bfgs")), reg);
    assertSame(ours, m.coefficients().toArray(), m.intercept(),
        solver.equals("normal") ? 1e-9 : 1e-6,
        "linear " + solver + " intercept=" + intercept + " standardization=" + standardization);
  }

  /** {@code d} with two more columns: a non-zero constant (3.0) and an all-zero one. */
  private static LabeledData withConstantColumns(LabeledData d) {
    int n = d.rows();
    int p = d.cols();
    double[] a = java.util.Arrays.copyOf(d.a(), n * (p + 2));
    java.util.Arrays.fill(a, n * p, n * (p + 1), 3.0);
    return new LabeledData(a, n, p + 2, d.labels(), d.source() + " + constant columns");
  }

  // GIVEN a constant and a zero column WHEN both fit THEN Spark's zero coefficients for them
  @ParameterizedTest
  @CsvSource({"logistic, true", "logistic, false", "normal, true", "normal, false",
      "l-bfgs, true"})
  void constantFeaturesGetSparksZeroCoefficients(String learner, boolean standardization) {
    boolean logistic = learner.equals("logistic");
    LabeledData d = withConstantColumns(MlTestData.read(logistic ? "breast-cancer"
        : "diabetes"));
    Dataset<Row> df = MlTestData.frame(SharedSparkSession.get(), d, null);
    double reg = logistic ? 0.02 : 0.5;
    double[] coef;
    double b0;
    if (logistic) {
      LogisticRegressionModel m = new LogisticRegression().setRegParam(reg)
          .setStandardization(standardization).setTol(1e-12).setMaxIter(1000).fit(df);
      coef = m.coefficients().toArray();
      b0 = m.intercept();
    } else {
      LinearRegressionModel m = new LinearRegression().setRegParam(reg).setSolver(learner)
          .setStandardization(standardization).setTol(1e-12).setMaxIter(1000).fit(df);
      coef = m.coefficients().toArray();
      b0 = m.intercept();
    }
    int p = d.cols();
    assertEquals(0.0, coef[p - 2], 0.0, "Spark: constant column");
    assertEquals(0.0, coef[p - 1], 0.0, "Spark: zero column");
    LinearModelObjective o = logistic
        ? LinearModelObjective.logisticRegression(true, standardization)
        : LinearModelObjective.linearRegression(true, standardization, learner.equals("l-bfgs"));
    double[] ours = iterdiff(d, o, reg);
    assertEquals(0.0, ours[p - 2], 0.0, "iterdiff: constant column");
    assertEquals(0.0, ours[p - 1], 0.0, "iterdiff: zero column");
    // Spark's normal equations without standardization leave the constant column unpenalized:
    // a singular Gramian, on which Spark falls back to its quasi-Newton solver (L-BFGS stop)
    boolean exact = learner.equals("normal") && standardization;
    assertSame(ours, coef, b0, logistic ? 1e-5 : exact ? 1e-9 : 1e-6,
        learner + " with constant columns, standardization=" + standardization);
  }
}
