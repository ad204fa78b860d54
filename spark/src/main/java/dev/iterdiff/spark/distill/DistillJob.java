package dev.iterdiff.spark.distill;

import dev.iterdiff.bilevel.OuterLoop;
import dev.iterdiff.bilevel.OuterState;
import dev.iterdiff.problem.LabeledData;
import dev.iterdiff.problem.SyntheticDataSoftmax;
import dev.iterdiff.spark.OutputPaths;
import dev.iterdiff.spark.config.DistillSettings;
import dev.iterdiff.spark.hyperopt.HyperoptCheckpoint;
import dev.iterdiff.spark.hyperopt.HyperoptOutput;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * Dataset distillation on Spark (issue 11; Wang et al. 2018; the JAXopt paper, Blondel et al.
 * 2021, §4): learns classes × images-per-class synthetic images θ such that softmax regression
 * trained on them alone ({@link SyntheticDataSoftmax}) does well on the real training set.
 * Each outer step solves the small inner problem on the driver, reduces the real-data loss and
 * its gradient over the partitions ({@link SparkRealDataLoss}, treeAggregate in partition
 * order), and takes one implicit (or unrolled) VJP ({@link DistillEvaluator}); Adam moves θ,
 * clipped to [0, 1] (the {@code box} parametrization). The outer state is checkpointed after
 * every step ({@link HyperoptCheckpoint}, with the SHA-256 of both data files, without the
 * history: the step rows go to a Parquet trajectory, {@link StepRows}); {@code resume}
 * continues it to the same θ bit for bit (the inner solve starts from x = 0 every step). When
 * done: the test accuracy of the model trained on the distilled images against the same number
 * of random real images per class ({@link DistillMetrics}), the images as a PNG grid, and
 * hyperopt's trajectory outputs (Parquet, CSV, theta.json, metrics.json, trajectory.png).
 */
public final class DistillJob {

  /**
   * @param state    the outer state reached.
   * @param finished whether the loop stopped by itself.
   * @param metrics  final metrics (empty when not finished).
   * @param costs    phases of each outer step of this call.
   */
  public record Result(OuterState state, boolean finished, Map<String, Object> metrics,
      List<DistillEvaluator.StepCost> costs) {}

  private DistillJob() {}

  /**
   * Runs (or resumes) a distillation.
   *
   * @param stepLimit at most this many outer steps in this call ({@link Integer#MAX_VALUE}:
   *                  none).
   * @throws IllegalArgumentException on bad input: missing or malformed data files (naming the
   *         key and file), too few images of a class, resume without a checkpoint or with
   *         another config or data, a fresh run over a checkpoint.
   */
  public static Result run(SparkSession spark, DistillSettings settings, boolean resume,
      int stepLimit) throws IOException {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    DistillSettings s = settings.withOutput(OutputPaths.qualified(settings.output(), conf));
    LabeledData train = DistillData.read("distill.train", s.train());
    LabeledData test = DistillData.read("distill.test", s.test());
    if (test.cols() != train.cols()) {
      throw new IllegalArgumentException("distill.test: " + test.cols() + " pixels per image, "
          + "distill.train " + train.cols());
    }
    int classes = DistillData.classes(train);
    List<HyperoptCheckpoint.DataDigest> digests = List.of(DistillData.digest(s.train()),
        DistillData.digest(s.test()));
    SyntheticDataSoftmax problem = new SyntheticDataSoftmax(train.cols(),
        DistillData.syntheticLabels(classes, s.imagesPerClass()), classes, s.lambda());
    double[] theta0 = s.init().equals("real")
        ? DistillData.randomReal(train, classes, s.imagesPerClass(), s.seed())
        : DistillData.noise(problem.thetaDim(), s.seed());
    OuterLoop loop = new OuterLoop(s.outer());
    OuterState state = resume ? StepRows.restore(spark, s.output(),
        resumed(s, conf, digests, problem.thetaDim())) : fresh(s, conf, loop, theta0);
    List<DistillEvaluator.StepCost> costs = new ArrayList<>();
    try (SparkRealDataLoss outer = new SparkRealDataLoss(jsc,
        ImageBlock.split(train, s.partitions()), classes)) {
      DistillEvaluator ev = new DistillEvaluator(problem, outer, s.solver(), s.estimator(),
          s.innerIterations());
      state = loop.run(ev, state, dev.iterdiff.spark.OuterProgress.after(st -> {
        costs.add(ev.lastCost());
        try {
          StepRows.append(spark, s.output(), st);
          new HyperoptCheckpoint(st.withHistory(List.of()), null, digests).write(s.output(),
              conf);
        } catch (IOException e) {
          throw new UncheckedIOException("checkpoint to " + s.output() + " failed", e);
        }
      }, "distill",
          state.iteration, s.outer().maxIterations()), stepLimit);
    }
    if (!state.done()) {
      return new Result(state, false, Map.of(), costs);
    }
    Map<String, Object> metrics = new LinkedHashMap<>(DistillMetrics.compute(s, problem, train,
        test, classes, state));
    metrics.putAll(DistillMetrics.costs(costs));
    HyperoptOutput.write(spark, s.output(), state, metrics, "iterdiff distill: "
        + classes + " x " + s.imagesPerClass() + " images, " + s.estimator() + ", adam");
    int side = (int) Math.round(Math.sqrt(train.cols()));
    boolean square = side * side == train.cols();
    Path png = new Path(s.output(), "distilled.png");
    try (OutputStream out = png.getFileSystem(conf).create(png, true)) {
      ImageGrid.write("distilled images (columns = classes 0.." + (classes - 1) + ")",
          state.bestTheta(), classes, s.imagesPerClass(), square ? side : train.cols(),
          square ? side : 1, out);
    }
    return new Result(state, true, metrics, costs);
  }

  private static OuterState fresh(DistillSettings s, Configuration conf, OuterLoop loop,
      double[] theta0) throws IOException {
    if (HyperoptCheckpoint.exists(s.output(), conf)) {
      throw new IllegalArgumentException("output " + s.output() + " already holds a "
          + "checkpoint: pass --resume to continue it, or choose another output");
    }
    Path steps = StepRows.dir(s.output());
    steps.getFileSystem(conf).delete(steps, true); // rows of a run killed before its checkpoint
    return loop.initialState(theta0, s.fingerprint());
  }

  private static OuterState resumed(DistillSettings s, Configuration conf,
      List<HyperoptCheckpoint.DataDigest> digests, int dim) throws IOException {
    HyperoptCheckpoint cp = HyperoptCheckpoint.read(s.output(), conf);
    Path f = HyperoptCheckpoint.file(s.output());
    if (!cp.state().fingerprint().equals(s.fingerprint())) {
      throw new IllegalArgumentException("--resume: the checkpoint at " + f + " was written "
          + "by a different config; resume with the config that wrote it, or choose another "
          + "output");
    }
    if (!cp.data().equals(digests)) {
      throw new IllegalArgumentException("--resume: the data files have changed since the "
          + "checkpoint at " + f + " was written");
    }
    if (cp.state().dim() != dim) {
      throw new IllegalArgumentException("--resume: the checkpoint at " + f + " holds a theta "
          + "of length " + cp.state().dim() + ", this config " + dim);
    }
    return cp.state();
  }
}
