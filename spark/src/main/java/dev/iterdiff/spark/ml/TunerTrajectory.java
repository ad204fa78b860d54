package dev.iterdiff.spark.ml;

import dev.iterdiff.bilevel.OuterStep;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The outer loop's history as a DataFrame, one row per hypergradient step: iteration, θ (the
 * regParam or the per-feature λ), the mean validation loss at the inner tolerance of that
 * step, the norm of the hypergradient in log θ, whether the step was accepted, the inner
 * tolerance and the seconds it took.
 */
final class TunerTrajectory {

  /** The columns. */
  static final StructType SCHEMA = new StructType()
      .add("iteration", DataTypes.IntegerType)
      .add("theta", DataTypes.createArrayType(DataTypes.DoubleType, false))
      .add("validationLoss", DataTypes.DoubleType)
      .add("gradientNorm", DataTypes.DoubleType)
      .add("accepted", DataTypes.BooleanType)
      .add("innerTolerance", DataTypes.DoubleType)
      .add("seconds", DataTypes.DoubleType);

  private TunerTrajectory() {}

  static Dataset<Row> frame(SparkSession spark, List<OuterStep> steps) {
    List<Row> rows = new ArrayList<>();
    for (OuterStep s : steps) {
      Double[] theta = new Double[s.theta().length];
      for (int j = 0; j < theta.length; j++) {
        theta[j] = s.theta()[j];
      }
      rows.add(RowFactory.create(s.iteration(), theta, s.value(), s.gradientNorm(),
          s.accepted(), s.innerTolerance(), s.seconds()));
    }
    return spark.createDataFrame(rows, SCHEMA);
  }
}
