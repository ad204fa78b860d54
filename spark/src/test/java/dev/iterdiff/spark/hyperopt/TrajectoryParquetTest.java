package dev.iterdiff.spark.hyperopt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iterdiff.bilevel.OptimizerState;
import dev.iterdiff.bilevel.OuterState;
import dev.iterdiff.bilevel.OuterStep;
import dev.iterdiff.bilevel.Parametrizations;
import dev.iterdiff.spark.SharedSparkSession;
import java.io.File;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.spark.ml.linalg.DenseVector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/**
 * The trajectory written by parquet-hadoop directly is the file Spark's own writer makes for
 * the same rows: the same Parquet types, and read back by Spark the same schema (θ an MLlib
 * vector) and the same rows, bit for bit.
 */
class TrajectoryParquetTest {

  private static OuterState state() {
    List<OuterStep> history = new ArrayList<>();
    for (int k = 0; k < 7; k++) {
      double[] theta = {Math.exp(-k) / 3, 1e-300 * k, -0.0 + k * Math.PI};
      history.add(new OuterStep(k, theta, 0.5 / (k + 1), Math.sqrt(k + 0.1), k % 3 != 1,
          k == 2 ? Double.NaN : 0.01 * k, 10L * k + (1L << 40), 5, 1e-4 * Math.pow(0.9, k),
          k == 0 ? Double.POSITIVE_INFINITY : 0.125 * k, 0.001 * k));
    }
    return new OuterState("fp", Parametrizations.create("log", 0, Double.POSITIVE_INFINITY),
        7, new double[] {0, 0, 0}, OptimizerState.initial(1e-4), null,
        Double.POSITIVE_INFINITY, history, "gradient-norm");
  }

  private static File dir(String name) {
    File d = new File("target/trajectory-parquet-test/" + name).getAbsoluteFile();
    d.getParentFile().mkdirs();
    return d;
  }

  private static MessageType footerSchema(String dir, Configuration conf) throws Exception {
    Path d = new Path(dir);
    for (FileStatus f : d.getFileSystem(conf).listStatus(d)) {
      if (f.getPath().getName().endsWith(".parquet")) {
        try (ParquetFileReader r = ParquetFileReader.open(HadoopInputFile.fromPath(f.getPath(),
            conf))) {
          return r.getFooter().getFileMetaData().getSchema();
        }
      }
    }
    throw new AssertionError("no Parquet file in " + dir);
  }

  @Test
  void theFileIsTheOneSparkWritesForTheSameRows() throws Exception {
    SparkSession spark = SharedSparkSession.get();
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    OuterState st = state();
    // GIVEN the trajectory written by Spark SQL (the way before) and by TrajectoryParquet
    String bySpark = dir("spark").getPath();
    spark.createDataFrame(HyperoptOutput.rows(st), HyperoptOutput.TRAJECTORY_SCHEMA)
        .coalesce(1).write().mode(SaveMode.Overwrite).parquet(bySpark);
    String direct = dir("direct").getPath();
    TrajectoryParquet.write(direct, st, "snappy", conf);
    // THEN the Parquet types are Spark's
    assertEquals(footerSchema(bySpark, conf), footerSchema(direct, conf));
    assertEquals(TrajectoryParquet.SCHEMA, footerSchema(direct, conf));
    // AND Spark reads back the same schema (VectorUDT included) and the same rows
    Dataset<Row> a = spark.read().parquet(bySpark).orderBy("iteration");
    Dataset<Row> b = spark.read().parquet(direct).orderBy("iteration");
    assertEquals(a.schema(), b.schema());
    assertEquals(HyperoptOutput.TRAJECTORY_SCHEMA.asNullable(), b.schema().asNullable());
    List<Row> ra = a.collectAsList();
    List<Row> rb = b.collectAsList();
    assertEquals(7, rb.size());
    for (int k = 0; k < ra.size(); k++) {
      assertEquals(ra.get(k), rb.get(k), "row " + k);
      double[] theta = ((DenseVector) rb.get(k).get(1)).values();
      double[] want = st.history().get(k).theta();
      for (int j = 0; j < want.length; j++) {
        assertEquals(Double.doubleToRawLongBits(want[j]), Double.doubleToRawLongBits(theta[j]),
            "theta bits, row " + k);
      }
    }
    assertTrue(Double.isNaN(rb.get(2).getDouble(5)), "NaN misclassification kept");
    assertTrue(new File(direct, "_SUCCESS").isFile());
  }

  @Test
  void aSecondWriteReplacesTheFirstAndLeavesNoTemporaryFile() throws Exception {
    Configuration conf = SharedSparkSession.get().sparkContext().hadoopConfiguration();
    String d = dir("twice").getPath();
    TrajectoryParquet.write(d, state(), "snappy", conf);
    TrajectoryParquet.write(d, state(), "gzip", conf);
    List<String> names = new ArrayList<>();
    for (String n : new File(d).list()) {
      if (!n.endsWith(".crc")) {
        names.add(n);
      }
    }
    java.util.Collections.sort(names);
    assertEquals(List.of("_SUCCESS", "part-00000.gz.parquet"), names);
    assertEquals(7, SharedSparkSession.get().read().parquet(d).count());
  }

  @Test
  void anUnknownCodecIsRefusedNamingTheSetting() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> TrajectoryParquet.codec("snapy"));
    assertEquals("spark.sql.parquet.compression.codec: unknown codec 'snapy' (snappy, gzip, "
        + "zstd, lz4_raw, brotli, lzo, none, uncompressed)", e.getMessage());
    assertEquals(org.apache.parquet.hadoop.metadata.CompressionCodecName.UNCOMPRESSED,
        TrajectoryParquet.codec("none"));
  }
}
