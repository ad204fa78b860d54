package dev.iterdiff.bench;

import dev.iterdiff.bilevel.Fold;
import dev.iterdiff.problem.LabeledData;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.evaluation.Evaluator;
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.apache.spark.ml.evaluation.RegressionEvaluator;
import org.apache.spark.ml.linalg.SQLDataTypes;
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
 * The Spark ML baseline of {@code bench hyperopt}: CrossValidator + ParamGridBuilder over a
 * log-spaced regParam grid (10⁻⁵ … 10²), on the benchmark's own folds (foldCol), the model
 * fixed to iterdiff's objective (no intercept, standardization off, elasticNet 0; see
 * {@link HyperoptBenchmark}). Two variants: {@link Variant#DEFAULTS}, what a Spark user runs
 * (the estimator's own tol and maxIter — LogisticRegression 1e-6 / 100, LinearRegression's
 * "auto" solver — and parallelism = the session's default parallelism, i.e. its cores), and
 * {@link Variant#TIGHT} (tol 1e-12, maxIter 500, LinearRegression's normal equations), for
 * comparison with iterdiff's exact inner solves.
 */
final class CrossValidatorBaseline {

  /** How CrossValidator's estimator is configured. */
  enum Variant {
    /** Spark's defaults, parallelism = cores. */
    DEFAULTS,
    /** tol 1e-12, maxIter 500, parallelism = cores. */
    TIGHT
  }

  /**
   * One CrossValidator run.
   *
   * @param regParam      the best grid point by Spark's average metric.
   * @param sparkMetric   Spark's average validation metric there, on iterdiff's scale
   *                      (logLoss, or MSE/2).
   * @param seconds       the fastest timed {@code fit}.
   * @param fits          models fitted per {@code fit} (grid × folds + the refit).
   * @param parallelism   CrossValidator's parallelism.
   */
  record Result(double regParam, double sparkMetric, double seconds, long fits,
      int parallelism) {}

  private final Dataset<Row> df;
  private final boolean logistic;
  private final double[] regParams;
  private final int folds;

  /** Caches the rows (label, features, fold) as a DataFrame; {@link #close()} unpersists. */
  CrossValidatorBaseline(SparkSession spark, LabeledData data, List<Fold> folds,
      boolean logistic, int grid) {
    int[] foldOf = new int[data.rows()];
    for (Fold f : folds) {
      for (int r : f.validationRows()) {
        foldOf[r] = f.index();
      }
    }
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < data.rows(); i++) {
      double[] a = new double[data.cols()];
      for (int j = 0; j < a.length; j++) {
        a[j] = data.get(i, j);
      }
      double label = logistic ? (data.labels()[i] > 0 ? 1.0 : 0.0) : data.labels()[i];
      rows.add(RowFactory.create(label, Vectors.dense(a), foldOf[i]));
    }
    StructType schema = new StructType().add("label", DataTypes.DoubleType)
        .add("features", SQLDataTypes.VectorType()).add("fold", DataTypes.IntegerType);
    this.df = spark.createDataFrame(rows, schema).cache();
    df.count();
    this.logistic = logistic;
    this.folds = folds.size();
    this.regParams = new double[grid];
    for (int g = 0; g < grid; g++) {
      regParams[g] = Math.pow(10, -5 + 7.0 * g / (grid - 1));
    }
  }

  /** Fits {@code 1 + repeats} times when {@code warmup}, else {@code repeats} times. */
  Result run(Variant variant, int parallelism, int repeats, boolean warmup) {
    Estimator<?> est;
    DoubleParam reg;
    Evaluator evaluator;
    boolean tight = variant == Variant.TIGHT;
    if (logistic) {
      LogisticRegression lr = new LogisticRegression().setFitIntercept(false)
          .setStandardization(false).setElasticNetParam(0);
      if (tight) {
        lr.setMaxIter(500).setTol(1e-12);
      }
      est = lr;
      reg = lr.regParam();
      evaluator = new MulticlassClassificationEvaluator().setMetricName("logLoss");
    } else {
      LinearRegression lr = new LinearRegression().setFitIntercept(false)
          .setStandardization(false).setElasticNetParam(0);
      if (tight) {
        lr.setSolver("normal").setMaxIter(500).setTol(1e-12);
      }
      est = lr;
      reg = lr.regParam();
      evaluator = new RegressionEvaluator().setMetricName("mse");
    }
    ParamMap[] maps = new ParamGridBuilder().addGrid(reg, regParams).build();
    CrossValidator cv = new CrossValidator().setEstimator(est).setEstimatorParamMaps(maps)
        .setEvaluator(evaluator).setNumFolds(folds).setFoldCol("fold")
        .setParallelism(parallelism);
    double seconds = Double.POSITIVE_INFINITY;
    CrossValidatorModel model = null;
    for (int r = warmup ? -1 : 0; r < repeats; r++) {
      long t0 = System.nanoTime();
      model = cv.fit(df);
      double s = (System.nanoTime() - t0) * 1e-9;
      if (r >= 0) {
        seconds = Math.min(seconds, s);
      }
    }
    double[] avg = model.avgMetrics();
    int best = 0;
    for (int g = 1; g < avg.length; g++) {
      if (avg[g] < avg[best]) {
        best = g;
      }
    }
    double scale = logistic ? 1.0 : 0.5; // logLoss as is; MSE/2 = 1/(2N)‖Ax − b‖²
    return new Result(regParams[best], scale * avg[best], seconds,
        (long) regParams.length * folds + 1, parallelism);
  }

  /** Releases the cached rows. */
  void close() {
    df.unpersist();
  }
}
