package dev.iterdiff.spark.ml;

import dev.iterdiff.bilevel.Fold;
import dev.iterdiff.bilevel.HyperparameterKind;
import dev.iterdiff.bilevel.KFold;
import dev.iterdiff.bilevel.LinearModelFoldTasks;
import dev.iterdiff.bilevel.OuterEvaluator;
import dev.iterdiff.bilevel.OuterLoop;
import dev.iterdiff.bilevel.OuterOptions;
import dev.iterdiff.bilevel.OuterState;
import dev.iterdiff.problem.LinearModelObjective;
import dev.iterdiff.spark.hyperopt.SparkEvaluator;
import dev.iterdiff.spec.EstimatorSpec;
import dev.iterdiff.spec.SolverSpec;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.types.StructType;

/**
 * An {@code Estimator} used like Spark ML's {@code CrossValidator}: it takes a learner
 * ({@code LinearRegression} or binomial {@code LogisticRegression}, configured as you like —
 * fitIntercept, standardization, elasticNetParam = 0, its regParam the start), {@code numFolds}
 * (with {@code seed}) or a {@code foldCol}, and tunes {@code hyperparameters} — one
 * {@code regParam}, one λ per feature ({@code perFeature}, which no grid can search) or one
 * weight per training row ({@code perSample}, at the learner's fixed regParam, starting from its
 * weightCol: down-weights rows that hurt validation) — by
 * hypergradient descent (Adam on log θ; per sample, gradient steps with Armijo backtracking) on
 * the mean K-fold validation loss of
 * the learner's own objective (squared error; log loss; with a weightCol the instance weights
 * weigh both, as in Spark ML, unless they are the tuned θ), the folds solved on the executors
 * ({@link SparkEvaluator}). The columns are the learner's featuresCol and labelCol. It returns
 * a {@link HypergradientTunerModel} holding the learner's model refit on all rows at the tuned
 * regParam (by the learner's own {@code fit}; for per-feature λ or per-sample weights,
 * which Spark ML cannot fit,
 * iterdiff's solution of the same objective as the learner's model class), the tuned values,
 * the trajectory and the validation losses. A regParam of 0 (Spark's default) starts near the
 * best of {@code startPoints} log-spaced values in [1e-5, 1e2] ({@link StartScan}: a coarse scan
 * of the validation loss, warm-started; its evaluations are the trajectory's rows of phase
 * {@code scan}).
 */
public final class HypergradientTuner extends Estimator<HypergradientTunerModel>
    implements MLWritable {

  private static final long serialVersionUID = 1L;

  /** The learner param: its JSON is the class name; the stage is saved beside the metadata. */
  static final class LearnerParam extends Param<PipelineStage> {
    private static final long serialVersionUID = 1L;

    LearnerParam(HypergradientTuner parent) {
      super(parent, "learner", "the Spark ML learner to tune: LinearRegression or "
          + "LogisticRegression (elasticNetParam = 0)");
    }

    @Override
    public String jsonEncode(PipelineStage value) {
      return "\"" + value.getClass().getName() + "\"";
    }
  }

  private final String uid;
  private final LearnerParam learner;
  private final IntParam numFolds;
  private final Param<String> foldCol;
  private final Param<String> hyperparameters;
  private final IntParam maxIter;
  private final LongParam seed;
  private final IntParam startPoints;
  private final Param<String> refit;
  private final DoubleParam tol;

  /** A tuner with a random uid. */
  public HypergradientTuner() {
    this(Identifiable$.MODULE$.randomUID("hypergradientTuner"));
  }

  /** A tuner with the given uid (Spark ML's copy and load use this constructor). */
  public HypergradientTuner(String uid) {
    this.uid = uid;
    this.learner = new LearnerParam(this);
    this.numFolds = new IntParam(this, "numFolds", "number of folds for cross validation "
        + "(>= 2); with foldCol, the number of distinct fold values", ParamValidators.gtEq(2));
    this.foldCol = new Param<>(this, "foldCol", "column of user-specified fold numbers 0 to "
        + "numFolds - 1; empty: random folds from seed");
    this.hyperparameters = new Param<>(this, "hyperparameters", "what to tune: regParam (one "
        + "value), perFeature (one lambda per feature) or perSample (one weight per row, at the "
        + "learner's regParam > 0; starting from the learner's weightCol, else 1)",
        ParamValidators.inArray(new String[] {"regParam", "perFeature", "perSample"}));
    this.maxIter = new IntParam(this, "maxIter", "maximum outer (hypergradient) steps (>= 1)",
        ParamValidators.gtEq(1));
    this.seed = new LongParam(this, "seed", "random seed of the folds");
    this.startPoints = new IntParam(this, "startPoints", "when the learner's regParam is 0 "
        + "(Spark's default) and regParam or perFeature is tuned: number of log-spaced "
        + "regParam values in [1e-5, 1e2] whose mean validation loss is evaluated (largest "
        + "first, warm-started, until it rises) before the descent, which starts at the best; "
        + "0: start at 1",
        ParamValidators.gtEq(0));
    setDefault(numFolds, 3);
    setDefault(foldCol, "");
    setDefault(hyperparameters, "regParam");
    setDefault(maxIter, 100);
    setDefault(seed, 42L);
    setDefault(startPoints, 8);
    this.refit = new Param<>(this, "refit", "how the best model is refit on all rows at the "
        + "tuned values: iterdiff (Newton on the learner's own objective to 1e-12 on the "
        + "driver, no training summary) or learner (the learner's own fit, with its summary; "
        + "regParam only)", ParamValidators.inArray(new String[] {"iterdiff", "learner"}));
    this.tol = new DoubleParam(this, "tol", "the descent stops when an accepted step improves "
        + "the mean validation loss by at most tol relative (inner solves then at 1e-8), or "
        + "after maxIter steps", ParamValidators.gt(0));
    setDefault(refit, "iterdiff");
    setDefault(tol, 1e-6);
  }

  @Override
  public String uid() {
    return uid;
  }

  /** The learner to tune. */
  public Param<PipelineStage> learner() {
    return learner;
  }

  /** Number of folds. Default 3 (as CrossValidator). */
  public IntParam numFolds() {
    return numFolds;
  }

  /** Fold column. Default empty (random folds). */
  public Param<String> foldCol() {
    return foldCol;
  }

  /** regParam, perFeature or perSample. Default regParam. */
  public Param<String> hyperparameters() {
    return hyperparameters;
  }

  /** Outer steps. Default 100. */
  public IntParam maxIter() {
    return maxIter;
  }

  /** Fold seed. Default 42. */
  public LongParam seed() {
    return seed;
  }

  /** Start scan points. Default 8 (one per decade of [1e-5, 1e2]). */
  public IntParam startPoints() {
    return startPoints;
  }

  /** iterdiff or learner. Default iterdiff. */
  public Param<String> refit() {
    return refit;
  }

  public HypergradientTuner setRefit(String value) {
    return (HypergradientTuner) set(refit, value);
  }

  /** Relative-improvement stop. Default 1e-6. */
  public DoubleParam tol() {
    return tol;
  }

  public HypergradientTuner setTol(double value) {
    return (HypergradientTuner) set(tol, value);
  }

  public HypergradientTuner setStartPoints(int value) {
    return (HypergradientTuner) set(startPoints, value);
  }

  public HypergradientTuner setLearner(PipelineStage value) {
    return (HypergradientTuner) set(learner, value);
  }

  public HypergradientTuner setNumFolds(int value) {
    return (HypergradientTuner) set(numFolds, value);
  }

  public HypergradientTuner setFoldCol(String value) {
    return (HypergradientTuner) set(foldCol, value);
  }

  public HypergradientTuner setHyperparameters(String value) {
    return (HypergradientTuner) set(hyperparameters, value);
  }

  public HypergradientTuner setMaxIter(int value) {
    return (HypergradientTuner) set(maxIter, value);
  }

  public HypergradientTuner setSeed(long value) {
    return (HypergradientTuner) set(seed, value);
  }

  public PipelineStage getLearner() {
    if (!isDefined(learner)) {
      throw new IllegalArgumentException("HypergradientTuner " + uid + ": param learner is not "
          + "set (setLearner(new LogisticRegression()) or LinearRegression)");
    }
    return getOrDefault(learner);
  }

  /**
   * Checks the learner and the columns (features: vector; label and fold: numeric) without
   * running a job, and returns the learner's output schema.
   *
   * @throws IllegalArgumentException naming the unsupported learner or param, or the column.
   */
  @Override
  public StructType transformSchema(StructType schema) {
    SupportedLearner sl = SupportedLearner.of(getLearner());
    LabeledRows.checkSchema(schema, sl.featuresCol(), sl.labelCol(), getOrDefault(foldCol),
        sl.weightCol());
    return getLearner().transformSchema(schema);
  }

  @Override
  public HypergradientTunerModel fit(Dataset<?> dataset) {
    transformSchema(dataset.schema());
    SupportedLearner sl = SupportedLearner.of(getLearner());
    String fc = getOrDefault(foldCol);
    int k = (Integer) getOrDefault(numFolds);
    LabeledRows.Collected rows = LabeledRows.collect(dataset, sl.featuresCol(), sl.labelCol(),
        fc, sl.weightCol());
    sl.checkLabels(rows.data());
    int n = rows.data().rows();
    int p = rows.data().cols();
    List<Fold> folds = fc.isEmpty() ? KFold.split(n, k, (Long) getOrDefault(seed))
        : LabeledRows.folds(rows.folds(), k, fc);
    String what = getOrDefault(hyperparameters);
    boolean perFeature = "perFeature".equals(what);
    boolean perSample = "perSample".equals(what);
    if (perSample && !(sl.regParam() > 0)) {
      throw new IllegalArgumentException("learner param regParam = " + sl.regParam() + ": "
          + "hyperparameters = perSample tunes the row weights at the learner's fixed regParam "
          + "(set it > 0)");
    }
    LinearModelObjective objective = sl.objective(p);
    HyperparameterKind kind = perFeature ? HyperparameterKind.PER_FEATURE
        : perSample ? HyperparameterKind.PER_SAMPLE : HyperparameterKind.SINGLE;
    LinearModelFoldTasks tasks = new LinearModelFoldTasks(rows.data(), folds, objective, kind,
        new SolverSpec("newton", null, 200, Double.NaN), EstimatorSpec.of("implicit"),
        perSample ? null : rows.weights(), perSample ? sl.regParam() : Double.NaN);
    double[] theta0 = new double[kind.dimension(p, n)];
    if (perSample) {
      startWeights(rows.weights(), sl.weightCol(), theta0);
    } else {
      Arrays.fill(theta0, sl.regParam() > 0 ? sl.regParam() : 1.0);
    }
    // Newton inner solves: tight tolerances are cheap, so the schedule starts at 1e-6 and
    // reaches the floor (1e-8, where the relative-improvement stop applies) within 7 steps
    OuterOptions options = OuterOptions.defaults()
        .withStopping((Integer) getOrDefault(maxIter), 1e-6, (Double) getOrDefault(tol))
        .withInnerTolerance(1e-6, 0.5, 1e-8);
    if (perSample) {
      // N coordinates each with an O(1/N) share of the gradient: HOAG's 1/L start creeps;
      // Armijo backtracking that doubles the step on success reaches the useful scale fast
      options = options.withRule("gd", "backtracking", 10.0);
    } else {
      // validation curves are flat in log regParam near their minimum (diabetes: 2e-4 relative
      // over half a decade), where gradient steps (HOAG's 1/L) crawl and the relative stop
      // fires early; Adam's steps are scale-free (≈ 0.1 in log regParam per coordinate)
      options = options.withRule("adam", "fixed", 0.1);
    }
    OuterLoop loop = new OuterLoop(options);
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(
        dataset.sparkSession().sparkContext());
    OuterState state;
    double metric;
    List<StartScan.Point> scanned = List.of();
    int scanBest = -1;
    try (SparkEvaluator ev = new SparkEvaluator(jsc, tasks, null)) {
      if (!perSample && !(sl.regParam() > 0)) {
        int points = (Integer) getOrDefault(startPoints);
        if (points == 0) {
          Arrays.fill(theta0, 1.0);
        } else {
          StartScan.Result scan = StartScan.run(ev, points);
          Arrays.fill(theta0, scan.start());
          scanned = scan.points();
          scanBest = scan.best();
        }
      }
      state = loop.run(ev, loop.initialState(theta0, uid), s -> { }, Integer.MAX_VALUE);
      // the reported metric at a tight inner tolerance, on the executors, warm-started
      metric = ev.evaluate(state.bestTheta(), 1e-12).value();
    }
    double[] best = state.bestTheta();
    boolean own = perFeature || perSample || "iterdiff".equals(getOrDefault(refit));
    Model<?> bestModel = own
        ? sl.model(tasks.fit(best, 1e-12), p, objective.fitIntercept(),
            perFeature || perSample ? Double.NaN : best[0])
        : sl.fit(dataset, best[0]);
    HypergradientTunerModel model = new HypergradientTunerModel(uid, bestModel, what, best,
        metric, TunerTrajectory.frame(dataset.sparkSession(), scanned, scanBest,
            state.history(), theta0.length));
    return (HypergradientTunerModel) model.setParent(this);
  }

  /**
   * The start of per-sample tuning: the weight column's values (which must be &gt; 0: the
   * weights move on a log scale) or 1.
   *
   * @throws IllegalArgumentException naming the weight column and the row of a zero weight.
   */
  private static void startWeights(double[] weights, String column, double[] out) {
    if (weights == null) {
      Arrays.fill(out, 1.0);
      return;
    }
    for (int i = 0; i < out.length; i++) {
      if (!(weights[i] > 0)) {
        throw new IllegalArgumentException("weight column '" + column + "': row " + i + " is "
            + weights[i] + " (hyperparameters = perSample starts from these weights and moves "
            + "them on a log scale: need > 0)");
      }
      out[i] = weights[i];
    }
  }

  @Override
  public HypergradientTuner copy(ParamMap extra) {
    HypergradientTuner c = (HypergradientTuner) defaultCopy(extra);
    if (c.isDefined(c.learner)) {
      c.setLearner(c.getLearner().copy(extra));
    }
    return c;
  }

  @Override
  public MLWriter write() {
    return new TunerPersistence.TunerWriter(this);
  }

  /** The reader of {@link #write()}'s directories. */
  public static MLReader<HypergradientTuner> read() {
    return new TunerPersistence.TunerReader();
  }

  /** Loads a tuner saved by {@code write().save(path)}. */
  public static HypergradientTuner load(String path) {
    return read().load(path);
  }
}
