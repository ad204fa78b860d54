package dev.iterdiff.spark.ml;

import dev.iterdiff.data.LibsvmReader;
import dev.iterdiff.problem.LabeledData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The committed breast cancer and diabetes sets, un-standardized on purpose (feature j scaled by
 * 1 + j mod 5 and shifted by j; diabetes labels ×50 + 150) so that intercept and
 * standardization matter, as core data and as DataFrames (label, features, fold).
 */
final class MlTestData {

  private MlTestData() {}

  static LabeledData read(String name) {
    try {
      LabeledData d = LibsvmReader.read(Path.of("data-samples", name + ".libsvm"));
      int n = d.rows();
      double[] a = d.a().clone();
      for (int j = 0; j < d.cols(); j++) {
        for (int i = 0; i < n; i++) {
          a[i + j * n] = a[i + j * n] * (1 + j % 5) + j;
        }
      }
      double[] b = d.labels().clone();
      if (name.equals("diabetes")) {
        for (int i = 0; i < n; i++) {
          b[i] = 50 * b[i] + 150;
        }
      }
      return new LabeledData(a, n, d.cols(), b, name);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Deterministic instance weights for {@code n} rows: 0.2 to 2.2 in an irregular pattern,
   * every 17th row 0 (Spark keeps rows of weight 0 in its sums: they count for nothing).
   */
  static double[] weights(int n) {
    double[] w = new double[n];
    for (int i = 0; i < n; i++) {
      w[i] = i % 17 == 5 ? 0.0 : 0.2 + (i * 7 % 11) / 5.0;
    }
    return w;
  }

  /** (label, features, fold, weight) rows, weight = {@code weights[i]}. */
  static Dataset<Row> frame(SparkSession spark, LabeledData d, int[] folds, double[] weights) {
    Dataset<Row> df = frame(spark, d, folds);
    List<Row> rows = new ArrayList<>();
    List<Row> in = df.collectAsList();
    for (int i = 0; i < in.size(); i++) {
      rows.add(RowFactory.create(in.get(i).get(0), in.get(i).get(1), in.get(i).get(2),
          weights[i]));
    }
    return spark.createDataFrame(rows, df.schema().add("weight", DataTypes.DoubleType));
  }

  /** (label, features, fold) rows, fold = {@code folds[i]} (or 0 when null). */
  static Dataset<Row> frame(SparkSession spark, LabeledData d, int[] folds) {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < d.rows(); i++) {
      double[] x = new double[d.cols()];
      for (int j = 0; j < x.length; j++) {
        x[j] = d.get(i, j);
      }
      rows.add(RowFactory.create(d.labels()[i], Vectors.dense(x), folds == null ? 0 : folds[i]));
    }
    StructType schema = new StructType().add("label", DataTypes.DoubleType)
        .add("features", SQLDataTypes.VectorType()).add("fold", DataTypes.IntegerType);
    return spark.createDataFrame(rows, schema);
  }
}
