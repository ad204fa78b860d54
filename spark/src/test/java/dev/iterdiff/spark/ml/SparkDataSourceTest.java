package dev.iterdiff.spark.ml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import dev.iterdiff.data.LibsvmReader;
import dev.iterdiff.problem.LabeledData;
import dev.iterdiff.spark.SharedSparkSession;
import dev.iterdiff.spark.config.HyperoptConfig;
import dev.iterdiff.spark.config.HyperoptSettings;
import dev.iterdiff.spark.config.JobConfigException;
import dev.iterdiff.spark.config.SweepConfig;
import dev.iterdiff.spark.hyperopt.HyperoptJob;
import dev.iterdiff.spark.sweep.SweepPlan;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The sweep and hyperopt jobs read data through Spark data sources by a {@code format} key:
 * a LIBSVM directory written by Spark, Parquet and CSV with assembled feature columns, a table;
 * each gives the rows of the committed LIBSVM file, and a bad format, path or column is a
 * one-line error naming the key. Files are written by Spark in the test.
 */
class SparkDataSourceTest {

  private static final File DIR = new File("target/data-source-test").getAbsoluteFile();
  private static LabeledData diabetes;
  private static String libsvmDir;
  private static String parquet;
  private static String csv;

  @BeforeAll
  static void writeFiles() throws Exception {
    SparkSession spark = SharedSparkSession.get();
    if (DIR.exists()) { // hyperopt refuses an output holding a checkpoint: start clean
      try (var paths = java.nio.file.Files.walk(DIR.toPath())) {
        paths.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile)
            .forEach(File::delete);
      }
    }
    diabetes = LibsvmReader.read(Path.of("data-samples", "diabetes.libsvm"));
    Dataset<Row> vectors = MlTestData.frame(spark, diabetes, null).select("label", "features");
    libsvmDir = new File(DIR, "diabetes-libsvm").getPath();
    vectors.coalesce(1).write().mode("overwrite").format("libsvm").save(libsvmDir);
    StructType schema = new StructType().add("y", DataTypes.DoubleType)
        .add("name", DataTypes.StringType);
    for (int j = 0; j < diabetes.cols(); j++) {
      schema = schema.add("x" + j, DataTypes.DoubleType);
    }
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < diabetes.rows(); i++) {
      Object[] v = new Object[diabetes.cols() + 2];
      v[0] = diabetes.labels()[i];
      v[1] = "row" + i;
      for (int j = 0; j < diabetes.cols(); j++) {
        v[j + 2] = diabetes.get(i, j);
      }
      rows.add(RowFactory.create(v));
    }
    Dataset<Row> columns = spark.createDataFrame(rows, schema).coalesce(1);
    parquet = new File(DIR, "diabetes.parquet").getPath();
    columns.write().mode("overwrite").parquet(parquet);
    csv = new File(DIR, "diabetes-csv").getPath();
    columns.write().mode("overwrite").option("header", "true").csv(csv);
    spark.read().parquet(parquet).createOrReplaceTempView("diabetes_table");
  }

  private static String featureCols() {
    StringBuilder b = new StringBuilder("[");
    for (int j = 0; j < diabetes.cols(); j++) {
      b.append(j == 0 ? "" : ", ").append("x").append(j);
    }
    return b.append("]").toString();
  }

  private static SweepConfig sweep(String dataEntry) {
    return SweepConfig.parse("""
        sweep {
          data = [ %s ]
          problem { name = ridge }
          solver { name = gd, iterations = 20 }
          theta { mode = grid, coordinates = [ { values = [0.5] } ] }
          estimators = [implicit]
          output { path = "target/data-source-test/out", overwrite = true }
        }
        """.formatted(dataEntry), Map.of());
  }

  private static LabeledData read(String dataEntry) {
    SparkSession spark = SharedSparkSession.get();
    return SweepPlan.prepare(sweep(dataEntry), spark.sparkContext().hadoopConfiguration(), spark)
        .data().get(0).train();
  }

  private static void assertSameRows(LabeledData expected, LabeledData actual) {
    assertEquals(expected.rows(), actual.rows());
    assertEquals(expected.cols(), actual.cols());
    assertArrayEquals(expected.labels(), actual.labels(), 0.0);
    assertArrayEquals(expected.a(), actual.densified().a(), 0.0);
  }

  // GIVEN a LIBSVM directory written by Spark WHEN read by format THEN the file's rows
  @Test
  void sparkWrittenLibsvmDirectoryParquetCsvAndTableGiveTheFileRows() {
    LabeledData fromDir = read("{ name = d, path = \"" + libsvmDir + "\", format = libsvm }");
    assertTrue(fromDir.isSparse(), "Spark's libsvm source gives sparse vectors, kept sparse");
    assertSameRows(diabetes, fromDir);
    assertSameRows(diabetes, read("{ name = d, path = \"" + parquet + "\", format = parquet, "
        + "label-col = y, feature-cols = " + featureCols() + " }"));
    assertSameRows(diabetes, read("{ name = d, path = \"" + csv + "\", format = csv, "
        + "label-col = y, feature-cols = " + featureCols() + " }"));
    assertSameRows(diabetes, read("{ name = d, path = diabetes_table, format = table, "
        + "label-col = y, feature-cols = " + featureCols() + " }"));
  }

  // GIVEN a bad format, path or column WHEN read THEN one line naming the key
  @Test
  void badFormatPathOrColumnNamesTheKey() {
    JobConfigException format = assertThrows(JobConfigException.class,
        () -> sweep("{ name = d, path = \"" + parquet + "\", format = xls }"));
    assertTrue(format.getMessage().matches("sweep\\.data.*\\.format: unknown format 'xls' "
        + "\\(valid: libsvm, parquet, csv, orc, json, table\\)"), format.getMessage());
    JobConfigException path = assertThrows(JobConfigException.class,
        () -> read("{ name = d, path = \"" + DIR + "/missing.parquet\", format = parquet }"));
    assertTrue(path.getMessage().matches("sweep\\.data.*\\.path: cannot read parquet '.*"
        + "missing\\.parquet': .*"), path.getMessage());
    JobConfigException label = assertThrows(JobConfigException.class,
        () -> read("{ name = d, path = \"" + parquet + "\", format = parquet, "
            + "feature-cols = [x0, x1] }"));
    assertTrue(label.getMessage().matches("sweep\\.data.*\\.label-col: .*label column "
        + "'label' does not exist.*"), label.getMessage());
    JobConfigException features = assertThrows(JobConfigException.class,
        () -> read("{ name = d, path = \"" + parquet + "\", format = parquet, label-col = y }"));
    assertTrue(features.getMessage().matches("sweep\\.data.*\\.features-col: .*features "
        + "column 'features' does not exist.*"), features.getMessage());
    JobConfigException text = assertThrows(JobConfigException.class,
        () -> read("{ name = d, path = \"" + parquet + "\", format = parquet, label-col = y, "
            + "feature-cols = [x0, name] }"));
    assertTrue(text.getMessage().matches("sweep\\.data.*\\.feature-cols: .*name.*"),
        text.getMessage());
    for (JobConfigException e : List.of(format, path, label, features, text)) {
      assertTrue(!e.getMessage().contains("\n"), "one line: " + e.getMessage());
    }
  }

  // GIVEN hyperopt with format parquet WHEN run THEN the numbers of the LIBSVM file's run
  @Test
  void hyperoptReadsByFormatAsFromTheFile() throws Exception {
    SparkSession spark = SharedSparkSession.get();
    String common = "folds = 3, seed = 3, outer { max-iterations = 4, gradient-tolerance = "
        + "1e-9, relative-tolerance = 0 }";
    HyperoptSettings file = HyperoptConfig.parse(ConfigFactory.parseString("hyperopt { data = "
        + "[\"data-samples/diabetes.libsvm\"], output = \"" + DIR + "/hyperopt-file\", "
        + common + " }").resolve());
    HyperoptSettings byFormat = HyperoptConfig.parse(ConfigFactory.parseString("hyperopt { "
        + "data = [\"" + parquet + "\"], format = parquet, label-col = y, feature-cols = "
        + featureCols() + ", output = \"" + DIR + "/hyperopt-parquet\", " + common + " }")
        .resolve());
    double[] a = HyperoptJob.run(spark, file, false, Integer.MAX_VALUE).state().bestTheta();
    double[] b = HyperoptJob.run(spark, byFormat, false, Integer.MAX_VALUE).state()
        .bestTheta();
    assertArrayEquals(a, b, 1e-12 * Math.abs(a[0]));
    JobConfigException bad = assertThrows(JobConfigException.class, () -> HyperoptJob.run(spark,
        HyperoptConfig.parse(ConfigFactory.parseString("hyperopt { data = [\"" + parquet
            + "\"], format = parquet, label-col = nope, feature-cols = [x0], output = \"" + DIR + "/hyperopt-bad\", "
            + common + " }").resolve()), false, Integer.MAX_VALUE));
    assertTrue(bad.getMessage().startsWith("hyperopt.label-col: "), bad.getMessage());
  }
}
