package dev.iterdiff.spark.sweep;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;

import dev.iterdiff.spark.config.InstanceFileReader;
import dev.iterdiff.spark.config.JobConfigException;
import dev.iterdiff.spark.config.SweepConfig;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * A sweep's instance file (JSON lines, CSV or Parquet; one file or a directory of them) read
 * as a Spark data source: Spark's text or Parquet reader splits it, the executors parse it
 * ({@link InstanceLineParser}), and the driver never holds its rows. Two passes over the file:
 *
 * <ol>
 *   <li>{@link #scan}: a small job ({@link InstanceFileCounter}) counts, per input split
 *       ({@code _metadata.file_path}, {@code _metadata.file_block_start}), its lines and the
 *       instances each data set gets from them, and finds the first row naming an unknown data
 *       set. The driver receives one record per split (not per row) and numbers the splits'
 *       lines and ids ({@link InstanceFilePlan}) — so ids and θ are exactly those of the
 *       driver-side reader: data set by data set, rows in file order.</li>
 *   <li>{@link #instances}: each task parses its split's lines with their file and line
 *       number and yields the instances ({@link InstanceFileGenerator}, with the plan broadcast
 *       by {@link #broadcast}, which the job destroys once its rows are written); they are then
 *       spread over the job's partitions (round robin: the rows do not depend on the
 *       partitioning).</li>
 * </ol>
 *
 * A line that cannot be read (malformed JSON, a non-number, NaN, a wrong field count) is not a
 * failed job but an instance whose rows fail ({@code invalid-input}) with the message naming
 * the file and line, for every data set it would have gone to (all of them when its
 * {@code data} cannot be read). What the job cannot run at all stops it before the rows job,
 * naming the key: a missing file, a wrong Parquet schema, a CSV header without θ columns, a row
 * naming an unknown data set, a file without instances. For a problem that reads its own data
 * ({@code qp}) every line is one problem as one JSON object, parsed by the task that runs it.
 */
public final class InstanceFileSource {

  /** The column holding a row's file. */
  static final String FILE = "__iterdiff_file";
  /** The column holding the first byte of a row's split (the column after {@link #FILE}). */
  static final String START = "__iterdiff_start";
  /** The config key errors name. */
  static final String KEY = "sweep.theta.file";

  private final String path;
  private final String format;
  private final InstanceFilePlan plan;

  private InstanceFileSource(String path, String format, InstanceFilePlan plan) {
    this.path = path;
    this.format = format;
    this.plan = plan;
  }

  /**
   * Checks the file, runs the counting pass and plans the ids.
   *
   * @param data the sweep's data sets, in config order (none for a problem that reads its
   *             own data).
   * @throws JobConfigException naming {@code sweep.theta.file} (or {@code .format}): no such
   *         file, a wrong Parquet schema or CSV header, a row naming an unknown data set, no
   *         instances.
   */
  public static InstanceFileSource scan(SparkSession spark, SweepConfig config,
      List<SweepData> data) {
    String location = config.theta().file();
    String format = config.theta().fileFormat();
    boolean ownData = config.problem().entry().source() != null;
    if (ownData && !format.equals("jsonl")) {
      throw new JobConfigException("sweep.theta.format", "problem " + config.problem().name()
          + " reads one problem per line of a JSON-lines file, not " + format);
    }
    Configuration hadoop = spark.sparkContext().hadoopConfiguration();
    List<FileStatus> files = files(location, hadoop);
    Map<String, String> display = new HashMap<>();
    Map<String, String[]> headers = new HashMap<>();
    boolean single = !isDirectory(location, hadoop);
    for (FileStatus f : files) {
      String name = f.getPath().toUri().getPath();
      String shown = single ? location : f.getPath().toString();
      display.put(name, shown);
      if (format.equals("csv")) {
        headers.put(name, csvHeader(f.getPath(), shown, hadoop));
      }
    }
    List<String> names = new ArrayList<>();
    for (SweepData d : data) {
      names.add(d.name());
    }
    InstanceLineParser parser = new InstanceLineParser(format, ownData, names, display,
        headers);
    List<InstanceFileCounter.Block> blocks = read(spark, location, format).javaRDD()
        .mapPartitions(new InstanceFileCounter(parser)).collect();
    return new InstanceFileSource(location, format, InstanceFilePlan.of(parser, blocks,
        location));
  }

  /** The instance count. */
  public long size() {
    return plan.size();
  }

  /**
   * The plan of the generating pass, broadcast: the caller destroys it once the job that reads
   * {@link #instances} has ended.
   */
  Broadcast<InstanceFilePlan> broadcast(SparkSession spark) {
    return JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(plan);
  }

  /**
   * The instances, generated by the tasks from the file's splits with the broadcast
   * {@code plan} ({@link #broadcast}), spread round robin over {@code partitions} partitions.
   */
  JavaRDD<SweepInstance> instances(SparkSession spark, Broadcast<InstanceFilePlan> plan,
      int partitions) {
    return read(spark, path, format).javaRDD().mapPartitions(new InstanceFileGenerator(plan))
        .repartition(partitions);
  }

  /** The file as rows of (value…, file, split start): text lines, or Parquet (data, theta). */
  private static Dataset<Row> read(SparkSession spark, String path, String format) {
    Dataset<Row> df;
    if (format.equals("parquet")) {
      df = spark.read().parquet(path);
      df = df.select(parquetColumns(df.schema(), path));
    } else {
      df = spark.read().text(path);
    }
    List<Column> cols = new ArrayList<>();
    for (String c : df.columns()) {
      cols.add(col(c));
    }
    cols.add(col("_metadata.file_path").as(FILE));
    cols.add(col("_metadata.file_block_start").as(START));
    return df.select(cols.toArray(new Column[0]));
  }

  /**
   * The Parquet file's (data, theta) as (string, array of double), its schema checked.
   *
   * @throws JobConfigException naming a column the file should not have, a missing θ, or a
   *         type that is not a number or an array of numbers.
   */
  private static Column[] parquetColumns(StructType schema, String path) {
    Column theta = null;
    Column dataCol = org.apache.spark.sql.functions.lit(null).cast(DataTypes.StringType);
    for (StructField f : schema.fields()) {
      switch (f.name()) {
        case "theta" -> {
          if (f.dataType() instanceof NumericType) {
            theta = array(col("theta").cast(DataTypes.DoubleType));
          } else if (f.dataType() instanceof ArrayType a
              && a.elementType() instanceof NumericType) {
            theta = col("theta").cast(DataTypes.createArrayType(DataTypes.DoubleType));
          } else {
            throw new JobConfigException(KEY, path + ": column theta is " + f.dataType()
                .simpleString() + " (expected a number or an array of numbers)");
          }
        }
        case "data" -> {
          if (f.dataType() != DataTypes.StringType) {
            throw new JobConfigException(KEY, path + ": column data is " + f.dataType()
                .simpleString() + " (expected a string)");
          }
          dataCol = col("data");
        }
        default -> throw new JobConfigException(KEY, path + ": unknown column '" + f.name()
            + "' (known: data, theta)");
      }
    }
    if (theta == null) {
      throw new JobConfigException(KEY, path + ": no column theta (columns: "
          + Arrays.toString(schema.fieldNames()) + ")");
    }
    return new Column[] {dataCol.as("data"), theta.as("theta")};
  }

  /** The data files under {@code location}, as Spark lists them (no _ or . names). */
  private static List<FileStatus> files(String location, Configuration hadoop) {
    Path p = new Path(location);
    try {
      FileSystem fs = p.getFileSystem(hadoop);
      if (!fs.exists(p)) {
        throw new JobConfigException(KEY, "no such file: " + location);
      }
      List<FileStatus> out = new ArrayList<>();
      if (fs.getFileStatus(p).isDirectory()) {
        for (FileStatus f : fs.listStatus(p)) {
          String n = f.getPath().getName();
          if (f.isFile() && !n.startsWith("_") && !n.startsWith(".")) {
            out.add(f);
          }
        }
        if (out.isEmpty()) {
          throw new JobConfigException(KEY, location + ": a directory without data files");
        }
      } else {
        out.add(fs.getFileStatus(p));
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(KEY + ": cannot read " + location + ": " + e.getMessage(),
          e);
    }
  }

  private static boolean isDirectory(String location, Configuration hadoop) {
    Path p = new Path(location);
    try {
      return p.getFileSystem(hadoop).getFileStatus(p).isDirectory();
    } catch (IOException e) {
      throw new UncheckedIOException(KEY + ": cannot read " + location + ": " + e.getMessage(),
          e);
    }
  }

  /** A CSV file's header: its first line that is neither blank nor a comment. */
  private static String[] csvHeader(Path file, String shown, Configuration hadoop) {
    try (BufferedReader in = new BufferedReader(new InputStreamReader(
        file.getFileSystem(hadoop).open(file), StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        if (!InstanceFileReader.skipped(line)) {
          String[] header = InstanceFileReader.csvHeader(line);
          if (Arrays.stream(header).noneMatch(h -> !h.equals("data"))) {
            throw new JobConfigException(KEY, shown + ":1: the header names no theta column: "
                + line.trim());
          }
          return header;
        }
      }
      throw new JobConfigException(KEY, shown + ": no instances in the file");
    } catch (IOException e) {
      throw new UncheckedIOException(KEY + ": cannot read " + shown + ": " + e.getMessage(), e);
    }
  }
}
