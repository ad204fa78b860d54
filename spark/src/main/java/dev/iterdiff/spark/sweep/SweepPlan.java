package dev.iterdiff.spark.sweep;

import dev.iterdiff.spark.config.InstanceFileReader;

import dev.iterdiff.spark.config.SweepConfig;
import dev.iterdiff.spark.config.JobConfigException;
import dev.iterdiff.spark.config.ThetaSpec;

import dev.iterdiff.data.LibsvmReader;
import dev.iterdiff.spark.ml.SparkDataSource;
import org.apache.spark.sql.SparkSession;
import dev.iterdiff.problem.LabeledData;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * What the driver prepares before any Spark job: the data sets read (through Hadoop's
 * FileSystem, so file://, hdfs:// and s3a:// paths work) and parsed by the project's
 * {@link LibsvmReader} — errors name the file and line — split into train / validation when
 * an outer objective is set, and the instances specified ({@link InstanceSpace}: grid or
 * random specs, not a list, so the driver does not grow with the instance count). The same
 * plan feeds the Spark job and the in-process loop.
 *
 * @param config the sweep.
 * @param data   the data sets, in config order.
 * @param space  the instances as a specification; executors generate them by id range.
 */
public record SweepPlan(SweepConfig config, List<SweepData> data, InstanceSpace space) {

  /**
   * Every instance, in id order, materialized (in-process runs and tests; the Spark job never
   * calls it).
   *
   * @throws IllegalStateException if there are more than 2³¹ − 9.
   */
  public List<SweepInstance> instances() {
    if (space.size() > Integer.MAX_VALUE - 8) {
      throw new IllegalStateException(space.size() + " instances do not fit in a list");
    }
    List<SweepInstance> out = new ArrayList<>((int) space.size());
    space.instances(0, space.size()).forEachRemaining(out::add);
    return out;
  }

  /**
   * Reads the data and the instance file and builds the instances.
   *
   * @param hadoop Hadoop configuration (the SparkContext's, for credentials), or a fresh one.
   * @throws IllegalArgumentException if a data file is missing, malformed or non-finite
   *         (naming file and line), or the instances are invalid ({@link JobConfigException}).
   */
  public static SweepPlan prepare(SweepConfig config, Configuration hadoop) {
    return prepare(config, hadoop, null);
  }

  /**
   * The same, data sets with a {@code format} read through {@code spark}'s data sources
   * ({@link SparkDataSource}).
   *
   * @param spark the session, or null when no data set has a format.
   * @throws IllegalStateException for a format without a session.
   */
  public static SweepPlan prepare(SweepConfig config, Configuration hadoop, SparkSession spark) {
    List<SweepData> data = readData(config, hadoop, spark);
    if (config.problem().entry().source() != null) {
      List<String[]> lines = config.theta().mode() == ThetaSpec.Mode.FILE
          ? read(config.theta().file(), hadoop, in -> ownLines(in, config.theta().file()),
              "sweep.theta.file")
          : null;
      return new SweepPlan(config, data, InstanceSpace.ownData(config, lines));
    }
    List<InstanceFileReader.Row> rows = config.theta().mode() == ThetaSpec.Mode.FILE
        ? read(config.theta().file(), hadoop,
            in -> InstanceFileReader.read(in, config.theta().file()), "sweep.theta.file")
        : null;
    return new SweepPlan(config, List.copyOf(data), InstanceSpace.of(config, data, rows));
  }

  /**
   * Reads the data sets only (the Spark job reads an instance file through Spark:
   * {@link InstanceFileSource}); those with a {@code format} through {@code spark}'s data
   * sources.
   *
   * @param spark the session, or null when no data set has a format.
   * @throws IllegalArgumentException if a data file is missing, malformed or non-finite.
   * @throws IllegalStateException for a format without a session.
   */
  public static List<SweepData> readData(SweepConfig config, Configuration hadoop,
      SparkSession spark) {
    List<SweepData> data = new ArrayList<>();
    for (SweepConfig.DataSource src : config.data()) {
      if (src.format() != null && spark == null) {
        throw new IllegalStateException(src.format().key() + ": format " + src.format().format()
            + " needs a Spark session");
      }
      LabeledData d = src.format() != null
          ? SparkDataSource.read(spark, src.format(), src.path())
          : read(src.path(), hadoop, in -> LibsvmReader.read(src.path(), in, src.features()),
              "sweep.data (" + src.name() + ")");
      data.add(config.outer() == null ? SweepData.whole(src.name(), d)
          : SweepData.split(src.name(), d, config.outer().validationFraction(),
              config.outer().seed()));
    }
    return List.copyOf(data);
  }

  /** The lines of an own-data instance file that are not blank or comments, with origins. */
  private static List<String[]> ownLines(BufferedReader in, String file) throws IOException {
    List<String[]> out = new ArrayList<>();
    String line;
    int n = 0;
    while ((line = in.readLine()) != null) {
      n++;
      if (!InstanceFileReader.skipped(line)) {
        out.add(new String[] {file + ":" + n, line});
      }
    }
    return out;
  }

  /** Parses a file opened through Hadoop's FileSystem. */
  interface Parser<T> {
    T parse(BufferedReader in) throws IOException;
  }

  static <T> T read(String location, Configuration hadoop, Parser<T> parser, String key) {
    Path path = new Path(location);
    try {
      FileSystem fs = path.getFileSystem(hadoop);
      if (!fs.exists(path)) {
        throw new JobConfigException(key, "no such file: " + location);
      }
      if (fs.getFileStatus(path).isDirectory()) {
        throw new JobConfigException(key, location + " is a directory, not a file");
      }
      try (BufferedReader in = new BufferedReader(new InputStreamReader(fs.open(path),
          StandardCharsets.UTF_8))) {
        return parser.parse(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(key + ": cannot read " + location + ": " + e.getMessage(), e);
    }
  }
}
