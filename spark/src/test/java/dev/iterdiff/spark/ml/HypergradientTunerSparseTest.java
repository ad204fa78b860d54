package dev.iterdiff.spark.ml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iterdiff.bilevel.HyperparameterKind;
import dev.iterdiff.bilevel.KFold;
import dev.iterdiff.bilevel.LinearModelFoldTasks;
import dev.iterdiff.bilevel.LocalEvaluator;
import dev.iterdiff.data.SparseTextData;
import dev.iterdiff.linalg.CsrMatrix;
import dev.iterdiff.problem.LabeledData;
import dev.iterdiff.problem.LinearModelObjective;
import dev.iterdiff.spark.SharedSparkSession;
import dev.iterdiff.spec.EstimatorSpec;
import dev.iterdiff.spec.SolverSpec;
import java.io.File;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.classification.LogisticRegressionModel;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.SparseVector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/**
 * Sparse MLlib vectors go through the tuner without densifying: text-like rows (p = 1200, 2 %
 * density) written by Spark's own LIBSVM writer to a directory, read back with
 * {@code format("libsvm")}, tuned (Newton-CG inner solves, CG implicit differentiation), and
 * the tuned validation loss equals the dense path's on the same rows and folds.
 */
class HypergradientTunerSparseTest {

  private static final File DIR = new File("target/ml-sparse-test").getAbsoluteFile();

  static Dataset<Row> sparseFrame(SparkSession spark, LabeledData d) {
    CsrMatrix m = d.sparse();
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < d.rows(); i++) {
      int from = m.rowStart()[i];
      int to = m.rowStart()[i + 1];
      rows.add(RowFactory.create(d.labels()[i], Vectors.sparse(d.cols(),
          Arrays.copyOfRange(m.columns(), from, to), Arrays.copyOfRange(m.values(), from, to))));
    }
    StructType schema = new StructType().add("label", DataTypes.DoubleType)
        .add("features", SQLDataTypes.VectorType());
    return spark.createDataFrame(rows, schema);
  }

  // GIVEN a Spark-written LIBSVM directory of sparse rows WHEN tuned THEN as the dense path
  @Test
  void sparseLibsvmDirectoryIsTunedWithoutDensifying() {
    SparkSession spark = SharedSparkSession.get();
    LabeledData d = SparseTextData.generate(200, 1200, 0.02, 4);
    String path = new File(DIR, "text.libsvm").getPath();
    sparseFrame(spark, d).coalesce(1).write().mode("overwrite").format("libsvm").save(path);
    Dataset<Row> df = spark.read().format("libsvm").option("numFeatures", "1200").load(path)
        .cache();
    assertInstanceOf(SparseVector.class, df.first().getAs("features"));

    LabeledRows.Collected rows = LabeledRows.collect(df, "features", "label", "");
    assertTrue(rows.data().isSparse(), "collected sparse");
    assertEquals(d.sparse().nnz(), rows.data().sparse().nnz());

    LogisticRegression lr = new LogisticRegression().setStandardization(false)
        .setRegParam(0.01);
    HypergradientTunerModel m = new HypergradientTuner().setLearner(lr).setNumFolds(3)
        .setMaxIter(5).fit(df);
    LogisticRegressionModel best = (LogisticRegressionModel) m.bestModel();
    assertEquals(1200, best.numFeatures());
    assertEquals(200, m.transform(df).count());

    LinearModelFoldTasks dense = new LinearModelFoldTasks(rows.data().densified(),
        KFold.split(200, 3, 42L), LinearModelObjective.logisticRegression(true, false),
        HyperparameterKind.SINGLE, new SolverSpec("newton", null, 200, Double.NaN),
        EstimatorSpec.of("implicit"));
    double denseLoss = new LocalEvaluator(dense)
        .evaluate(new double[] {m.tunedRegParam()}, 1e-12).value();
    assertEquals(denseLoss, m.bestMetric(), 1e-9 * denseLoss, "sparse vs dense tuned loss");
  }

  // GIVEN sparse text-like rows and the learner at Spark's default regParam 0 WHEN tuned THEN
  // the start scan leaves the all-zero plateau at regParam = 1 and the tuned mean validation
  // loss is at most the best of CrossValidator's 20-point log grid [1e-5, 1e2] on the same folds
  @Test
  void defaultRegParamStartsFromTheScanAndBeatsTheGrid() throws Exception {
    LabeledData d = SparseTextData.generate(300, 3000, 0.01, 8);
    Dataset<Row> df = sparseFrame(SharedSparkSession.get(), d);
    LogisticRegression lr = new LogisticRegression().setStandardization(false);
    HypergradientTunerModel m = new HypergradientTuner().setLearner(lr).setNumFolds(3)
        .setMaxIter(30).fit(df);
    LinearModelFoldTasks tasks = new LinearModelFoldTasks(d, KFold.split(300, 3, 42L),
        LinearModelObjective.logisticRegression(true, false), HyperparameterKind.SINGLE,
        new SolverSpec("newton", null, 200, Double.NaN), EstimatorSpec.of("implicit"));
    double gridBest = Double.POSITIVE_INFINITY;
    for (int i = 0; i < 20; i++) {
      double reg = Math.pow(10, -5 + 7.0 * i / 19);
      gridBest = Math.min(gridBest, new LocalEvaluator(tasks).evaluate(new double[] {reg},
          1e-12).value());
    }
    double atOne = new LocalEvaluator(tasks).evaluate(new double[] {1.0}, 1e-12).value();
    double tuned = new LocalEvaluator(tasks).evaluate(new double[] {m.tunedRegParam()}, 1e-12)
        .value();
    assertTrue(gridBest < atOne - 1e-3, "the plateau at regParam 1 (" + atOne + ") is worse "
        + "than the grid (" + gridBest + "): the case tests the start");
    assertTrue(tuned <= gridBest + 1e-9, "tuned " + tuned + " (regParam " + m.tunedRegParam()
        + ") vs grid best " + gridBest);
    // the scan's evaluations are in the trajectory (phase scan) before the descent's steps:
    // 10², 10¹, … in that order, each at the loss the folds give there (the same warm-started
    // chain of evaluations at inner tolerance 1e-4, in-process), one marked best
    List<Row> scan = m.trajectory().filter("phase = 'scan'").orderBy("iteration")
        .collectAsList();
    assertTrue(scan.size() >= 3, "scan rows: " + scan);
    LocalEvaluator chain = new LocalEvaluator(tasks);
    int marked = 0;
    for (int i = 0; i < scan.size(); i++) {
      Row r = scan.get(i);
      double reg = r.<scala.collection.Seq<Double>>getAs("theta").apply(0);
      assertEquals(i - scan.size(), (int) r.<Integer>getAs("iteration"), "scan: -S … -1");
      assertEquals(Math.pow(10, 2 - i), reg, 1e-12 * reg, "scan point " + i);
      double local = chain.evaluate(new double[] {reg}, 1e-4).value();
      assertEquals(local, r.<Double>getAs("validationLoss"), 1e-12 * local, "scan loss at " + reg);
      assertEquals(1e-4, r.<Double>getAs("innerTolerance"), 0.0);
      marked += r.<Boolean>getAs("accepted") ? 1 : 0;
    }
    assertEquals(1, marked, "one scan row marked as the best");
    List<Row> descent = m.trajectory().filter("phase = 'descent'").orderBy("iteration")
        .collectAsList();
    assertEquals(m.avgMetrics().length, descent.size());
    assertEquals(scan.size() + descent.size(), m.trajectory().count());
    assertEquals(descent.get(0).<Double>getAs("validationLoss"), m.avgMetrics()[0], 0.0);
    String saved = new File(DIR, "scan-model").getPath();
    m.write().overwrite().save(saved);
    HypergradientTunerModel loaded = HypergradientTunerModel.load(saved);
    assertEquals(scan.size(), loaded.trajectory().filter("phase = 'scan'").count());
    org.junit.jupiter.api.Assertions.assertArrayEquals(m.avgMetrics(), loaded.avgMetrics(), 0.0);
    // ordered by iteration the trajectory is chronological: the scan, then the descent from 0
    List<Row> all = m.trajectory().orderBy("iteration").collectAsList();
    for (int i = 0; i < all.size(); i++) {
      assertEquals(i < scan.size() ? "scan" : "descent", all.get(i).<String>getAs("phase"));
    }
    assertEquals(0, (int) all.get(scan.size()).<Integer>getAs("iteration"));
    // a model saved before the phase column (its trajectory: descent rows, no phase) loads with
    // phase = descent on every row, and the same avgMetrics
    String old = new File(DIR, "model-before-phase").getPath();
    m.write().overwrite().save(old);
    Dataset<Row> read = SharedSparkSession.get().read().parquet(old + "/trajectory")
        .filter("phase = 'descent'").drop("phase");
    Dataset<Row> before = SharedSparkSession.get().createDataFrame(read.collectAsList(),
        read.schema()); // (collected: the directory it was read from is overwritten)
    before.repartition(1).write().mode("overwrite").parquet(old + "/trajectory");
    HypergradientTunerModel legacy = HypergradientTunerModel.load(old);
    assertEquals(descent.size(), legacy.trajectory().filter("phase = 'descent'").count());
    assertEquals(descent.size(), legacy.trajectory().count());
    org.junit.jupiter.api.Assertions.assertArrayEquals(m.avgMetrics(), legacy.avgMetrics(), 0.0);
    HypergradientTunerModel fromOne = new HypergradientTuner().setLearner(lr).setNumFolds(3)
        .setMaxIter(3).setStartPoints(0).fit(df);
    assertEquals(1.0, fromOne.trajectory().orderBy("iteration").first()
        .<scala.collection.Seq<Double>>getAs("theta").apply(0), 0.0, "startPoints 0: start at 1");
    assertEquals(0, fromOne.trajectory().filter("phase = 'scan'").count(), "no scan rows");
  }
}
