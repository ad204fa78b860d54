package dev.iterdiff.spark.sweep;

import dev.iterdiff.spark.SharedSparkSession;
import dev.iterdiff.spark.config.SweepConfig;
import dev.iterdiff.spark.config.JobConfigException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/**
 * The sweep on a real local Spark (the shared session, local[2]) against the plain in-process
 * loop over the same instances: same rows, same numbers (timings aside), for ridge with
 * gradient descent and logistic regression with Newton, every estimator, a reference and an
 * outer objective; whatever the partitioning.
 */
public class SweepJobTest {

  static final String ALL = "[unrolled-forward, unrolled-reverse, truncated, one-step, implicit]";

  /** A config on the real data samples; output under target/test-output/NAME. */
  static String config(String name, String data, String problem, String solver, String theta) {
    return """
        sweep {
          name = %s
          data = [ %s ]
          problem { name = %s }
          solver %s
          theta %s
          estimators = %s
          estimator-options { truncated-k = 5 }
          reference { estimator = implicit, solver = newton, iterations = 50, tol = 1e-12 }
          outer { validation-fraction = 0.25, seed = 3 }
          output { path = "%s", overwrite = true, x = true, jacobian = true }
        }
        """.formatted(name, data, problem, solver, theta, ALL, out(name));
  }

  static String out(String name) {
    return new File("target/test-output/" + name).getAbsolutePath();
  }

  static final String RIDGE = config("ridge-gd",
      "{ name = diabetes, path = \"data-samples/diabetes.libsvm\" },"
          + " { name = k100, path = \"data-samples/synthetic-ridge-k100.libsvm\" }",
      "ridge", "{ name = gd, iterations = 60 }",
      "{ coordinates = [ { log { from = 0.01, to = 10, count = 4 } } ] }");

  static final String LOGISTIC = config("logistic-newton",
      "{ name = breast-cancer, path = \"data-samples/breast-cancer.libsvm\" }",
      "logistic", "{ name = newton, iterations = 30, tol = 1e-9 }",
      "{ mode = random, samples = 3, seed = 5, dimension = features,"
          + " coordinates = [ { log { from = 0.01, to = 1, count = 1 } } ] }");

  public static List<SweepRow> readBack(SparkSession spark, String path) {
    List<SweepRow> rows = new ArrayList<>();
    for (Row r : spark.read().parquet(path).collectAsList()) {
      rows.add(SweepRowSchema.fromRow(r));
    }
    rows.sort(Comparator.comparingLong(SweepRow::instanceId)
        .thenComparing(r -> SweepConfig.ESTIMATORS.indexOf(r.estimator())));
    return rows;
  }

  static SweepJob.Result runOnSpark(SweepConfig c) {
    return SweepJob.run(SharedSparkSession.get(), c, new PrintWriter(new StringWriter()));
  }

  public static void assertSameRows(List<SweepRow> expected, List<SweepRow> actual) {
    assertEquals(expected.size(), actual.size());
    for (int i = 0; i < expected.size(); i++) {
      SweepRow e = expected.get(i);
      SweepRow a = actual.get(i);
      assertEquals(e.instanceId(), a.instanceId());
      assertEquals(e.estimator(), a.estimator());
      assertEquals(e.status(), a.status(), e.message());
      assertEquals(e.message(), a.message());
      assertEquals(e.iterations(), a.iterations());
      assertEquals(e.converged(), a.converged());
      assertEquals(e.maxIterations(), a.maxIterations());
      org.junit.jupiter.api.Assertions.assertArrayEquals(e.theta(), a.theta(), 0);
      org.junit.jupiter.api.Assertions.assertArrayEquals(e.x(), a.x(), 0);
      org.junit.jupiter.api.Assertions.assertArrayEquals(e.jacobian(), a.jacobian(), 0);
      SweepRowSchemaTest.assertSameNumbers(e, a);
    }
  }

  @Test
  void distributedRowsEqualTheInProcessLoopForTwoProblemsAndAllEstimators() {
    for (String text : List.of(RIDGE, LOGISTIC)) {
      SweepConfig c = SweepConfig.parse(text, Map.of());
      SweepPlan plan = SweepPlan.prepare(c, new Configuration());
      List<SweepRow> local = LocalSweep.run(plan);
      SweepJob.Result result = runOnSpark(c);
      List<SweepRow> spark = readBack(SharedSparkSession.get(), result.resultsPath());
      assertEquals(plan.instances().size() * 5, spark.size());
      assertSameRows(local, spark);
      for (SweepRow r : spark) {
        assertTrue(r.ok(), r.estimator() + ": " + r.message());
        assertNotNull(r.hypergradient());
        assertEquals(r.theta().length, r.hypergradient().length);
        assertTrue(r.jacobianError() >= 0);
      }
      // implicit on a tight solve is its own reference up to the solve's accuracy
      for (SweepRow r : spark) {
        if (r.estimator().equals("implicit") && c.problem().name().equals("logistic")) {
          assertTrue(r.jacobianError() < 1e-6, "implicit vs reference: " + r.jacobianError());
        }
      }
      SweepSummary local2 = SweepSummary.of(c.name(), plan.instances().size(), 0,
          c.estimators(), local);
      for (int e = 0; e < 5; e++) {
        EstimatorSummary s = result.summary().estimators().get(e);
        assertEquals(local2.estimators().get(e).rows(), s.rows());
        assertEquals(local2.estimators().get(e).failures(), s.failures());
        assertEquals(local2.estimators().get(e).medianError(), s.medianError(), 1e-15);
      }
      assertTrue(new File(result.resultsPath(), "_SUCCESS").isFile());
      assertTrue(new File(result.summaryPath()).isFile());
      // below sweep.summary.exact-quantiles-max-rows: exact medians, and summary.json says so
      assertTrue(result.summary().quantiles().exact());
      try {
        assertTrue(Files.readString(new File(result.summaryPath()).toPath())
            .contains("\"quantiles\":\"exact\""));
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
  }

  @Test
  void partitioningDoesNotChangeTheRows() {
    List<List<SweepRow>> runs = new ArrayList<>();
    for (String p : List.of("1", "3", "16")) {
      SweepConfig c = SweepConfig.parse(RIDGE, Map.of("partitions", p, "output.path",
          out("ridge-partitions-" + p)));
      runs.add(readBack(SharedSparkSession.get(), runOnSpark(c).resultsPath()));
    }
    assertSameRows(runs.get(0), runs.get(1));
    assertSameRows(runs.get(0), runs.get(2));
  }

  @Test
  void defaultIsOnePartitionPerCoreAndNeverMoreThanTheInstances() {
    SparkSession spark = SharedSparkSession.get();
    int cores = spark.sparkContext().defaultParallelism();
    SweepConfig c = SweepConfig.parse(RIDGE, Map.of());
    assertEquals(cores, SweepJob.partitions(spark, c, 1000));
    assertEquals(1, SweepJob.partitions(spark, c, 1));
    SweepConfig seven = SweepConfig.parse(RIDGE, Map.of("partitions", "7"));
    assertEquals(7, SweepJob.partitions(spark, seven, 1000));
    assertEquals(3, SweepJob.partitions(spark, seven, 3));
  }

  @Test
  void parquetDictionariesOnlyForTheColumnsThatRepeat() throws IOException {
    SweepConfig c = SweepConfig.parse(RIDGE, Map.of("output.path", out("ridge-encodings")));
    File results = new File(runOnSpark(c).resultsPath());
    File[] parts = results.listFiles((d, n) -> n.startsWith("part-") && n.endsWith(".parquet"));
    assertNotNull(parts);
    assertTrue(parts.length > 0);
    Map<String, Boolean> dictionary = new java.util.HashMap<>();
    try (org.apache.parquet.hadoop.ParquetFileReader r = org.apache.parquet.hadoop
        .ParquetFileReader.open(org.apache.parquet.hadoop.util.HadoopInputFile.fromPath(
            new org.apache.hadoop.fs.Path(parts[0].getAbsolutePath()), new Configuration()))) {
      for (org.apache.parquet.hadoop.metadata.ColumnChunkMetaData m
          : r.getFooter().getBlocks().get(0).getColumns()) {
        dictionary.put(m.getPath().toDotString(), m.hasDictionaryPage());
      }
    }
    for (String repeating : List.of("estimator", "status", "data", "iterations")) {
      assertEquals(Boolean.TRUE, dictionary.get(repeating), repeating + " in " + dictionary);
    }
    for (String distinct : List.of("solve_seconds", "diff_seconds", "jacobian_error", "rho")) {
      assertEquals(Boolean.FALSE, dictionary.get(distinct), distinct + " in " + dictionary);
    }
    assertTrue(dictionary.keySet().stream().filter(k -> k.startsWith("theta."))
        .noneMatch(dictionary::get), "vector columns: " + dictionary);
  }

  @Test
  void failingInstancesBecomeRowsAndTheOthersComplete() throws IOException {
    File inst = new File("target/test-output/failing.jsonl");
    inst.getParentFile().mkdirs();
    Files.writeString(inst.toPath(), """
        {"theta": 0.1}
        {"theta": -1}
        {"theta": [0.1, 0.2]}
        {"theta": 1000}
        """);
    // a fixed step of 0.2 diverges once L = L_data + lambda > 10 (theta = 1000)
    SweepConfig c = SweepConfig.parse(RIDGE, Map.of("theta", "{file = \"" + inst
        .getAbsolutePath() + "\"}", "data", "[{name = diabetes, path = "
        + "\"data-samples/diabetes.libsvm\"}]", "solver.step", "0.2", "reference", "null",
        "output.path", out("failing")));
    List<SweepRow> rows = readBack(SharedSparkSession.get(), runOnSpark(c).resultsPath());
    assertEquals(20, rows.size());
    for (SweepRow r : rows) {
      String at = r.instanceId() + " " + r.estimator() + ": " + r.message();
      switch ((int) r.instanceId()) {
        case 0 -> assertTrue(r.ok(), at);
        case 1 -> {
          assertEquals("invalid-input", r.status(), at);
          assertTrue(r.message().contains("-1"), at);
        }
        case 2 -> {
          assertEquals("invalid-input", r.status(), at);
          assertTrue(r.message().contains("2"), at);
        }
        default -> {
          assertEquals("diverged", r.status(), at);
          assertTrue(r.message().contains("diverged"), at);
          assertNull(r.hypergradient());
        }
      }
    }
  }

  @Test
  void malformedOrNonFiniteDataFailWithFileAndLine() throws IOException {
    File dir = new File("target/test-output/bad-data");
    dir.mkdirs();
    File malformed = new File(dir, "malformed.libsvm");
    Files.writeString(malformed.toPath(), "1 1:0.5 2:1\n0 1:0.25 2:x\n");
    File nonFinite = new File(dir, "nonfinite.libsvm");
    Files.writeString(nonFinite.toPath(), "1 1:0.5 2:1\n0 1:0.25 2:2\n1 1:NaN 2:1\n");
    for (File f : List.of(malformed, nonFinite)) {
      SweepConfig c = SweepConfig.parse(RIDGE, Map.of("data", "[{path = \""
          + f.getAbsolutePath() + "\"}]", "output.path", out("bad-data-run")));
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> runOnSpark(c));
      String line = f == malformed ? ":2" : ":3";
      assertTrue(e.getMessage().contains(f.getName()) && e.getMessage().contains(line),
          e.getMessage());
    }
    SweepConfig missing = SweepConfig.parse(RIDGE, Map.of("data", "[{path = \"no/such.libsvm\"}]"));
    JobConfigException e = assertThrows(JobConfigException.class, () -> runOnSpark(missing));
    assertTrue(e.getMessage().contains("no/such.libsvm"), e.getMessage());
  }

  @Test
  void existingOutputIsKeptWithoutOverwrite() {
    SweepConfig c = SweepConfig.parse(RIDGE, Map.of("output.path", out("keep"),
        "theta.coordinates", "[{values = [1]}]"));
    runOnSpark(c);
    SweepConfig again = SweepConfig.parse(RIDGE, Map.of("output.path", out("keep"),
        "output.overwrite", "false"));
    JobConfigException e = assertThrows(JobConfigException.class, () -> runOnSpark(again));
    assertEquals("sweep.output.path", e.key());
    assertFalse(readBack(SharedSparkSession.get(), out("keep") + "/results").isEmpty());
  }
}
