package dev.iterdiff.spark.ml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iterdiff.bilevel.HyperparameterKind;
import dev.iterdiff.bilevel.LinearModelFoldTasks;
import dev.iterdiff.bilevel.LocalEvaluator;
import dev.iterdiff.problem.LabeledData;
import dev.iterdiff.problem.LinearModelObjective;
import dev.iterdiff.spark.SharedSparkSession;
import dev.iterdiff.spec.EstimatorSpec;
import dev.iterdiff.spec.SolverSpec;
import java.io.File;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.classification.LogisticRegressionModel;
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.apache.spark.ml.feature.StandardScaler;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.tuning.CrossValidator;
import org.apache.spark.ml.tuning.CrossValidatorModel;
import org.apache.spark.ml.tuning.ParamGridBuilder;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/**
 * The pipeline: Parquet → VectorAssembler → StandardScaler →
 * HypergradientTuner(LogisticRegression), fit, transform a test set, save and reload the
 * PipelineModel, identical predictions; the tuned validation loss is ≤ that of a real Spark ML
 * {@code CrossValidator} over a 20-point regParam grid on the same folds (its avgMetrics, and
 * the learner's objective at its pick; {@link SparkObjectiveEqualityTest} shows that objective
 * equal to Spark ML's fit).
 */
class HypergradientTunerPipelineIT {

  private static final File DIR = new File("target/ml-pipeline-test").getAbsoluteFile();

  /** Breast cancer as 30 numeric columns f0…f29, a label and a fold (i mod 3), in Parquet. */
  private static Dataset<Row> parquet(SparkSession spark, LabeledData d) {
    StructType schema = new StructType().add("label", DataTypes.DoubleType)
        .add("fold", DataTypes.IntegerType);
    for (int j = 0; j < d.cols(); j++) {
      schema = schema.add("f" + j, DataTypes.DoubleType);
    }
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < d.rows(); i++) {
      Object[] v = new Object[d.cols() + 2];
      v[0] = d.labels()[i];
      v[1] = i % 3;
      for (int j = 0; j < d.cols(); j++) {
        v[j + 2] = d.get(i, j);
      }
      rows.add(RowFactory.create(v));
    }
    String path = new File(DIR, "breast-cancer.parquet").getPath();
    spark.createDataFrame(rows, schema).write().mode("overwrite").parquet(path);
    return spark.read().parquet(path);
  }

  // GIVEN a Parquet table WHEN the pipeline is fit, saved and reloaded THEN same predictions
  @Test
  void pipelineFitsSavesLoadsAndBeatsTheGrid() throws Exception {
    SparkSession spark = SharedSparkSession.get();
    LabeledData d = MlTestData.read("breast-cancer");
    Dataset<Row> all = parquet(spark, d);
    Dataset<Row> train = all.filter("fold < 3 and (hash(f0) % 5) != 0").cache();
    Dataset<Row> test = all.filter("(hash(f0) % 5) = 0");
    String[] inputs = new String[d.cols()];
    for (int j = 0; j < inputs.length; j++) {
      inputs[j] = "f" + j;
    }
    LogisticRegression lr = new LogisticRegression().setRegParam(0.1);
    HypergradientTuner tuner = new HypergradientTuner().setLearner(lr).setNumFolds(3)
        .setFoldCol("fold");
    Pipeline pipeline = new Pipeline().setStages(new PipelineStage[] {
        new VectorAssembler().setInputCols(inputs).setOutputCol("raw"),
        new StandardScaler().setInputCol("raw").setOutputCol("features"), tuner});
    PipelineModel fitted = pipeline.fit(train);
    HypergradientTunerModel tuned = (HypergradientTunerModel) fitted.stages()[2];
    assertInstanceOf(LogisticRegressionModel.class, tuned.bestModel());
    assertTrue(tuned.trajectory().count() > 1, "a trajectory of several steps");
    assertEquals(tuned.avgMetrics().length, tuned.trajectory().count());

    double[] before = probabilities(fitted.transform(test));
    String path = new File(DIR, "pipeline-model").getPath();
    fitted.write().overwrite().save(path);
    PipelineModel loaded = PipelineModel.load(path);
    assertArrayEquals(before, probabilities(loaded.transform(test)), 0.0);
    HypergradientTunerModel reloaded = (HypergradientTunerModel) loaded.stages()[2];
    assertEquals(tuned.tunedRegParam(), reloaded.tunedRegParam(), 0.0);
    assertEquals(tuned.trajectory().count(), reloaded.trajectory().count());

    // a real CrossValidator: the same learner, the same rows (scaled by the fitted stages),
    // the same folds (foldCol), a 20-point regParam grid, log loss, Spark's defaults
    Dataset<Row> scaled = new PipelineModel("prep", new org.apache.spark.ml.Transformer[] {
        fitted.stages()[0], fitted.stages()[1]}).transform(train).cache();
    LogisticRegression cvLearner = new LogisticRegression();
    double[] grid = new double[20];
    for (int g = 0; g < grid.length; g++) {
      grid[g] = Math.pow(10, -5 + 7.0 * g / 19);
    }
    ParamMap[] maps = new ParamGridBuilder().addGrid(cvLearner.regParam(), grid).build();
    CrossValidatorModel cv = new CrossValidator().setEstimator(cvLearner)
        .setEstimatorParamMaps(maps).setFoldCol("fold").setNumFolds(3).setParallelism(2)
        .setEvaluator(new MulticlassClassificationEvaluator().setMetricName("logLoss"))
        .fit(scaled);
    double cvBest = Double.POSITIVE_INFINITY;
    double cvBestReg = Double.NaN;
    for (int g = 0; g < maps.length; g++) {
      if (cv.avgMetrics()[g] < cvBest) {
        cvBest = cv.avgMetrics()[g];
        cvBestReg = (Double) maps[g].apply(cvLearner.regParam());
      }
    }
    assertTrue(tuned.bestMetric() <= cvBest, "tuned " + tuned.bestMetric()
        + " vs CrossValidator's best average log loss " + cvBest + " (regParam " + cvBestReg
        + ")");
    // and judged the same way (tight fits of the learner's objective) at CrossValidator's pick
    LabeledRows.Collected rows = LabeledRows.collect(scaled, "features", "label", "fold");
    LinearModelFoldTasks tasks = new LinearModelFoldTasks(rows.data(),
        LabeledRows.folds(rows.folds(), 3, "fold"), LinearModelObjective.logisticRegression(
            true, true), HyperparameterKind.SINGLE,
        new SolverSpec("newton", null, 200, Double.NaN), EstimatorSpec.of("implicit"));
    LocalEvaluator local = new LocalEvaluator(tasks);
    assertEquals(local.evaluate(new double[] {tuned.tunedRegParam()}, 1e-12).value(),
        tuned.bestMetric(), 1e-12);
    double atCvPick = local.evaluate(new double[] {cvBestReg}, 1e-12).value();
    assertTrue(tuned.bestMetric() <= atCvPick, "tuned " + tuned.bestMetric()
        + " vs the objective at CrossValidator's regParam " + atCvPick);
    // CrossValidator's average is the same quantity with Spark's looser fits (tol 1e-6)
    assertEquals(atCvPick, cvBest, 1e-3 * atCvPick);
  }

  private static double[] probabilities(Dataset<Row> out) {
    List<Row> rows = out.orderBy("f0", "f1").select("probability").collectAsList();
    double[] p = new double[rows.size()];
    for (int i = 0; i < p.length; i++) {
      p[i] = ((org.apache.spark.ml.linalg.Vector) rows.get(i).get(0)).apply(1);
    }
    return p;
  }
}
