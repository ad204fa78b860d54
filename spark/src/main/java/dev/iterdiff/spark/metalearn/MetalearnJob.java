package dev.iterdiff.spark.metalearn;

import dev.iterdiff.bilevel.OuterLoop;
import dev.iterdiff.bilevel.OuterState;
import dev.iterdiff.bilevel.OuterStep;
import dev.iterdiff.data.IdxReader;
import dev.iterdiff.data.LibsvmReader;
import dev.iterdiff.data.TaskSampler;
import dev.iterdiff.problem.LabeledData;
import dev.iterdiff.spark.OutputPaths;
import dev.iterdiff.spark.config.MetalearnSettings;
import dev.iterdiff.spark.hyperopt.HyperoptCheckpoint;
import dev.iterdiff.spark.hyperopt.HyperoptOutput;
import dev.iterdiff.spark.hyperopt.HyperoptData;
import dev.iterdiff.spec.InnerKernel;
import dev.iterdiff.spec.ProblemSpec;
import dev.iterdiff.solver.Solve;
import dev.iterdiff.solver.SolveOptions;
import dev.iterdiff.solver.Storage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * The meta-learning job (issue 11): iMAML with a convex inner problem (Rajeswaran et al. 2019;
 * Denevi et al. 2019). The driver splits the classes, builds the tasks ({@link MetaTasks},
 * every bad input refused here), and runs the generic outer loop on θ ({@link MetaPrior}'s
 * parametrization; Adam or GD), each step's meta-gradient computed on the executors by
 * {@link MetaBatchEvaluator} over that step's meta-batch (fresh per step by default; task-order
 * sums: the same bits as in-process), checkpointing each step ({@link HyperoptCheckpoint}, with
 * the SHA-256 of the data files; {@code resume} continues, and refuses changed data). At the
 * end, {@link MetaTestEvaluation#runOnSpark} measures adaptation on fresh tasks of the
 * meta-test classes on the executors, and {@link HyperoptOutput} writes the trajectory (Parquet,
 * CSV), theta.json, metrics.json and the meta-training curve.
 */
public final class MetalearnJob {

  /** The outer state reached, whether it finished, and the metrics (empty if not). */
  public record Result(OuterState state, boolean finished, Map<String, Object> metrics) {}

  private MetalearnJob() {}

  /**
   * Reads the data set: IDX images (a name ending in .gz or holding -idx3 / .idx; labels from
   * the labels-idx1 file beside it) or LIBSVM.
   *
   * @throws IllegalArgumentException for a missing or malformed file, naming it.
   */
  public static LabeledData read(String file) throws IOException {
    Path p = Path.of(file);
    if (!java.nio.file.Files.isRegularFile(p)) {
      throw new IllegalArgumentException("metalearn.data: file not found: " + file);
    }
    String name = String.valueOf(p.getFileName());
    boolean idx = name.endsWith(".gz") || name.contains(".idx") || name.contains("-idx3");
    return idx ? IdxReader.read(p) : LibsvmReader.read(p);
  }

  /** The meta-batch of a config on its data (driver-side checks included). */
  public static MetaTasks tasks(MetalearnSettings s, LabeledData data) {
    TaskSampler.MetaSplit split = TaskSampler.split(data, s.metaTrainClasses(), s.seed());
    return new MetaTasks(data, split.metaTrain(), new MetaTasks.TaskShape(s.ways(), s.shots(),
        s.queries()), s.lambda(), s.seed(), s.metaBatch(), s.solver(), s.estimator(),
        MetaPrior.of(s.prior()), s.fresh(), s.features(), s.temperature(),
        MetaPrior.of(s.prior()) == MetaPrior.FEATURE_SCALES ? baseMap(s, data) : null);
  }

  /** W₀ of {@link FeatureMapInit} on the meta-train pool's images. */
  static double[] baseMap(MetalearnSettings s, LabeledData data) {
    TaskSampler.MetaSplit split = TaskSampler.split(data, s.metaTrainClasses(), s.seed());
    return FeatureMapInit.of(s.featureInit(), MetaTasks.poolRows(data, split.metaTrain()),
        s.features(), s.seed());
  }

  /**
   * θ₀ of a config: the prior's own start, or for the feature map W₀ of
   * {@link FeatureMapInit} on the meta-train pool's images.
   */
  static double[] initial(MetalearnSettings s, LabeledData data, MetaTasks tasks) {
    if (tasks.prior() == MetaPrior.FEATURE_SCALES) {
      double[] ones = new double[s.features()];
      java.util.Arrays.fill(ones, 1.0);
      return ones;
    }
    if (tasks.prior() != MetaPrior.FEATURE_MAP) {
      return tasks.prior().initial(tasks.thetaDim(), s.lambda());
    }
    double[] w = baseMap(s, data);
    return s.temperature() ? java.util.Arrays.copyOf(w, w.length + 1) : w; // log τ₀ = 0
  }

  /**
   * The data files a config reads and the SHA-256 of each: the file itself, and for IDX images
   * the labels file beside it.
   */
  public static List<HyperoptCheckpoint.DataDigest> digests(String file, Configuration conf)
      throws IOException {
    List<HyperoptCheckpoint.DataDigest> out = new java.util.ArrayList<>();
    out.add(HyperoptData.digest(file, conf));
    Path p = Path.of(file);
    String name = String.valueOf(p.getFileName());
    if (name.contains("images-idx3")) {
      out.add(HyperoptData.digest(IdxReader.labelsFileFor(p).toString(), conf));
    }
    return out;
  }

  /** Spark partitions of a config: its own, or the context's default parallelism. */
  static int partitions(MetalearnSettings s, JavaSparkContext jsc) {
    return s.partitions() > 0 ? s.partitions() : jsc.defaultParallelism();
  }

  /**
   * Runs (or resumes) the meta-training, then the meta-test.
   *
   * @param stepLimit at most this many outer steps in this call (tests' interruption).
   * @throws IllegalArgumentException on --resume with another config, or with a data file whose
   *         bytes changed since the checkpoint (naming the file).
   */
  public static Result run(SparkSession spark, MetalearnSettings settings, LabeledData data,
      boolean resume, int stepLimit) throws IOException {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    String output = OutputPaths.qualified(settings.output(), conf);
    List<HyperoptCheckpoint.DataDigest> digests = digests(settings.data(), conf);
    MetaTasks tasks = tasks(settings, data);
    OuterLoop loop = new OuterLoop(settings.outer());
    OuterState state;
    if (resume) {
      HyperoptCheckpoint cp = HyperoptCheckpoint.read(output, conf);
      if (!cp.state().fingerprint().equals(settings.fingerprint())) {
        throw new IllegalArgumentException("--resume: the checkpoint at "
            + HyperoptCheckpoint.file(output) + " was written by a different config");
      }
      cp.requireSameData(digests, output);
      state = cp.state().withParametrization(loop.parametrization());
    } else {
      if (HyperoptCheckpoint.exists(output, conf)) {
        throw new IllegalArgumentException("output " + output + " already holds a checkpoint: "
            + "pass --resume to continue it, or choose another output");
      }
      state = loop.initialState(initial(settings, data, tasks), settings.fingerprint());
    }
    java.util.function.Consumer<OuterState> after = dev.iterdiff.spark.OuterProgress.after(
        st -> checkpoint(st, digests, output, conf), "metalearn", state.iteration,
        settings.outer().maxIterations());
    try (MetaBatchEvaluator ev = new MetaBatchEvaluator(jsc, tasks, partitions(settings, jsc))) {
      for (int n = 0; n < stepLimit && !state.done(); n++) {
        state = loop.step(ev.atStep(state.iteration), state);
        after.accept(state);
      }
    }
    if (!state.done()) {
      return new Result(state, false, Map.of());
    }
    Map<String, Object> metrics = metrics(settings, data, tasks, state, jsc);
    HyperoptOutput.write(spark, output, state, metrics, "iterdiff metalearn: "
        + settings.ways() + "-way " + settings.shots() + "-shot, " + settings.prior()
        + " prior, " + settings.estimator().names().get(0) + ", meta-training query loss");
    return new Result(state, true, metrics);
  }

  private static void checkpoint(OuterState st, List<HyperoptCheckpoint.DataDigest> digests,
      String output, Configuration conf) {
    try {
      new HyperoptCheckpoint(st, null, digests).write(output, conf);
    } catch (IOException e) {
      throw new UncheckedIOException("checkpoint to " + output + " failed", e);
    }
  }

  /**
   * θ pretrained on the pooled meta-train classes: the C-class softmax with ℓ₂ weight λ on all
   * their images; column k of θ is the weight column of the k-th meta-train class (k &lt; N).
   * Tasks relabel their classes at random, so this prior is a transfer baseline, not an oracle.
   */
  static double[] pretrained(MetalearnSettings s, LabeledData data, int[] pool) {
    int[] rows = java.util.stream.IntStream.range(0, data.rows())
        .filter(i -> java.util.Arrays.binarySearch(pool, (int) data.labels()[i]) >= 0).toArray();
    LabeledData pooled = dev.iterdiff.bilevel.KFold.subset(data, rows, data.source()
        + " (meta-train classes)");
    int p = data.cols();
    int dim = p * pool.length;
    InnerKernel k = InnerKernel.build(new ProblemSpec("softmax-prior", s.lambda()), s.solver(),
        dev.iterdiff.spec.EstimatorSpec.of("one-step"), pooled, dim);
    double[] w = Solve.run(k.solver(), new double[dim], new double[dim], new SolveOptions(
        s.solver().iterations(), s.innerTolerance(), Storage.lastTwo())).x();
    return java.util.Arrays.copyOf(w, p * s.ways());
  }

  /**
   * The θ the meta-test adapts from: with a fixed meta-batch the best of the run (one
   * objective throughout); with fresh batches the last (each step's value is of another batch,
   * so "best" would select the luckiest batch, not the best θ).
   */
  static double[] learned(OuterState state, MetalearnSettings s) {
    if (!s.fresh()) {
      return state.bestTheta();
    }
    java.util.List<OuterStep> h = state.history();
    return h.get(h.size() - 1).theta();
  }

  static Map<String, Object> metrics(MetalearnSettings s, LabeledData data, MetaTasks tasks,
      OuterState state, JavaSparkContext jsc) {
    Map<String, Object> m = new LinkedHashMap<>();
    OuterStep first = state.history().get(0);
    m.put("meta_train_query_loss_initial", first.value());
    m.put("meta_train_query_loss_best", state.bestValue());
    m.put("meta_train_query_error_initial", first.misclassification());
    m.put("outer_iterations", state.iteration);
    m.put("estimator", s.estimator().names().get(0));
    m.put("lambda", s.lambda());
    m.put("meta_batch", s.metaBatch());
    m.put("prior", s.prior());
    m.put("sampling", s.fresh() ? "fresh" : "fixed");
    long inner = 0;
    double seconds = 0;
    for (OuterStep st : state.history()) {
      inner += st.innerIterations();
      seconds += st.seconds();
    }
    m.put("inner_iterations", inner);
    m.put("evaluation_seconds", seconds);
    m.put("cg_residual_max", CgResiduals.max(tasks, learned(state, s), s.innerTolerance()));
    if (s.testTasks() > 0) {
      TaskSampler.MetaSplit split = TaskSampler.split(data, s.metaTrainClasses(), s.seed());
      Map<String, MetaTestEvaluation.Prior> priors = new LinkedHashMap<>();
      double[] learned = learned(state, s);
      if (tasks.prior().featureHead()) {
        learned = tasks.featureMap(learned);
      }
      priors.put("learned", new MetaTestEvaluation.Prior(tasks.prior().featureHead()
          ? MetaPrior.FEATURE_MAP : tasks.prior(), learned));
      if (tasks.prior().featureHead()) {
        double[] w0 = tasks.featureMap(initial(s, data, tasks));
        priors.put("initial-map", new MetaTestEvaluation.Prior(MetaPrior.FEATURE_MAP, w0));
        priors.put("learned-map-centroid", new MetaTestEvaluation.Prior(MetaPrior.FEATURE_MAP,
            learned, true));
        priors.put("initial-map-centroid", new MetaTestEvaluation.Prior(MetaPrior.FEATURE_MAP,
            w0, true));
        m.put("features", s.features());
        m.put("feature_init", s.featureInit());
        m.put("learn_temperature", s.temperature());
        if (s.temperature()) {
          m.put("temperature", Math.exp(learned[learned.length - 1]));
        }
        if (tasks.prior() == MetaPrior.FEATURE_SCALES) {
          m.put("learned_scales", learned(state, s));
        }
      }
      priors.put("zero", new MetaTestEvaluation.Prior(MetaPrior.MEAN,
          new double[data.cols() * s.ways()]));
      priors.put("pretrained", new MetaTestEvaluation.Prior(MetaPrior.MEAN,
          pretrained(s, data, split.metaTrain())));
      Map<String, Object> test = new LinkedHashMap<>();
      for (int k : s.testShots()) {
        Map<String, Object> row = new LinkedHashMap<>();
        MetaTestEvaluation.runOnSpark(jsc, partitions(s, jsc), data, split.metaTest(),
            new MetaTasks.TaskShape(s.ways(), k,
            s.queries()), s.lambda(), priors, s.solver(), s.innerTolerance(), s.testTasks(),
            s.seed() ^ 0x5eedL).forEach((name, acc) -> row.put(name, acc.json()));
        test.put(s.ways() + "-way " + k + "-shot", row);
      }
      m.put("meta_test_classes", java.util.Arrays.toString(split.metaTest()));
      m.put("meta_test", test);
    }
    m.put("stop", state.stopReason());
    m.put("learned_theta", s.fresh() ? "last" : "best");
    return m;
  }
}
