package dev.iterdiff.spark.hyperopt;

import dev.iterdiff.spark.SharedSparkSession;
import dev.iterdiff.spark.config.HyperoptConfig;
import dev.iterdiff.spark.config.HyperoptSettings;
import dev.iterdiff.spark.config.JobConfigException;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import dev.iterdiff.bilevel.LocalEvaluator;
import dev.iterdiff.bilevel.OuterEvaluation;
import dev.iterdiff.problem.LabeledData;
import java.io.File;
import java.nio.file.Files;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/** The hyperopt job on the shared local SparkSession, on the diabetes sample. */
class HyperoptJobTest {

  static HyperoptSettings settings(String output, String extra) {
    return HyperoptConfig.parse(ConfigFactory.parseString("hyperopt { data = "
        + "[\"data-samples/diabetes.libsvm\"], folds = 4, seed = 3, output = \"" + output + "\", "
        + "outer { max-iterations = 12, gradient-tolerance = 1e-9, relative-tolerance = 0 }, "
        + extra + " }").resolve());
  }

  static String fresh(String name) throws Exception {
    File dir = new File("target/test-hyperopt/" + name);
    if (dir.exists()) {
      try (var paths = Files.walk(dir.toPath())) {
        paths.sorted(java.util.Comparator.reverseOrder()).map(java.nio.file.Path::toFile)
            .forEach(File::delete);
      }
    }
    return dir.getPath();
  }

  private static void assertClose(double[] a, double[] b, double rel, String what) {
    for (int j = 0; j < a.length; j++) {
      assertEquals(a[j], b[j], rel * Math.max(1e-300, Math.abs(a[j])), what + "[" + j + "]");
    }
  }

  @Test
  void clusterReducedHypergradientEqualsTheInProcessOne() throws Exception {
    SparkSession spark = SharedSparkSession.get();
    HyperoptSettings s = settings(fresh("equal"), "hyperparameters = per-feature");
    HyperoptJob.Split sp = HyperoptJob.split(s, HyperoptData.read(s.data().get(0),
        spark.sparkContext().hadoopConfiguration()));
    LocalEvaluator local = s.inner().local(sp.cv(), sp.folds());
    double[] theta = new double[sp.cv().cols()];
    for (int j = 0; j < theta.length; j++) {
      theta[j] = 0.1 + 0.3 * j;
    }
    try (SparkEvaluator cluster = new SparkEvaluator(
        JavaSparkContext.fromSparkContext(spark.sparkContext()), sp.cv(), sp.folds(),
        s.inner(), null)) {
      for (int step = 0; step < 2; step++) { // the second call starts from warm starts
        OuterEvaluation a = local.evaluate(theta, 1e-10);
        OuterEvaluation b = cluster.evaluate(theta, 1e-10);
        // the same fold code, summed in fold order on both sides: equal to the last bit
        assertEquals(a.value(), b.value(), 0, "value, step " + step);
        org.junit.jupiter.api.Assertions.assertArrayEquals(a.gradient(), b.gradient(), 0,
            "gradient, step " + step);
        assertEquals(a.folds(), b.folds());
        assertEquals(a.innerIterations(), b.innerIterations());
        theta[0] *= 2;
      }
    }
  }

  @Test
  void closingClearsTheFoldCacheWithAJobOnTheExecutors() throws Exception {
    SparkSession spark = SharedSparkSession.get();
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    HyperoptSettings s = settings(fresh("cache"), "hyperparameters = single");
    HyperoptJob.Split sp = HyperoptJob.split(s, HyperoptData.read(s.data().get(0),
        spark.sparkContext().hadoopConfiguration()));
    String id;
    try (SparkEvaluator cluster = new SparkEvaluator(jsc, sp.cv(), sp.folds(), s.inner(),
        null)) {
      id = cluster.runId();
      cluster.evaluate(new double[] {0.1}, 1e-8);
      // local mode: the executor is this JVM, so its cache is visible here
      assertEquals(sp.folds().size(), SparkEvaluator.cachedFolds(id));
      // the clearing job's tasks (not the driver) remove every fold object of the run
      assertEquals(sp.folds().size(), cluster.clearExecutorCaches());
      assertEquals(0, SparkEvaluator.cachedFolds(id));
      cluster.evaluate(new double[] {0.1}, 1e-8);
      assertEquals(sp.folds().size(), SparkEvaluator.cachedFolds(id));
    }
    assertEquals(0, SparkEvaluator.cachedFolds(id));
  }

  @Test
  void warmStartLineageStaysBoundedAndRebasingKeepsTheNumbers() throws Exception {
    SparkSession spark = SharedSparkSession.get();
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    HyperoptSettings s = settings(fresh("lineage"), "hyperparameters = single");
    HyperoptJob.Split sp = HyperoptJob.split(s, HyperoptData.read(s.data().get(0),
        spark.sparkContext().hadoopConfiguration()));
    LocalEvaluator local = s.inner().local(sp.cv(), sp.folds());
    int steps = 2 * SparkEvaluator.MAX_LINEAGE_STEPS + 5;
    try (SparkEvaluator cluster = new SparkEvaluator(jsc, sp.cv(), sp.folds(), s.inner(),
        null)) {
      int deepest = 0;
      for (int step = 0; step < steps; step++) {
        double[] theta = {0.01 * (1 + step % 7)};
        OuterEvaluation a = local.evaluate(theta, 1e-10);
        OuterEvaluation b = cluster.evaluate(theta, 1e-10);
        assertEquals(a.value(), b.value(), 1e-13 * a.value(), "value, step " + step);
        deepest = Math.max(deepest, cluster.lineageDepth());
      }
      // without rebasing, the driver re-parallelizes every MAX_LINEAGE_STEPS steps: the depth
      // stays at a few RDDs per step since the last cut, not one per step since the start
      assertTrue(deepest <= 2 * SparkEvaluator.MAX_LINEAGE_STEPS + 2, "depth " + deepest);
      // the job's way: rebase on the copy written with the checkpoint
      String dir = new File(fresh("lineage"), "warm").getAbsolutePath();
      cluster.saveWarmStarts(dir);
      cluster.rebase(SparkEvaluator.readWarmStarts(jsc, dir));
      assertTrue(cluster.lineageDepth() <= 3, "depth after rebase " + cluster.lineageDepth());
      double[] theta = {0.05};
      OuterEvaluation a = local.evaluate(theta, 1e-10);
      OuterEvaluation b = cluster.evaluate(theta, 1e-10);
      assertEquals(a.value(), b.value(), 1e-13 * a.value());
      assertClose(a.gradient(), b.gradient(), 1e-11, "gradient after rebase");
      assertEquals(a.innerIterations(), b.innerIterations(), "warm starts survived the rebase");
    }
  }

  @Test
  void killedAndResumedRunEndsAtTheSameThetaAsAnUninterruptedOne() throws Exception {
    SparkSession spark = SharedSparkSession.get();
    String kind = "hyperparameters = per-feature";
    HyperoptJob.Result full = HyperoptJob.run(spark, settings(fresh("full"), kind), false,
        Integer.MAX_VALUE);
    assertTrue(full.finished());
    String out = fresh("resumed");
    HyperoptJob.Result part = HyperoptJob.run(spark, settings(out, kind), false, 4);
    assertTrue(!part.finished());
    assertEquals(4, part.state().iteration);
    HyperoptJob.Result resumed = HyperoptJob.run(spark, settings(out, kind), true,
        Integer.MAX_VALUE);
    assertTrue(resumed.finished());
    assertEquals(full.state().iteration, resumed.state().iteration);
    org.junit.jupiter.api.Assertions.assertArrayEquals(full.state().bestTheta(),
        resumed.state().bestTheta(), 0, "final theta");
    for (int k = 0; k < full.state().history().size(); k++) {
      assertEquals(full.state().history().get(k).value(), resumed.state().history().get(k).value(),
          0, "outer loss, step " + k);
    }
    // outputs
    assertEquals(full.state().iteration, spark.read().parquet(out + "/trajectory").count());
    List<String> csv = Files.readAllLines(new File(out, "trajectory.csv").toPath());
    assertEquals(full.state().iteration + 1, csv.size());
    assertTrue(Files.readString(new File(out, "theta.json").toPath()).startsWith("{\"theta\": ["));
    assertTrue(Files.readString(new File(out, "metrics.json").toPath()).contains("test_loss"));
    assertTrue(javax.imageio.ImageIO.read(new File(out, "trajectory.png")).getWidth() > 0);
  }

  @Test
  void resumeWithAnotherConfigOrWithoutCheckpointIsRefused() throws Exception {
    SparkSession spark = SharedSparkSession.get();
    String out = fresh("refuse");
    HyperoptJob.run(spark, settings(out, ""), false, 2);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> HyperoptJob.run(spark, settings(out, "folds = 3"), true, 1));
    assertTrue(e.getMessage().contains("was written by a different config"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> HyperoptJob.run(spark, settings(out, ""), false, 1));
    assertTrue(e.getMessage().contains("already holds a checkpoint: pass --resume"),
        e.getMessage());
    String empty = fresh("no-checkpoint");
    e = assertThrows(IllegalArgumentException.class,
        () -> HyperoptJob.run(spark, settings(empty, ""), true, 1));
    assertTrue(e.getMessage().contains("--resume: no checkpoint at"), e.getMessage());
  }

  @Test
  void aCopiedOutputResumesAndTheOriginalIsNotNeeded() throws Exception {
    // issue 10 item 4: the checkpoint held the absolute warm-start path of the original output
    SparkSession spark = SharedSparkSession.get();
    HyperoptJob.Result full = HyperoptJob.run(spark, settings(fresh("copy-full"), ""), false,
        Integer.MAX_VALUE);
    String original = fresh("copy-original");
    HyperoptJob.run(spark, settings(original, ""), false, 3);
    String moved = fresh("copy-moved");
    try (var paths = Files.walk(new File(original).toPath())) {
      for (java.nio.file.Path p : (Iterable<java.nio.file.Path>) paths::iterator) {
        Files.copy(p, new File(moved).toPath().resolve(new File(original).toPath().relativize(p)),
            java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
      }
    }
    fresh("copy-original"); // gone: nothing may point into it
    HyperoptJob.Result resumed = HyperoptJob.run(spark, settings(moved, ""), true,
        Integer.MAX_VALUE);
    assertTrue(resumed.finished());
    assertArrayEquals(full.state().bestTheta(), resumed.state().bestTheta(), 0, "final theta");
    assertEquals(full.state().history().size(), resumed.state().history().size());
    for (int k = 0; k < full.state().history().size(); k++) {
      assertEquals(full.state().history().get(k).value(), resumed.state().history().get(k).value(),
          0, "outer loss, step " + k);
    }
  }

  @Test
  void resumeOnOtherDataAtTheSamePathIsRefusedNamingTheFile() throws Exception {
    // issue 10 item 3: the fingerprint covered the config only, so changed data was resumed
    SparkSession spark = SharedSparkSession.get();
    String out = fresh("changed-data");
    File data = new File(fresh("changed-data-file"), "d.libsvm");
    data.getParentFile().mkdirs();
    List<String> lines = Files.readAllLines(new File("data-samples/diabetes.libsvm").toPath());
    Files.write(data.toPath(), lines);
    String conf = "hyperopt { data = [\"" + data.getPath() + "\"], folds = 4, seed = 3, "
        + "output = \"" + out + "\", outer { max-iterations = 12 } }";
    HyperoptJob.run(spark, HyperoptConfig.parse(ConfigFactory.parseString(conf).resolve()),
        false, 2);
    Files.write(data.toPath(), lines.subList(0, lines.size() - 40)); // cut after the kill
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> HyperoptJob.run(spark, HyperoptConfig.parse(ConfigFactory.parseString(conf)
            .resolve()), true, Integer.MAX_VALUE));
    assertTrue(e.getMessage().startsWith("--resume: data file " + data.getPath()
        + " has changed since the checkpoint at "), e.getMessage());
    Files.write(data.toPath(), lines); // the same bytes again: resumes
    assertTrue(HyperoptJob.run(spark, HyperoptConfig.parse(ConfigFactory.parseString(conf)
        .resolve()), true, Integer.MAX_VALUE).finished());
  }

  @Test
  void badConfigValuesNameTheKey() {
    JobConfigException e = assertThrows(JobConfigException.class,
        () -> settings("x", "theta0 = [1.0, 0.0]"));
    assertTrue(e.getMessage().startsWith("hyperopt.theta0: theta0[1] = 0.0 is out of its domain"),
        e.getMessage());
    e = assertThrows(JobConfigException.class, () -> settings("x", "lamda = 3"));
    assertTrue(e.getMessage().startsWith("hyperopt.lamda: unknown key"), e.getMessage());
    e = assertThrows(JobConfigException.class,
        () -> settings("x", "outer { optimizer = adam, step-rule = hoag }"));
    assertTrue(e.getMessage().contains("adam takes 'fixed' only"), e.getMessage());
    IllegalArgumentException t = assertThrows(IllegalArgumentException.class,
        () -> HyperoptJob.theta0(new double[] {1, 2, 3}, 10, "per-feature"));
    assertTrue(t.getMessage().contains("3 values, but per-feature hyperparameters need 1 or 10"));
  }

  @Test
  void independentModeRunsEveryTuningAndReportsEveryTrajectory() throws Exception {
    SparkSession spark = SharedSparkSession.get();
    String out = fresh("independent");
    HyperoptSettings s = HyperoptConfig.parse(ConfigFactory.parseString("hyperopt { data = "
        + "[\"data-samples/diabetes.libsvm\", \"data-samples/synthetic-ridge-k100.libsvm\"], "
        + "folds = 3, mode = independent, independent { starts = 3 }, output = \"" + out
        + "\", outer { max-iterations = 15 } }").resolve());
    List<Row> rows = IndependentTunings.run(spark, s);
    assertEquals(6, rows.size());
    long steps = 0;
    for (Row r : rows) {
      steps += r.getInt(7);
      assertTrue(Double.isFinite(r.getDouble(5)));
    }
    assertEquals(steps, spark.read().parquet(out + "/tunings").count());
    // the same tuning in-process gives the same result (start 0 of data set 0)
    LabeledData all = HyperoptData.read(s.data().get(0), spark.sparkContext().hadoopConfiguration());
    HyperoptJob.Split sp = HyperoptJob.split(s, all);
    var loop = new dev.iterdiff.bilevel.OuterLoop(s.outer());
    var st = loop.run(s.inner().local(sp.cv(), sp.folds()),
        loop.initialState(new double[] {1.0}, "t"), x -> { }, Integer.MAX_VALUE);
    assertEquals(st.bestValue(), rows.get(0).getDouble(5), 0.0);
    assertArrayEquals(st.bestTheta(),
        ((org.apache.spark.ml.linalg.Vector) rows.get(0).get(4)).toArray(), 0.0);
  }
}
