package dev.iterdiff.spark.ml;

import dev.iterdiff.bilevel.OuterStep;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The tuning's evaluations as a DataFrame: first the start scan's ({@code phase} = "scan",
 * {@link StartScan}; none when the learner's regParam is set, per sample, or startPoints = 0),
 * then one row per hypergradient step ({@code phase} = "descent"). Columns: iteration (the
 * descent's step from 0, as before the scan had rows; the scan's S evaluations −S … −1 in the
 * order made, so that ordering by iteration is chronological), θ (the regParam or the
 * per-feature λ), the
 * mean validation loss at the inner tolerance of that evaluation, the norm of the hypergradient
 * in log θ, accepted (descent: whether the step rule accepted the point; scan: whether it is
 * the scan's best), the inner tolerance, the seconds it took, and the phase.
 */
final class TunerTrajectory {

  /** Phase of the start scan's rows. */
  static final String SCAN = "scan";
  /** Phase of the descent's rows. */
  static final String DESCENT = "descent";

  /** The columns. */
  static final StructType SCHEMA = new StructType()
      .add("iteration", DataTypes.IntegerType)
      .add("theta", DataTypes.createArrayType(DataTypes.DoubleType, false))
      .add("validationLoss", DataTypes.DoubleType)
      .add("gradientNorm", DataTypes.DoubleType)
      .add("accepted", DataTypes.BooleanType)
      .add("innerTolerance", DataTypes.DoubleType)
      .add("seconds", DataTypes.DoubleType)
      .add("phase", DataTypes.StringType);

  private TunerTrajectory() {}

  /**
   * @param scan     the scan's evaluations in the order made (may be empty).
   * @param scanBest index of the scan's best in {@code scan} (ignored when empty).
   * @param steps    the descent's history.
   * @param thetaDim the length of θ (the scan's value fills every coordinate).
   */
  static Dataset<Row> frame(SparkSession spark, List<StartScan.Point> scan, int scanBest,
      List<OuterStep> steps, int thetaDim) {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < scan.size(); i++) {
      StartScan.Point p = scan.get(i);
      Double[] theta = new Double[thetaDim];
      Arrays.fill(theta, p.regParam());
      rows.add(RowFactory.create(i - scan.size(), theta, p.value(), p.gradientNorm(),
          i == scanBest,
          StartScan.TOLERANCE, p.seconds(), SCAN));
    }
    for (OuterStep s : steps) {
      Double[] theta = new Double[s.theta().length];
      for (int j = 0; j < theta.length; j++) {
        theta[j] = s.theta()[j];
      }
      rows.add(RowFactory.create(s.iteration(), theta, s.value(), s.gradientNorm(),
          s.accepted(), s.innerTolerance(), s.seconds(), DESCENT));
    }
    return spark.createDataFrame(rows, SCHEMA);
  }
}
