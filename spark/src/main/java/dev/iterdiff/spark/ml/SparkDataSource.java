package dev.iterdiff.spark.ml;

import dev.iterdiff.problem.LabeledData;
import dev.iterdiff.spark.config.DataFormat;
import dev.iterdiff.spark.config.JobConfigException;
import java.util.List;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * A job's data set read through a Spark data source ({@link DataFormat}): {@code
 * spark.read().format(f).load(location)} — so a LIBSVM directory written by Spark, Parquet,
 * CSV (header, inferred types), ORC, JSON or a catalog table ({@code spark.table}) — numeric
 * {@code feature-cols} assembled by {@code VectorAssembler}, then collected to the driver by
 * {@link LabeledRows} (sparse vectors stay sparse). Every failure is a one-line
 * {@link JobConfigException} naming the config key: the path or table that cannot be read,
 * a missing or mistyped column, a null or NaN entry.
 */
public final class SparkDataSource {

  private SparkDataSource() {}

  /**
   * @param location path (any Hadoop file system) or, for format table, the table name.
   * @throws JobConfigException naming the location's key, {@code <key>.label-col},
   *         {@code .features-col} or {@code .feature-cols}.
   */
  public static LabeledData read(SparkSession spark, DataFormat f, String location) {
    Dataset<Row> df;
    try {
      if (f.format().equals("table")) {
        df = spark.table(location);
      } else {
        DataFrameReader r = spark.read().format(f.format());
        if (f.format().equals("csv")) {
          r = r.option("header", "true").option("inferSchema", "true");
        }
        if (f.format().equals("libsvm") && f.numFeatures() > 0) {
          r = r.option("numFeatures", Integer.toString(f.numFeatures()));
        }
        df = r.load(location);
      }
    } catch (Exception e) { // AnalysisException (path or table not found), bad files
      throw new JobConfigException(f.locationKey(), "cannot read " + f.format() + " '"
          + location + "': " + firstLine(e));
    }
    String features = f.featuresCol();
    if (!f.featureCols().isEmpty()) {
      List<String> have = List.of(df.columns());
      for (String c : f.featureCols()) {
        if (!have.contains(c)) {
          throw new JobConfigException(f.key() + ".feature-cols", "column '" + c + "' does not "
              + "exist in " + location + " (available: " + String.join(", ", have) + ")");
        }
      }
      features = "__iterdiff_features";
      try {
        df = new VectorAssembler().setInputCols(f.featureCols().toArray(new String[0]))
            .setOutputCol(features).setHandleInvalid("error").transform(df);
      } catch (IllegalArgumentException e) { // a non-numeric column
        throw new JobConfigException(f.key() + ".feature-cols", firstLine(e));
      }
    }
    try {
      return LabeledRows.collect(df, features, f.labelCol(), "").data();
    } catch (IllegalArgumentException e) {
      String m = firstLine(e);
      String k = m.startsWith("label") ? ".label-col"
          : f.featureCols().isEmpty() ? ".features-col" : ".feature-cols";
      throw new JobConfigException(f.key() + k, location + ": " + m);
    } catch (Exception e) { // a read error surfacing only when the job runs
      throw new JobConfigException(f.locationKey(), "cannot read " + f.format() + " '"
          + location + "': " + firstLine(e));
    }
  }

  private static String firstLine(Throwable e) {
    String m = String.valueOf(e.getMessage());
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }
}
