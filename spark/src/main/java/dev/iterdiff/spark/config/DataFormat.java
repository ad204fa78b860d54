package dev.iterdiff.spark.config;

import java.io.Serializable;
import java.util.List;

/**
 * How a job reads a data set through a Spark data source instead of the driver's LIBSVM file
 * reader: {@code format} (libsvm, parquet, csv, orc, json, or table — then the location is a
 * table name in the session's catalog), the label column, and either a vector features column
 * or numeric {@code feature-cols} assembled into one (VectorAssembler; a CSV is read with a
 * header and inferred types). Config keys, beside the location: {@code format},
 * {@code label-col} (default label), {@code features-col} (default features),
 * {@code feature-cols} (a list of column names), and for libsvm the existing
 * {@code features} (numFeatures).
 *
 * @param format      one of {@link #FORMATS}.
 * @param labelCol    numeric label column.
 * @param featuresCol vector column (ignored when {@code featureCols} is non-empty).
 * @param featureCols numeric columns to assemble, or empty.
 * @param numFeatures libsvm's numFeatures, or -1 to let Spark infer it.
 * @param key         the config key of the object holding these keys (errors on a column
 *                    name {@code key.label-col} etc.).
 * @param locationKey the config key of the path or table name (errors reading it name it).
 */
public record DataFormat(String format, String labelCol, String featuresCol,
    List<String> featureCols, int numFeatures, String key, String locationKey)
    implements Serializable {

  private static final long serialVersionUID = 1L;

  /** The formats accepted. */
  public static final List<String> FORMATS = List.of("libsvm", "parquet", "csv", "orc", "json",
      "table");

  /**
   * @throws JobConfigException naming {@code key.format} for an unknown format.
   */
  public DataFormat {
    if (!FORMATS.contains(format)) {
      throw new JobConfigException(key + ".format", "unknown format '" + format + "' (valid: "
          + String.join(", ", FORMATS) + ")");
    }
    featureCols = List.copyOf(featureCols);
  }

  /**
   * The data format of a config object, or null when it has no {@code format} key (the
   * driver's LIBSVM file reader).
   *
   * @param c           the object holding the keys.
   * @param numFeatures libsvm's numFeatures or -1.
   * @param location    the key of the path (or table name).
   */
  static DataFormat read(StrictConfig c, int numFeatures, String location) {
    if (!c.has("format")) {
      for (String k : List.of("label-col", "features-col", "feature-cols")) {
        if (c.has(k)) {
          throw new JobConfigException(c.key(k), "needs a format (one of "
              + String.join(", ", FORMATS) + ")");
        }
      }
      return null;
    }
    String format = c.string("format").trim().toLowerCase(java.util.Locale.ROOT);
    List<String> cols = c.has("feature-cols") ? c.strings("feature-cols") : List.of();
    if (c.has("feature-cols") && cols.isEmpty()) {
      throw new JobConfigException(c.key("feature-cols"), "empty list of columns");
    }
    return new DataFormat(format, c.string("label-col", "label"),
        c.string("features-col", "features"), cols, numFeatures, c.path(), location);
  }
}
