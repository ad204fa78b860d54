package dev.iterdiff.spark.sweep;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.linalg.DenseMatrix;
import org.apache.spark.ml.linalg.Matrix;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The Parquet schema of a sweep's rows and the conversion {@link SweepRow} ⇄ Spark
 * {@link Row}. Vectors (θ, hypergradient, x) are MLlib {@link Vector}s, the Jacobian an MLlib
 * {@link Matrix} (n×m, column-major, like {@code DenseMatrix}), so results drop into MLlib
 * pipelines. NaN ("does not apply") is written as null. The x and jacobian columns exist only
 * when the config asks for them.
 */
public final class SweepRowSchema {

  private SweepRowSchema() {}

  /**
   * The column of the instance's iteration budget k (after {@code hypergradient}; rows
   * written before it existed lack it and read back −1).
   */
  public static final String MAX_ITERATIONS = "max_iterations";

  /** The schema; x and jacobian columns only when asked. */
  public static StructType schema(boolean withX, boolean withJacobian) {
    List<StructField> f = new ArrayList<>();
    f.add(DataTypes.createStructField("instance_id", DataTypes.LongType, false));
    f.add(field("data", DataTypes.StringType));
    f.add(field("problem", DataTypes.StringType));
    f.add(field("solver", DataTypes.StringType));
    f.add(field("theta", SQLDataTypes.VectorType()));
    f.add(field("estimator", DataTypes.StringType));
    f.add(field("status", DataTypes.StringType));
    f.add(field("message", DataTypes.StringType));
    f.add(field("iterations", DataTypes.IntegerType));
    f.add(field("converged", DataTypes.BooleanType));
    for (String d : new String[] {"solve_seconds", "diff_seconds", "optimality_residual", "rho"}) {
      f.add(field(d, DataTypes.DoubleType));
    }
    f.add(field("linear_solver", DataTypes.StringType));
    f.add(field("linear_iterations", DataTypes.IntegerType));
    for (String d : new String[] {"linear_residual", "theta_jacobian_norm", "one_step_bound",
        "jacobian_error", "jacobian_error_abs", "outer_value"}) {
      f.add(field(d, DataTypes.DoubleType));
    }
    f.add(field("hypergradient", SQLDataTypes.VectorType()));
    f.add(field(MAX_ITERATIONS, DataTypes.IntegerType));
    if (withX) {
      f.add(field("x", SQLDataTypes.VectorType()));
    }
    if (withJacobian) {
      f.add(field("jacobian", SQLDataTypes.MatrixType()));
    }
    return DataTypes.createStructType(f);
  }

  /**
   * Parquet writer options for these rows: dictionary encoding only for the columns whose
   * values repeat (strings, integers); the doubles are nearly all distinct, so a dictionary
   * is built per value only to be abandoned.
   */
  public static Map<String, String> parquetOptions(boolean withX, boolean withJacobian) {
    Map<String, String> o = new HashMap<>();
    o.put("parquet.enable.dictionary", "false");
    for (StructField f : schema(withX, withJacobian).fields()) {
      if (f.dataType() == DataTypes.StringType || f.dataType() == DataTypes.IntegerType
          || f.dataType() == DataTypes.LongType) {
        o.put("parquet.enable.dictionary#" + f.name(), "true");
      }
    }
    return o;
  }

  private static StructField field(String name, DataType type) {
    return DataTypes.createStructField(name, type, true);
  }

  /** The Spark row of a sweep row, in {@link #schema} order. */
  public static Row toRow(SweepRow r, boolean withX, boolean withJacobian) {
    List<Object> v = new ArrayList<>(28);
    v.add(r.instanceId());
    v.add(r.data());
    v.add(r.problem());
    v.add(r.solver());
    v.add(vector(r.theta()));
    v.add(r.estimator());
    v.add(r.status());
    v.add(r.message());
    v.add(r.iterations() < 0 ? null : r.iterations());
    v.add(r.converged());
    v.add(num(r.solveSeconds()));
    v.add(num(r.diffSeconds()));
    v.add(num(r.optimalityResidual()));
    v.add(num(r.rho()));
    v.add(r.linearSolver());
    v.add(r.linearIterations() < 0 ? null : r.linearIterations());
    v.add(num(r.linearResidual()));
    v.add(num(r.thetaJacobianNorm()));
    v.add(num(r.oneStepBound()));
    v.add(num(r.jacobianError()));
    v.add(num(r.jacobianErrorAbs()));
    v.add(num(r.outerValue()));
    v.add(vector(r.hypergradient()));
    v.add(r.maxIterations() < 0 ? null : r.maxIterations());
    if (withX) {
      v.add(vector(r.x()));
    }
    if (withJacobian) {
      v.add(r.jacobian() == null ? null
          : new DenseMatrix(r.jacobianRows(), r.jacobianCols(), r.jacobian()));
    }
    return RowFactory.create(v.toArray());
  }

  /** A sweep row read back (e.g. from Parquet); columns found by name. */
  public static SweepRow fromRow(Row row) {
    boolean withX = hasField(row, "x");
    boolean withJ = hasField(row, "jacobian");
    Matrix j = withJ ? (Matrix) row.getAs("jacobian") : null;
    return new SweepRow(row.<Long>getAs("instance_id"), row.getAs("data"), row.getAs("problem"),
        row.getAs("solver"), array(row.getAs("theta")), row.getAs("estimator"),
        row.getAs("status"), row.getAs("message"), integer(row, "iterations"),
        row.<Boolean>getAs("converged"), dbl(row, "solve_seconds"),
        dbl(row, "diff_seconds"), dbl(row, "optimality_residual"), dbl(row, "rho"),
        row.getAs("linear_solver"), integer(row, "linear_iterations"),
        dbl(row, "linear_residual"), dbl(row, "theta_jacobian_norm"),
        dbl(row, "one_step_bound"), dbl(row, "jacobian_error"), dbl(row, "jacobian_error_abs"),
        dbl(row, "outer_value"), array(row.getAs("hypergradient")),
        withX ? array(row.getAs("x")) : null, j == null ? null : j.toArray(),
        j == null ? -1 : j.numRows(), j == null ? -1 : j.numCols(),
        hasField(row, MAX_ITERATIONS) ? integer(row, MAX_ITERATIONS) : -1);
  }

  private static boolean hasField(Row row, String name) {
    for (String f : row.schema().fieldNames()) {
      if (f.equals(name)) {
        return true;
      }
    }
    return false;
  }

  private static Object num(double d) {
    return Double.isNaN(d) ? null : d;
  }

  private static Vector vector(double[] a) {
    return a == null ? null : Vectors.dense(a.clone());
  }

  private static double[] array(Object v) {
    return v == null ? null : ((Vector) v).toArray();
  }

  private static double dbl(Row row, String name) {
    Object o = row.getAs(name);
    return o == null ? Double.NaN : (Double) o;
  }

  private static int integer(Row row, String name) {
    Object o = row.getAs(name);
    return o == null ? -1 : (Integer) o;
  }
}
