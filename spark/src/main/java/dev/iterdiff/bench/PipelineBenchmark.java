package dev.iterdiff.bench;

import dev.iterdiff.bilevel.Fold;
import dev.iterdiff.bilevel.HyperparameterKind;
import dev.iterdiff.bilevel.KFold;
import dev.iterdiff.bilevel.LinearModelFoldTasks;
import dev.iterdiff.bilevel.LocalEvaluator;
import dev.iterdiff.data.LibsvmReader;
import dev.iterdiff.data.SparseTextData;
import dev.iterdiff.linalg.CsrMatrix;
import dev.iterdiff.problem.LabeledData;
import dev.iterdiff.problem.LinearModelObjective;
import dev.iterdiff.spark.ml.HypergradientTuner;
import dev.iterdiff.spark.ml.HypergradientTunerModel;
import dev.iterdiff.spec.EstimatorSpec;
import dev.iterdiff.spec.SolverSpec;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.evaluation.Evaluator;
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.apache.spark.ml.evaluation.RegressionEvaluator;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.regression.LinearRegression;
import org.apache.spark.ml.tuning.CrossValidator;
import org.apache.spark.ml.tuning.CrossValidatorModel;
import org.apache.spark.ml.tuning.ParamGridBuilder;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * {@code bench hyperopt --pipeline}: the Spark ML stages as a user runs them —
 * {@link HypergradientTuner} vs {@code CrossValidator} (Spark's defaults: the learner's tol and
 * maxIter, a log grid of regParam 10⁻⁵…10², parallelism = the session's cores) — with the same
 * learner (intercept on; Spark's standardization, off for the sparse set as usual for text),
 * the same DataFrame and the same folds (foldCol), on breast cancer (LogisticRegression),
 * diabetes (LinearRegression) and a sparse text-like set with p = 10⁴ (LogisticRegression).
 * Wall time of each {@code fit} (the refit of the best model included in both: the tuner's by
 * its default {@code refit} = iterdiff, Newton on the learner's objective), and the
 * validation loss of each pick judged the same way: the learner's objective fit tightly
 * (Newton, 10⁻¹²) on the same folds (log loss; squared error / 2). Asserts nothing.
 */
public final class PipelineBenchmark {

  private PipelineBenchmark() {}

  /** Runs the three cases and prints one Markdown row per (data, method). */
  public static void run(SparkSession spark, int grid, int folds, PrintWriter out)
      throws Exception {
    LabeledData bc = LibsvmReader.read(Path.of("data-samples/breast-cancer.libsvm"));
    double[] b = bc.labels().clone();
    for (int i = 0; i < b.length; i++) {
      b[i] = b[i] > 0 ? 1.0 : 0.0;
    }
    bc = new LabeledData(bc.a(), bc.rows(), bc.cols(), b, bc.source());
    runCase(spark, "breast-cancer", bc, true, true, grid, folds, out);
    runCase(spark, "diabetes", LibsvmReader.read(Path.of("data-samples/diabetes.libsvm")),
        false, true, grid, folds, out);
    runCase(spark, "sparse text 2000 x 10^4 (0.5 %)", SparseTextData.generate(2000, 10_000,
        0.005, 1), true, false, grid, folds, out);
  }

  private static Dataset<Row> frame(SparkSession spark, LabeledData d, List<Fold> folds) {
    int[] foldOf = new int[d.rows()];
    for (Fold f : folds) {
      for (int r : f.validationRows()) {
        foldOf[r] = f.index();
      }
    }
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < d.rows(); i++) {
      Vector v;
      if (d.isSparse()) {
        CsrMatrix m = d.sparse();
        int from = m.rowStart()[i];
        int to = m.rowStart()[i + 1];
        v = Vectors.sparse(d.cols(), Arrays.copyOfRange(m.columns(), from, to),
            Arrays.copyOfRange(m.values(), from, to));
      } else {
        double[] a = new double[d.cols()];
        for (int j = 0; j < a.length; j++) {
          a[j] = d.get(i, j);
        }
        v = Vectors.dense(a);
      }
      rows.add(RowFactory.create(d.labels()[i], v, foldOf[i]));
    }
    StructType schema = new StructType().add("label", DataTypes.DoubleType)
        .add("features", SQLDataTypes.VectorType()).add("fold", DataTypes.IntegerType);
    return spark.createDataFrame(rows, schema);
  }

  private static void runCase(SparkSession spark, String name, LabeledData d, boolean logistic,
      boolean standardization, int grid, int k, PrintWriter out) {
    List<Fold> folds = KFold.split(d.rows(), k, 7L);
    Dataset<Row> df = frame(spark, d, folds).cache();
    df.count();
    Estimator<?> learner;
    DoubleParam reg;
    Evaluator evaluator;
    if (logistic) {
      LogisticRegression lr = new LogisticRegression().setStandardization(standardization);
      learner = lr;
      reg = lr.regParam();
      evaluator = new MulticlassClassificationEvaluator().setMetricName("logLoss");
    } else {
      LinearRegression lr = new LinearRegression().setStandardization(standardization);
      learner = lr;
      reg = lr.regParam();
      evaluator = new RegressionEvaluator().setMetricName("mse");
    }
    LinearModelObjective objective = logistic
        ? LinearModelObjective.logisticRegression(true, standardization)
        : LinearModelObjective.linearRegression(true, standardization, d.cols() > 4096);
    LocalEvaluator judge = new LocalEvaluator(new LinearModelFoldTasks(d, folds, objective,
        HyperparameterKind.SINGLE, new SolverSpec("newton", null, 200, Double.NaN),
        EstimatorSpec.of("implicit")));

    long t0 = System.nanoTime();
    HypergradientTunerModel tuned = new HypergradientTuner().setLearner(learner)
        .setFoldCol("fold").setNumFolds(k).fit(df);
    double tunerSeconds = (System.nanoTime() - t0) * 1e-9;

    double[] regParams = new double[grid];
    for (int g = 0; g < grid; g++) {
      regParams[g] = Math.pow(10, -5 + 7.0 * g / (grid - 1));
    }
    ParamMap[] maps = new ParamGridBuilder().addGrid(reg, regParams).build();
    int parallelism = spark.sparkContext().defaultParallelism();
    CrossValidator cv = new CrossValidator().setEstimator(learner).setEstimatorParamMaps(maps)
        .setEvaluator(evaluator).setNumFolds(k).setFoldCol("fold").setParallelism(parallelism);
    t0 = System.nanoTime();
    CrossValidatorModel cvModel = cv.fit(df);
    double cvSeconds = (System.nanoTime() - t0) * 1e-9;
    int best = 0;
    for (int g = 1; g < grid; g++) {
      if (cvModel.avgMetrics()[g] < cvModel.avgMetrics()[best]) {
        best = g;
      }
    }
    double cvLoss = judge.evaluate(new double[] {regParams[best]}, 1e-12).value();
    double tunerLoss = judge.evaluate(new double[] {tuned.tunedRegParam()}, 1e-12).value();
    out.println(String.format(Locale.ROOT, "| %s | CrossValidator (%d-point grid, %d folds, "
        + "parallelism %d) | %.6f | %.3g | %.1f | %d fits | 1 |", name, grid, k, parallelism,
        cvLoss, regParams[best], cvSeconds, (long) grid * k + 1));
    out.println(String.format(Locale.ROOT, "| %s | HypergradientTuner | %.6f | %.3g | %.1f | "
        + "%d outer steps | %.1f |", name, tunerLoss, tuned.tunedRegParam(), tunerSeconds,
        tuned.avgMetrics().length, cvSeconds / tunerSeconds));
    out.flush();
    df.unpersist();
  }
}
