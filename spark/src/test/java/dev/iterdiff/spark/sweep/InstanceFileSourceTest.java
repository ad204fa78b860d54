package dev.iterdiff.spark.sweep;

import static dev.iterdiff.spark.sweep.SweepJobTest.assertSameRows;
import static dev.iterdiff.spark.sweep.SweepJobTest.out;
import static dev.iterdiff.spark.sweep.SweepJobTest.readBack;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iterdiff.spark.SharedSparkSession;
import dev.iterdiff.spark.config.JobConfigException;
import dev.iterdiff.spark.config.SweepConfig;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/**
 * Instance files read through Spark's readers ({@link InstanceFileSource}): JSON lines, CSV and
 * Parquet give the rows of the driver-side reader ({@code SweepPlan.prepare} +
 * {@link LocalSweep}) exactly — ids, θ, numbers — also when the file is split over several
 * partitions; a malformed line is a failed row naming the file and line; a wrong schema, an
 * unknown data set or an empty file stop the job up front naming the key.
 */
public class InstanceFileSourceTest {

  private static final String TWO_DATA = "[{ name = diabetes, path = "
      + "\"data-samples/diabetes.libsvm\" }, { name = k100, path = "
      + "\"data-samples/synthetic-ridge-k100.libsvm\" }]";

  private static SweepConfig config(String name, File file, String... more) {
    Map<String, String> o = new java.util.HashMap<>(Map.of("theta", "{file = \""
        + file.getAbsolutePath() + "\"}", "data", TWO_DATA, "output.path", out(name),
        "solver", "{ name = gd, iterations = 30 }"));
    for (int i = 0; i < more.length; i += 2) {
      o.put(more[i], more[i + 1]);
    }
    return SweepConfig.parse(SweepJobTest.RIDGE, o);
  }

  private static File write(String name, String content) throws IOException {
    File f = new File("target/test-output/instance-files/" + name);
    f.getParentFile().mkdirs();
    Files.writeString(f.toPath(), content);
    return f;
  }

  private static List<SweepRow> spark(SweepConfig c) {
    SweepJob.Result r = SweepJob.run(SharedSparkSession.get(), c,
        new PrintWriter(new StringWriter()));
    return readBack(SharedSparkSession.get(), r.resultsPath());
  }

  private static List<SweepRow> inProcess(SweepConfig c) {
    return LocalSweep.run(SweepPlan.prepare(c, new Configuration()));
  }

  @Test
  void jsonLinesAndCsvGiveTheDriverReadersRows() throws IOException {
    File json = write("two-data.jsonl", """
        # lambdas for both data sets, some for one
        {"theta": 0.1}
        {"data": "k100", "theta": [2.5]}

        {"theta": 1}
        {"data": "diabetes", "theta": 0.03}
        {"theta": 7}
        """);
    SweepConfig c = config("file-jsonl", json);
    List<SweepRow> local = inProcess(c);
    assertEquals((3 * 2 + 1 + 1) * 5, local.size()); // 3 rows x 2 data + 1 + 1, five estimators
    assertSameRows(local, spark(c));
    // split over partitions (several tasks each reading a part of the file)
    File csv = write("two-data.csv", """
        data,lambda
        ,0.1
        k100,2.5
        ,1
        diabetes,0.03
        ,7
        """);
    SweepConfig cc = config("file-csv", csv, "partitions", "3");
    assertSameRows(inProcess(cc), spark(cc));
    assertSameRows(local, spark(cc));
  }

  @Test
  void aFileSplitIntoManyInputSplitsKeepsIdsAndLineNumbers() throws IOException {
    // 300 lines over input splits of 512 bytes: the counting pass numbers them across splits
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < 300; i++) {
      s.append(i == 157 ? "{\"theta\": [0.1, \"x\"]}" : "{\"theta\": " + (0.01 + i * 0.01)
          + "}").append('\n');
    }
    File f = write("many.jsonl", s.toString());
    SweepConfig c = config("file-many", f, "data", "[{ name = diabetes, path = "
        + "\"data-samples/diabetes.libsvm\" }]", "estimators", "[one-step, implicit]",
        "reference", "null", "outer", "null", "partitions", "4");
    SparkSession spark = SharedSparkSession.get();
    String before = spark.conf().get("spark.sql.files.maxPartitionBytes");
    spark.conf().set("spark.sql.files.maxPartitionBytes", "512");
    try {
      List<SweepRow> rows = spark(c);
      assertEquals(600, rows.size());
      for (SweepRow r : rows) {
        if (r.instanceId() == 157) {
          assertEquals("invalid-input", r.status());
          assertEquals(f.getAbsolutePath() + ":158: theta[1] is not a number: x", r.message());
          assertNull(r.theta());
        } else {
          assertEquals(SweepRow.OK, r.status(), r.message());
          assertEquals(0.01 + r.instanceId() * 0.01, r.theta()[0], 0);
        }
      }
    } finally {
      spark.conf().set("spark.sql.files.maxPartitionBytes", before);
    }
  }

  @Test
  void parquetInstanceFilesAreReadWithTheirSchemaChecked() throws IOException {
    SparkSession spark = SharedSparkSession.get();
    StructType schema = DataTypes.createStructType(List.of(
        DataTypes.createStructField("data", DataTypes.StringType, true),
        DataTypes.createStructField("theta", DataTypes.createArrayType(DataTypes.DoubleType,
            true), true)));
    List<Row> rows = new ArrayList<>();
    rows.add(RowFactory.create(null, List.of(0.1)));
    rows.add(RowFactory.create("k100", List.of(2.5)));
    rows.add(RowFactory.create(null, List.of(1.0)));
    rows.add(RowFactory.create("diabetes", List.of(0.03)));
    rows.add(RowFactory.create(null, List.of(7.0)));
    String path = new File("target/test-output/instance-files/two-data.parquet")
        .getAbsolutePath();
    spark.createDataFrame(rows, schema).coalesce(1).write().mode("overwrite").parquet(path);
    SweepConfig c = config("file-parquet", new File(path));
    File json = write("two-data-same.jsonl", """
        {"theta": 0.1}
        {"data": "k100", "theta": [2.5]}
        {"theta": 1}
        {"data": "diabetes", "theta": 0.03}
        {"theta": 7}
        """);
    assertSameRows(inProcess(config("file-jsonl-ref", json)), spark(c));

    // a NaN, a null: failed rows naming the file and the row
    List<Row> bad = List.of(RowFactory.create(null, java.util.Arrays.asList(0.1)),
        RowFactory.create("diabetes", java.util.Arrays.asList(Double.NaN)),
        RowFactory.create("diabetes", null));
    String badPath = new File("target/test-output/instance-files/bad.parquet").getAbsolutePath();
    spark.createDataFrame(bad, schema).coalesce(1).write().mode("overwrite").parquet(badPath);
    List<SweepRow> out = spark(config("file-parquet-bad", new File(badPath), "reference", "null",
        "outer", "null"));
    assertEquals(4 * 5, out.size());
    for (SweepRow r : out) {
      if (r.instanceId() == 1 || r.instanceId() == 2) {
        assertEquals("invalid-input", r.status());
        assertTrue(r.message().matches(".*bad\\.parquet.*:" + (r.instanceId() + 1) + ": theta"
            + (r.instanceId() == 1 ? "\\[0\\] is NaN.*" : " is null")), r.message());
      } else {
        assertEquals(SweepRow.OK, r.status(), r.message());
      }
    }

    // a wrong schema stops the job before the rows, naming the column
    Dataset<Row> wrong = spark.createDataFrame(List.of(RowFactory.create("a", 1.0)),
        DataTypes.createStructType(List.of(
            DataTypes.createStructField("data", DataTypes.StringType, true),
            DataTypes.createStructField("lambda", DataTypes.DoubleType, true))));
    String wrongPath = new File("target/test-output/instance-files/wrong.parquet")
        .getAbsolutePath();
    wrong.write().mode("overwrite").parquet(wrongPath);
    JobConfigException e = assertThrows(JobConfigException.class,
        () -> spark(config("file-parquet-wrong", new File(wrongPath))));
    assertEquals("sweep.theta.file", e.key());
    assertTrue(e.getMessage().contains("unknown column 'lambda'"), e.getMessage());
  }

  @Test
  void malformedLinesAreFailedRowsNamingFileAndLine() throws IOException {
    File f = write("malformed.jsonl", """
        {"theta": 0.1}
        {"theta": [0.1, "x"]}
        {"data": "diabetes", "theta": 1e999}
        not json at all
        {"data": "k100", "theta": 2}
        """);
    List<SweepRow> rows = spark(config("file-malformed", f, "reference", "null", "outer",
        "null"));
    // a line that cannot be read goes to every data set (its data field is not trusted):
    // lines 1-4 to both, line 5 to k100; ids: diabetes 0..3, k100 4..8
    assertEquals((4 + 5) * 5, rows.size());
    java.util.Map<Long, String> messages = new java.util.TreeMap<>();
    for (SweepRow r : rows) {
      if (!r.ok()) {
        assertEquals("invalid-input", r.status());
        assertNull(r.theta());
        messages.put(r.instanceId(), r.message());
      } else {
        assertEquals(r.instanceId() == 0 || r.instanceId() == 4 ? 0.1 : 2, r.theta()[0], 0);
      }
    }
    assertEquals(List.of(1L, 2L, 3L, 5L, 6L, 7L), new ArrayList<>(messages.keySet()));
    String p = f.getAbsolutePath();
    for (long id : messages.keySet()) {
      long line = id < 4 ? id + 1 : id - 3;
      assertTrue(messages.get(id).startsWith(p + ":" + line + ": "), messages.get(id));
    }
    assertEquals(p + ":2: theta[1] is not a number: x", messages.get(1L));
    assertTrue(messages.get(2L).contains("theta[0] is Infinity"), messages.get(2L));
    assertTrue(messages.get(3L).contains("not a JSON object"), messages.get(3L));
  }

  @Test
  void whatCannotRunStopsUpFrontNamingTheKey() throws IOException {
    File unknown = write("unknown-data.jsonl", "{\"theta\": 1}\n{\"data\": \"zz\", \"theta\": 1}\n");
    JobConfigException e = assertThrows(JobConfigException.class,
        () -> spark(config("file-unknown", unknown)));
    assertEquals("sweep.theta.file", e.key());
    assertTrue(e.getMessage().contains(unknown.getAbsolutePath() + ":2: unknown data set 'zz'"),
        e.getMessage());
    File empty = write("empty.jsonl", "# nothing\n\n");
    e = assertThrows(JobConfigException.class, () -> spark(config("file-empty", empty)));
    assertTrue(e.getMessage().contains("no instances"), e.getMessage());
    File header = write("header.csv", "data\nk100\n");
    e = assertThrows(JobConfigException.class, () -> spark(config("file-header", header)));
    assertTrue(e.getMessage().contains("header names no theta column"), e.getMessage());
    e = assertThrows(JobConfigException.class, () -> spark(config("file-missing",
        new File("target/test-output/instance-files/none.jsonl"))));
    assertTrue(e.getMessage().contains("no such file"), e.getMessage());
  }
}
