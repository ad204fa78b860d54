package dev.iterdiff.spark.hyperopt;

import dev.iterdiff.spark.OutputPaths;
import dev.iterdiff.spark.config.HyperoptSettings;

import dev.iterdiff.bilevel.Fold;
import dev.iterdiff.bilevel.FoldTasks;
import dev.iterdiff.bilevel.KFold;
import dev.iterdiff.bilevel.OuterLoop;
import dev.iterdiff.bilevel.OuterObjective;
import dev.iterdiff.bilevel.OuterObjectives;
import dev.iterdiff.bilevel.OuterState;
import dev.iterdiff.bilevel.OuterStep;
import dev.iterdiff.problem.LabeledData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * Distributed hypergradient descent (issue 4): one tuning of θ by K-fold cross validation.
 * The outer state lives on the driver ({@link OuterLoop}); every outer step evaluates the
 * mean validation loss over folds and its hypergradient on the executors
 * ({@link SparkEvaluator}) and is checkpointed to {@code <output>/checkpoint} (outer state +
 * warm starts). {@code resume} continues from the checkpoint and reaches the same θ as an
 * uninterrupted run; a checkpoint written by another config or from other data (the
 * SHA-256 of the bytes read) is refused. When the loop stops,
 * the final model is refit on all cross-validation rows and measured on the held-out test rows,
 * and {@link HyperoptOutput} writes trajectory, θ, metrics and plot.
 */
public final class HyperoptJob {

  /**
   * @param state    the outer state reached.
   * @param finished whether the loop stopped by itself (false: interrupted by stepLimit).
   * @param metrics  final metrics (empty when not finished).
   * @param phases   wall seconds per phase of this call, in order (read, setup, evaluation,
   *                 checkpoint, refit, output).
   */
  public record Result(OuterState state, boolean finished, Map<String, Object> metrics,
      Map<String, Double> phases) {

    public Result {
      metrics = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
      phases = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(phases));
    }
  }

  private HyperoptJob() {}

  /** The cross-validation data, the test data and the folds of a config. */
  record Split(LabeledData cv, LabeledData test, List<Fold> folds) {}

  static Split split(HyperoptSettings s, LabeledData all) {
    Fold hold = KFold.holdOut(all.rows(), s.testFraction(), s.seed());
    LabeledData cv = KFold.subset(all, hold.trainRows(), all.source());
    LabeledData test = KFold.subset(all, hold.validationRows(), all.source() + " (test)");
    return new Split(cv, test, KFold.split(cv.rows(), s.folds(), s.seed()));
  }

  /** θ₀ of length dim θ: one value repeated, or exactly dim θ values. */
  static double[] theta0(double[] given, int dim, String kind) {
    if (given.length == 1) {
      double[] t = new double[dim];
      java.util.Arrays.fill(t, given[0]);
      return t;
    }
    if (given.length != dim) {
      throw new IllegalArgumentException("hyperopt.theta0: " + given.length + " values, but "
          + kind + " hyperparameters need 1 or " + dim);
    }
    return given.clone();
  }

  /**
   * Runs (or resumes) the tuning.
   *
   * @param stepLimit at most this many outer steps in this call (an interruption for tests;
   *                  {@link Integer#MAX_VALUE} for none).
   * @throws IllegalArgumentException on bad input: θ₀ out of domain, data not matching,
   *         resume without a checkpoint or with another config, a fresh run over a checkpoint.
   */
  public static Result run(SparkSession spark, HyperoptSettings settings, boolean resume,
      int stepLimit) throws IOException {
    PhaseClock clock = new PhaseClock();
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    // executors write under the output: fix a relative one on the driver (OutputPaths)
    HyperoptSettings s = settings.withOutput(OutputPaths.qualified(settings.output(), conf));
    HyperoptOutputCheck.writable(s.output(), conf);
    HyperoptData.Digested read = HyperoptData.read(spark, s, s.data().get(0), conf);
    Split sp = split(s, read.data());
    List<HyperoptCheckpoint.DataDigest> digests =
        List.of(new HyperoptCheckpoint.DataDigest(s.data().get(0), read.sha256()));
    int dim = s.inner().thetaDim(sp.cv());
    OuterLoop loop = new OuterLoop(s.outer());
    OuterState state;
    JavaPairRDD<Integer, double[]> warm = null;
    clock.lap("read");
    if (resume) {
      HyperoptCheckpoint cp = HyperoptCheckpoint.read(s.output(), conf);
      if (!cp.state().fingerprint().equals(s.fingerprint())) {
        throw new IllegalArgumentException("--resume: the checkpoint at "
            + HyperoptCheckpoint.file(s.output()) + " was written by a different config "
            + "(fingerprint " + abbreviate(cp.state().fingerprint()) + ", this config "
            + abbreviate(s.fingerprint()) + "); resume with the config that wrote it, or "
            + "choose another output");
      }
      cp.requireSameData(digests, s.output());
      if (cp.state().dim() != dim) {
        throw new IllegalArgumentException("--resume: the checkpoint at "
            + HyperoptCheckpoint.file(s.output()) + " holds a theta of length "
            + cp.state().dim() + ", but this problem has dim theta = " + dim);
      }
      if (!cp.state().parametrization().name().equals(loop.parametrization().name())) {
        throw new IllegalArgumentException("--resume: the checkpoint at "
            + HyperoptCheckpoint.file(s.output()) + " uses the parametrization '"
            + cp.state().parametrization().name() + "', this config '"
            + loop.parametrization().name() + "'");
      }
      state = cp.state().withParametrization(loop.parametrization());
      if (cp.warmDir() != null) {
        warm = SparkEvaluator.loadWarmStarts(jsc, cp.warmPath(s.output()).toString(),
            sp.folds().size(), sp.cv().cols());
      }
    } else {
      if (HyperoptCheckpoint.exists(s.output(), conf)) {
        throw new IllegalArgumentException("output " + s.output() + " already holds a "
            + "checkpoint: pass --resume to continue it, or choose another output");
      }
      state = loop.initialState(theta0(s.theta0(), dim, s.inner().kind().spelling()),
          s.fingerprint());
    }
    // one fold built on the driver: a condition that does not hold for the problem (the
    // default stationarity on a lasso) is a config error here, not a stack trace in a task
    try {
      s.inner().fold(sp.cv(), sp.folds().get(0));
    } catch (IllegalArgumentException e) {
      throw new dev.iterdiff.spark.config.JobConfigException("hyperopt.inner.condition",
          e.getMessage());
    }
    double[] checkpointSeconds = {0};
    try (SparkEvaluator ev = new SparkEvaluator(jsc, new FoldTasks(sp.cv(), sp.folds(),
        s.inner()), warm)) {
      clock.lap("setup");
      prepareWarmDir(ev, s.output(), state.iteration + 1, conf);
      int[] step = {state.iteration};
      try {
        state = loop.run(ev, state, dev.iterdiff.spark.OuterProgress.after(st -> {
          long t0 = System.nanoTime();
          checkpoint(ev, st, digests, s.output(), conf, sp.folds().size(), sp.cv().cols());
          step[0] = st.iteration;
          if (!st.done()) {
            prepareWarmDir(ev, s.output(), st.iteration + 1, conf);
          }
          checkpointSeconds[0] += (System.nanoTime() - t0) * 1e-9;
        }, "hyperopt",
          state.iteration, s.outer().maxIterations()), stepLimit);
      } catch (NonFiniteFoldException e) {
        throw e.atStep(step[0]);
      }
      clock.lap("evaluation", checkpointSeconds[0]);
      clock.add("checkpoint", checkpointSeconds[0]);
    }
    if (!state.done()) {
      return new Result(state, false, Map.of(), clock.phases());
    }
    Map<String, Object> metrics = finalMetrics(s, sp, state);
    clock.lap("refit");
    HyperoptOutput.write(spark, s.output(), state, metrics, "iterdiff hyperopt: "
        + s.inner().problem() + ", " + s.inner().kind().spelling() + " theta, "
        + s.outer().optimizer() + "/" + s.outer().stepRule());
    clock.lap("output");
    return new Result(state, true, metrics, clock.phases());
  }

  private static String abbreviate(String fingerprint) {
    return fingerprint.substring(0, Math.min(12, fingerprint.length()));
  }

  /** Steps between two rebases of the warm starts on their checkpointed copy. */
  static final int REBASE_EVERY = 10;

  /**
   * Makes the evaluation of step {@code step} write its warm starts to
   * {@code checkpoint/warm-<step>} (emptied first: a killed run may have left part of it).
   */
  private static void prepareWarmDir(SparkEvaluator ev, String output, int step,
      Configuration conf) {
    Path p = new Path(output, "checkpoint/warm-" + step);
    try {
      p.getFileSystem(conf).delete(p, true);
    } catch (IOException e) {
      throw new UncheckedIOException("checkpoint to " + output + " failed", e);
    }
    ev.writeNextWarmStartsTo(p.toString());
  }

  /**
   * The checkpoint of step {@code st.iteration}: its warm starts were written by the
   * evaluation's tasks into {@code checkpoint/warm-<step>} (no job of their own, no read-back);
   * then state.json is replaced atomically and the previous step's warm starts deleted. Every
   * {@link #REBASE_EVERY} steps the evaluator is rebased on the written copy (read on the
   * driver: {@code folds} files of {@code cols} numbers), which bounds the lineage.
   */
  private static void checkpoint(SparkEvaluator ev, OuterState st,
      List<HyperoptCheckpoint.DataDigest> digests, String output, Configuration conf,
      int folds, int cols) {
    try {
      String rel = "checkpoint/warm-" + st.iteration;
      Path p = new Path(output, rel);
      new HyperoptCheckpoint(st, rel, digests).write(output, conf);
      if (st.iteration % REBASE_EVERY == 0) {
        // read on the driver (K small files, checked as --resume reads them) and
        // parallelized: no Hadoop input-format job per rebase
        ev.rebase(ev.sparkContext().parallelizePairs(
            WarmStarts.read(p.toString(), folds, cols, conf), ev.partitions()));
      }
      Path old = new Path(new Path(output, "checkpoint"), "warm-" + (st.iteration - 1));
      old.getFileSystem(conf).delete(old, true);
    } catch (IOException e) {
      throw new UncheckedIOException("checkpoint to " + output + " failed", e);
    }
  }

  /** Refit on all cross-validation rows at the best θ; metrics on the test rows. */
  static Map<String, Object> finalMetrics(HyperoptSettings s, Split sp, OuterState state) {
    double[] theta = state.bestTheta();
    double[] x = s.inner().fit(sp.cv(), theta, 1e-10);
    OuterObjective test = OuterObjectives.create(s.inner().outerLoss(), sp.test(), x.length);
    OuterStep best = null;
    long solves = 0;
    long inner = 0;
    double seconds = 0;
    for (OuterStep st : state.history()) {
      solves += st.solves();
      inner += st.innerIterations();
      seconds += st.seconds();
      if (st.accepted() && (best == null || st.value() < best.value())) {
        best = st;
      }
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("outer_loss", s.inner().outerLoss());
    m.put("validation_loss", best.value());
    boolean classifier = s.inner().outerLoss().equals("logistic");
    if (classifier) {
      m.put("validation_misclassification", best.misclassification());
    }
    m.put("test_loss", test.value(x, theta));
    if (classifier) {
      m.put("test_misclassification", test.misclassification(x));
    }
    m.put("test_rows", sp.test().rows());
    m.put("folds", sp.folds().size());
    m.put("theta_dim", theta.length);
    m.put("outer_iterations", state.iteration);
    m.put("inner_solves", solves);
    m.put("inner_iterations", inner);
    m.put("evaluation_seconds", seconds);
    m.put("stop", state.stopReason());
    return m;
  }
}
