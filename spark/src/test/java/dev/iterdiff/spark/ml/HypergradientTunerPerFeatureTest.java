package dev.iterdiff.spark.ml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iterdiff.bilevel.HyperparameterKind;
import dev.iterdiff.bilevel.KFold;
import dev.iterdiff.bilevel.LinearModelFoldTasks;
import dev.iterdiff.linalg.Blas;
import dev.iterdiff.problem.LabeledData;
import dev.iterdiff.problem.LinearModelObjective;
import dev.iterdiff.problem.RegularizedRisk;
import dev.iterdiff.spark.SharedSparkSession;
import dev.iterdiff.spec.EstimatorSpec;
import dev.iterdiff.spec.SolverSpec;
import java.util.List;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.regression.LinearRegression;
import org.apache.spark.ml.regression.LinearRegressionModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/**
 * Per-feature λ (which no grid can search and Spark ML cannot fit): the tuner's refit model at
 * the tuned λ is the inner solution on all rows — the same numbers as the fold tasks' fit, and
 * stationary for the learner's objective with one λ per feature (gradient ≈ 0, checked on the
 * objective itself) — and its predictions are aᵢᵀβ + β₀.
 */
class HypergradientTunerPerFeatureTest {

  // GIVEN diabetes WHEN tuned per feature THEN the refit model is the inner solution
  @Test
  void refitModelAtTheTunedLambdasIsTheInnerSolution() {
    LabeledData d = MlTestData.read("diabetes");
    Dataset<Row> df = MlTestData.frame(SharedSparkSession.get(), d, null);
    HypergradientTunerModel m = new HypergradientTuner()
        .setLearner(new LinearRegression().setRegParam(0.1)).setHyperparameters("perFeature")
        .setNumFolds(3).setMaxIter(4).fit(df);
    double[] lambda = m.tunedHyperparameters();
    assertEquals(d.cols(), lambda.length);
    boolean differ = false;
    for (double l : lambda) {
      differ |= l != lambda[0];
    }
    assertTrue(differ, "per-feature tuning moved the lambdas apart");
    LinearRegressionModel best = (LinearRegressionModel) m.bestModel();
    double[] x = new double[d.cols() + 1];
    System.arraycopy(best.coefficients().toArray(), 0, x, 0, d.cols());
    x[d.cols()] = best.intercept();

    LinearModelObjective o = LinearModelObjective.linearRegression(true, true, false);
    double[] fit = new LinearModelFoldTasks(d, KFold.split(d.rows(), 3, 42L), o,
        HyperparameterKind.PER_FEATURE, new SolverSpec("newton", null, 200, Double.NaN),
        EstimatorSpec.of("implicit")).fit(lambda, 1e-12);
    for (int j = 0; j < x.length; j++) {
      assertEquals(fit[j], x[j], 1e-10 * (1 + Math.abs(fit[j])), "coefficient " + j);
    }
    RegularizedRisk f = o.create(d, d.cols());
    double[] g = new double[x.length];
    f.gradient(x, lambda, g);
    assertTrue(Blas.nrm2(g) <= 1e-8, "stationary: |grad| = " + Blas.nrm2(g));

    List<Row> out = m.transform(df).select("features", "prediction").collectAsList();
    for (int i = 0; i < 5; i++) {
      double[] a = ((Vector) out.get(i).get(0)).toArray();
      double expected = Blas.dot(a, java.util.Arrays.copyOf(x, d.cols())) + x[d.cols()];
      assertEquals(expected, out.get(i).getDouble(1), 1e-9 * Math.abs(expected));
    }
  }
}
