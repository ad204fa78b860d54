package dev.iterdiff.spark.ml;

import dev.iterdiff.bilevel.Fold;
import dev.iterdiff.linalg.CsrMatrix;
import dev.iterdiff.problem.LabeledData;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.SparseVector;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The rows of a DataFrame as the core's {@link LabeledData} on the driver, with the column
 * checks Spark ML stages make: the features column must hold MLlib {@code Vector}s — all dense:
 * a dense column-major A; any sparse: compressed rows copied from the SparseVectors' indices
 * and values (dense rows' non-zeros), never densified, memory O(nnz) —, the label and fold
 * columns numbers, the weight column (optional) numbers ≥ 0; a missing, null or NaN entry is an
 * {@link IllegalArgumentException} naming the column and the row.
 */
final class LabeledRows {

  private LabeledRows() {}

  /**
   * Checks that {@code schema} has a vector column {@code features} and numeric columns
   * {@code label} and, if non-empty, {@code fold}.
   *
   * @throws IllegalArgumentException naming the column, its type and what was expected.
   */
  static void checkSchema(StructType schema, String features, String label, String fold) {
    checkSchema(schema, features, label, fold, "");
  }

  /**
   * The same with a weight column (numeric), checked when {@code weight} is non-empty.
   *
   * @throws IllegalArgumentException naming the column, its type and what was expected.
   */
  static void checkSchema(StructType schema, String features, String label, String fold,
      String weight) {
    require(schema, features, "features", SQLDataTypes.VectorType());
    require(schema, label, "label", null);
    if (fold != null && !fold.isEmpty()) {
      require(schema, fold, "fold", null);
    }
    if (weight != null && !weight.isEmpty()) {
      require(schema, weight, "weight", null);
    }
  }

  private static void require(StructType schema, String name, String role, DataType type) {
    if (!List.of(schema.fieldNames()).contains(name)) {
      throw new IllegalArgumentException(role + " column '" + name + "' does not exist. "
          + "Available: " + String.join(", ", schema.fieldNames()));
    }
    StructField f = schema.apply(name);
    boolean ok = type == null ? f.dataType() instanceof NumericType : f.dataType().equals(type);
    if (!ok) {
      throw new IllegalArgumentException(role + " column '" + name + "' must be of type "
          + (type == null ? "numeric" : "vector (ml.linalg.VectorUDT)") + " but was actually "
          + f.dataType().catalogString() + ".");
    }
  }

  /**
   * The collected rows, the fold column's values (null without one) and the weight column's
   * (null without one).
   */
  record Collected(LabeledData data, int[] folds, double[] weights) {}

  static Collected collect(Dataset<?> dataset, String features, String label, String fold) {
    return collect(dataset, features, label, fold, "");
  }

  /**
   * Collects the rows to the driver.
   *
   * @throws IllegalArgumentException on an empty data set, a null vector, vectors of different
   *         sizes, a null or NaN label or fold, a null, NaN, infinite or negative weight or
   *         weights summing to 0, naming the column and the row.
   */
  static Collected collect(Dataset<?> dataset, String features, String label, String fold,
      String weight) {
    checkSchema(dataset.schema(), features, label, fold, weight);
    boolean hasFold = fold != null && !fold.isEmpty();
    boolean hasWeight = weight != null && !weight.isEmpty();
    List<org.apache.spark.sql.Column> cols = new ArrayList<>();
    cols.add(dataset.col(features));
    cols.add(dataset.col(label).cast(DataTypes.DoubleType));
    if (hasFold) {
      cols.add(dataset.col(fold).cast(DataTypes.DoubleType));
    }
    if (hasWeight) {
      cols.add(dataset.col(weight).cast(DataTypes.DoubleType));
    }
    List<Row> rows = dataset.select(cols.toArray(new org.apache.spark.sql.Column[0]))
        .collectAsList();
    int n = rows.size();
    if (n == 0) {
      throw new IllegalArgumentException("the data set has no rows (column '" + features + "')");
    }
    Vector first = vector(rows.get(0), features, 0);
    int p = first.size();
    boolean sparse = false;
    long nnz = 0;
    for (int i = 0; i < n; i++) {
      Vector v = vector(rows.get(i), features, i);
      if (v.size() != p) {
        throw new IllegalArgumentException("features column '" + features + "': row " + i
            + " has " + v.size() + " features, row 0 has " + p);
      }
      sparse |= v instanceof SparseVector;
      nnz += v.numNonzeros();
    }
    double[] a = sparse ? null : new double[Math.multiplyExact(n, p)];
    int[] start = sparse ? new int[n + 1] : null;
    int[] columns = sparse ? new int[Math.toIntExact(nnz)] : null;
    double[] entries = sparse ? new double[columns.length] : null;
    double[] b = new double[n];
    int[] folds = hasFold ? new int[n] : null;
    double[] weights = hasWeight ? new double[n] : null;
    double totalWeight = 0;
    for (int i = 0; i < n; i++) {
      Row r = rows.get(i);
      Vector v = vector(r, features, i);
      if (sparse) {
        int k = start[i];
        SparseVector sv = v.toSparse();
        int[] idx = sv.indices();
        double[] val = sv.values();
        for (int e = 0; e < idx.length; e++) {
          if (val[e] != 0) {
            columns[k] = idx[e];
            entries[k++] = val[e];
          }
        }
        start[i + 1] = k;
      } else {
        double[] values = v.toArray();
        for (int j = 0; j < p; j++) {
          a[i + j * n] = values[j];
        }
      }
      b[i] = number(r, 1, label, "label", i);
      if (hasFold) {
        folds[i] = (int) number(r, 2, fold, "fold", i);
      }
      if (hasWeight) {
        weights[i] = number(r, hasFold ? 3 : 2, weight, "weight", i);
        if (weights[i] < 0) {
          throw new IllegalArgumentException("weight column '" + weight + "': row " + i
              + " is " + weights[i] + " (illegal weight value: weight must be >= 0.0)");
        }
        totalWeight += weights[i];
      }
    }
    if (hasWeight && !(totalWeight > 0)) {
      throw new IllegalArgumentException("weight column '" + weight + "': the weights of the "
          + n + " rows sum to " + totalWeight + " (need a positive total weight)");
    }
    String source = "column '" + features + "'";
    if (sparse) {
      CsrMatrix m;
      try {
        m = new CsrMatrix(n, p, start, java.util.Arrays.copyOf(columns, start[n]),
            java.util.Arrays.copyOf(entries, start[n]));
      } catch (IllegalArgumentException e) { // a NaN or infinite entry, named by row and column
        throw new IllegalArgumentException("features column '" + features + "': "
            + e.getMessage().replaceFirst("^sparse matrix: ", ""), e);
      }
      return new Collected(LabeledData.sparse(m, b, source), folds, weights);
    }
    return new Collected(new LabeledData(a, n, p, b, source), folds, weights);
  }

  private static Vector vector(Row r, String column, int i) {
    if (r.isNullAt(0)) {
      throw new IllegalArgumentException("features column '" + column + "': row " + i
          + " is null");
    }
    return (Vector) r.get(0);
  }

  private static double number(Row r, int k, String column, String role, int i) {
    double v = r.isNullAt(k) ? Double.NaN : r.getDouble(k);
    if (!Double.isFinite(v)) {
      throw new IllegalArgumentException(role + " column '" + column + "': row " + i + " is "
          + (r.isNullAt(k) ? "null" : v) + " (must be a finite number)");
    }
    return v;
  }

  /**
   * The folds given by a fold column's values 0…K−1 (CrossValidator's foldCol convention).
   *
   * @throws IllegalArgumentException naming the column when a value is outside [0, K) or a
   *         fold is empty.
   */
  static List<Fold> folds(int[] ids, int k, String column) {
    int[] counts = new int[k];
    for (int i = 0; i < ids.length; i++) {
      if (ids[i] < 0 || ids[i] >= k) {
        throw new IllegalArgumentException("fold column '" + column + "': row " + i + " has "
            + "fold " + ids[i] + ", expected 0 to " + (k - 1) + " (numFolds = " + k + ")");
      }
      counts[ids[i]]++;
    }
    List<Fold> out = new ArrayList<>();
    for (int f = 0; f < k; f++) {
      if (counts[f] == 0 || counts[f] == ids.length) {
        throw new IllegalArgumentException("fold column '" + column + "': fold " + f + " has "
            + counts[f] + " of " + ids.length + " rows");
      }
      int[] val = new int[counts[f]];
      int[] train = new int[ids.length - counts[f]];
      int v = 0;
      int t = 0;
      for (int i = 0; i < ids.length; i++) {
        if (ids[i] == f) {
          val[v++] = i;
        } else {
          train[t++] = i;
        }
      }
      out.add(new Fold(f, train, val));
    }
    return out;
  }
}
