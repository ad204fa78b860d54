package dev.iterdiff.bench;

import dev.iterdiff.bilevel.Fold;
import dev.iterdiff.bilevel.HyperparameterKind;
import dev.iterdiff.bilevel.InnerSpec;
import dev.iterdiff.bilevel.KFold;
import dev.iterdiff.bilevel.OuterEvaluator;
import dev.iterdiff.bilevel.OuterLoop;
import dev.iterdiff.bilevel.OuterOptions;
import dev.iterdiff.bilevel.OuterState;
import dev.iterdiff.data.LibsvmReader;
import dev.iterdiff.problem.LabeledData;
import dev.iterdiff.spark.hyperopt.SparkEvaluator;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * {@code bench hyperopt}: Spark ML's CrossValidator over a ParamGridBuilder grid of regParam
 * ({@link CrossValidatorBaseline}) against iterdiff's hypergradient descent, on the same rows,
 * the same K folds (CrossValidator's foldCol) and the same objective:
 * <ul>
 *   <li>regression: LinearRegression (no intercept, standardization off, elasticNet 0)
 *       minimizes 1/(2n)‖Ax − b‖² + (regParam/δ)·½‖x‖², δ the population standard
 *       deviation of the training labels (WeightedLeastSquares with standardizeLabel); iterdiff
 *       runs ridge with penalty-scale label-std, so θ = regParam. Validation metric: MSE/2 =
 *       1/(2N)‖A x − b‖².</li>
 *   <li>classification: LogisticRegression (no intercept, standardization off, elasticNet 0)
 *       minimizes 1/n Σ log(1 + e^{−y aᵀx}) + regParam·½‖x‖² = iterdiff's logistic with
 *       θ = regParam. Validation metric: logLoss = the mean logistic loss.</li>
 * </ul>
 * The headline baseline is CrossValidator as a Spark user runs it: the estimator's default
 * tol and maxIter, parallelism = cores. Every method's λ is judged the same way: the mean
 * validation loss over the same folds with tight inner fits (iterdiff's Newton to 1e-12), so
 * a loss column never reflects a loose fit. Beside the in-JVM times, the whole
 * {@code bin/iterdiff hyperopt} command is timed ({@link HyperoptCommandTimer}), since that is
 * what a user meets. {@code full} adds CrossValidator with tol 1e-12 / maxIter 500, a warm-up
 * fit before each timed CrossValidator and the per-feature tuning.
 */
public final class HyperoptBenchmark {

  /** One line of the table; {@code loss} NaN when not judged (the whole-command row). */
  public record Line(String data, String method, double loss, String theta, double seconds,
      long solves) {}

  /**
   * What to run.
   *
   * @param grid      regParam grid size.
   * @param folds     K.
   * @param repeats   timed repeats (the fastest is reported).
   * @param full      also the tight CrossValidator, warm-up fits and the per-feature tuning.
   * @param launcher  bin/iterdiff to time the whole hyperopt command; null skips it.
   */
  public record Settings(int grid, int folds, int repeats, boolean full, Path launcher) {}

  private HyperoptBenchmark() {}

  /** Runs both cases without --full and without the command timing. */
  public static List<Line> run(SparkSession spark, int grid, int folds, int repeats,
      PrintWriter out) throws Exception {
    return run(spark, new Settings(grid, folds, repeats, false, null), out);
  }

  /** Runs both cases; prints the table to {@code out} and returns its lines. */
  public static List<Line> run(SparkSession spark, Settings settings, PrintWriter out)
      throws Exception {
    List<Line> lines = new ArrayList<>();
    int perCase = 1 + (settings.full() ? 1 : 0) + settings.repeats() + 1
        + (settings.launcher() != null ? 1 : 0);
    progress = dev.iterdiff.spark.ProgressLine.stderr("bench hyperopt", "measurements",
        2L * perCase);
    measured = 0;
    lines.addAll(runCase(spark, "diabetes", "data-samples/diabetes.libsvm", false, settings,
        out));
    lines.addAll(runCase(spark, "breast-cancer", "data-samples/breast-cancer.libsvm", true,
        settings, out));
    progress.finish();
    return lines;
  }

  /** The live line of the current run (measurements: each fit grid, tuning round, command). */
  private static dev.iterdiff.spark.ProgressLine progress;
  private static long measured;

  private static void measuredOne(String what) {
    if (progress != null) {
      progress.update(++measured, "last: " + what);
    }
  }

  static List<Line> runCase(SparkSession spark, String name, String file, boolean logistic,
      Settings settings, PrintWriter out) throws Exception {
    LabeledData data = LibsvmReader.read(Path.of(file));
    int k = settings.folds();
    List<Fold> folds = KFold.split(data.rows(), k, 1L);
    InnerSpec single = new InnerSpec(logistic ? "logistic" : "ridge", 1.0,
        HyperparameterKind.SINGLE, "newton", "", 200, "implicit", "auto", 0,
        logistic ? "logistic" : "squared", logistic ? "none" : "label-std");
    OuterEvaluator judge = single.local(data, folds);
    int parallelism = spark.sparkContext().defaultParallelism();
    CrossValidatorBaseline cv = new CrossValidatorBaseline(spark, data, folds, logistic,
        settings.grid());
    List<Line> lines = new ArrayList<>();
    CrossValidatorBaseline.Result defaults;
    try {
      defaults = cv.run(CrossValidatorBaseline.Variant.DEFAULTS, parallelism,
          settings.repeats(), settings.full());
      measuredOne(name + " CrossValidator (defaults)");
      lines.add(cvLine(name, "defaults", defaults, judge, settings.grid()));
      check(out, name, judge, defaults);
      if (settings.full()) {
        CrossValidatorBaseline.Result tight = cv.run(CrossValidatorBaseline.Variant.TIGHT,
            parallelism, settings.repeats(), true);
        measuredOne(name + " CrossValidator (tight)");
        lines.add(cvLine(name, "tol 1e-12, maxIter 500", tight, judge, settings.grid()));
        check(out, name, judge, tight);
      }
    } finally {
      cv.close();
    }
    OuterOptions options = OuterOptions.defaults().withStopping(100, 1e-6, 1e-9);
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    OuterState local = null;
    OuterState dist = null;
    double localSeconds = Double.POSITIVE_INFINITY;
    double distSeconds = Double.POSITIVE_INFINITY;
    for (int r = 0; r <= settings.repeats(); r++) { // r = 0 is the warm-up
      long t0 = System.nanoTime();
      local = tune(single.local(data, folds), options, new double[] {1.0});
      double s = (System.nanoTime() - t0) * 1e-9;
      t0 = System.nanoTime();
      try (SparkEvaluator ev = new SparkEvaluator(jsc, data, folds, single, null)) {
        dist = tune(ev, options, new double[] {1.0});
      }
      double s2 = (System.nanoTime() - t0) * 1e-9;
      measuredOne(name + " hypergradient descent" + (r == 0 ? " (warm-up)" : " round " + r));
      if (r > 0) {
        localSeconds = Math.min(localSeconds, s);
        distSeconds = Math.min(distSeconds, s2);
      }
    }
    lines.add(new Line(name, "iterdiff HD, single lambda, on Spark (HOAG), in-JVM",
        judge.evaluate(dist.bestTheta(), 1e-12).value(), fmt(dist.bestTheta()[0]), distSeconds,
        (long) dist.iteration * k));
    lines.add(new Line(name, "iterdiff HD, single lambda, in-process (HOAG), in-JVM",
        judge.evaluate(local.bestTheta(), 1e-12).value(), fmt(local.bestTheta()[0]),
        localSeconds, (long) local.iteration * k));
    if (settings.launcher() != null) {
      double s = HyperoptCommandTimer.time(settings.launcher(), file,
          logistic ? "logistic" : "ridge", logistic ? "logistic" : "squared");
      measuredOne(name + " hyperopt command");
      lines.add(new Line(name, "`" + settings.launcher() + " hyperopt`, whole command "
          + "(conf/hyperopt-example.conf, 80 % of the rows)", Double.NaN, "—", s, 0));
    }
    if (settings.full()) {
      lines.add(perFeature(jsc, name, data, folds, single, local.bestTheta()[0]));
    }
    for (Line l : lines) {
      out.printf(Locale.ROOT, "| %s | %s | %s | %s | %.3f | %s | %.1fx |%n", l.data(),
          l.method(), Double.isNaN(l.loss()) ? "—" : String.format(Locale.ROOT, "%.8f",
              l.loss()), l.theta(), l.seconds(), l.solves() == 0 ? "—" : "" + l.solves(),
          defaults.seconds() / l.seconds());
    }
    out.flush();
    return lines;
  }

  private static Line cvLine(String name, String variant, CrossValidatorBaseline.Result r,
      OuterEvaluator judge, int grid) {
    return new Line(name, "Spark ML CrossValidator, " + grid + "-point regParam grid, "
        + variant + ", parallelism " + r.parallelism(),
        judge.evaluate(new double[] {r.regParam()}, 1e-12).value(), fmt(r.regParam()),
        r.seconds(), r.fits());
  }

  /** Spark's own average metric at its best regParam vs iterdiff's tight evaluation there. */
  private static void check(PrintWriter out, String name, OuterEvaluator judge,
      CrossValidatorBaseline.Result r) {
    double g = judge.evaluate(new double[] {r.regParam()}, 1e-12).value();
    out.printf(Locale.ROOT, "%s: same-problem check at regParam %s: iterdiff G (tight fits) = "
        + "%.12f, Spark ML CV metric = %.12f (relative difference %.1e)%n", name,
        fmt(r.regParam()), g, r.sparkMetric(), Math.abs(g - r.sparkMetric()) / r.sparkMetric());
  }

  private static Line perFeature(JavaSparkContext jsc, String name, LabeledData data,
      List<Fold> folds, InnerSpec single, double start) {
    InnerSpec perFeature = new InnerSpec(single.problem(), 1.0, HyperparameterKind.PER_FEATURE,
        "newton", "", 200, "implicit", "auto", 0, single.outerLoss(), single.penaltyScale());
    double[] theta0 = new double[data.cols()];
    Arrays.fill(theta0, start);
    long t0 = System.nanoTime();
    OuterState pf;
    try (SparkEvaluator ev = new SparkEvaluator(jsc, data, folds, perFeature, null)) {
      pf = tune(ev, OuterOptions.defaults().withStopping(100, 1e-6, 1e-9), theta0);
    }
    double seconds = (System.nanoTime() - t0) * 1e-9;
    return new Line(name, "iterdiff HD, per-feature lambda, on Spark (HOAG, from single)",
        perFeature.local(data, folds).evaluate(pf.bestTheta(), 1e-12).value(),
        "min " + fmt(Arrays.stream(pf.bestTheta()).min().getAsDouble()) + ", max "
            + fmt(Arrays.stream(pf.bestTheta()).max().getAsDouble()), seconds,
        (long) pf.iteration * folds.size());
  }

  private static OuterState tune(OuterEvaluator ev, OuterOptions options, double[] theta0) {
    OuterLoop loop = new OuterLoop(options);
    return loop.run(ev, loop.initialState(theta0, "bench"), s -> { }, Integer.MAX_VALUE);
  }

  private static String fmt(double v) {
    return String.format(Locale.ROOT, "%.4g", v);
  }
}
