package dev.iterdiff.spark.ml;

import java.util.Arrays;
import java.util.List;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * What {@link HypergradientTuner#fit} returns, like {@code CrossValidatorModel}: the best
 * Spark ML model ({@code LinearRegressionModel} / {@code LogisticRegressionModel}, refit on all
 * rows), the tuned hyperparameters, the mean K-fold validation loss there (exact inner solves),
 * and the outer trajectory as a DataFrame. {@code transform} delegates to the best model.
 * Saved and loaded with {@code write().save(path)} / {@link #load}; a {@code PipelineModel}
 * saves it as one of its stages.
 */
public final class HypergradientTunerModel extends Model<HypergradientTunerModel>
    implements MLWritable {

  private static final long serialVersionUID = 1L;

  private final String uid;
  private final Model<?> bestModel;
  private final String hyperparameters;
  private final double[] tuned;
  private final double bestMetric;
  private final transient Dataset<Row> trajectory;

  /**
   * @param uid             the tuner's uid.
   * @param bestModel       the refit learner's model.
   * @param hyperparameters regParam, perFeature or perSample.
   * @param tuned           the tuned values (one regParam, or one λ per feature). Copied.
   * @param bestMetric      mean K-fold validation loss at {@code tuned}.
   * @param trajectory      the outer steps ({@link TunerTrajectory#SCHEMA}).
   */
  HypergradientTunerModel(String uid, Model<?> bestModel, String hyperparameters,
      double[] tuned, double bestMetric, Dataset<Row> trajectory) {
    this.uid = uid;
    this.bestModel = bestModel;
    this.hyperparameters = hyperparameters;
    this.tuned = tuned.clone();
    this.bestMetric = bestMetric;
    this.trajectory = trajectory;
  }

  @Override
  public String uid() {
    return uid;
  }

  /** The learner's model refit on all rows at the tuned hyperparameters. */
  public Model<?> bestModel() {
    return bestModel;
  }

  /** regParam, perFeature or perSample. */
  public String hyperparameters() {
    return hyperparameters;
  }

  /** The tuned values: {regParam}, one λ per feature or one weight per row (a copy). */
  public double[] tunedHyperparameters() {
    return tuned.clone();
  }

  /**
   * The tuned regParam (the first value when per feature; per sample, the learner's fixed
   * regParam, which the best model carries).
   */
  public double tunedRegParam() {
    if ("perSample".equals(hyperparameters)) {
      return (Double) bestModel.getOrDefault(bestModel.getParam("regParam"));
    }
    return tuned[0];
  }

  /** Mean K-fold validation loss (squared error / 2, or log loss) at the tuned values. */
  public double bestMetric() {
    return bestMetric;
  }

  /**
   * One row per evaluation: the start scan's (phase = "scan"), then the outer steps' (phase =
   * "descent"); columns iteration, theta, validationLoss, gradientNorm, accepted,
   * innerTolerance, seconds, phase.
   */
  public Dataset<Row> trajectory() {
    return trajectory;
  }

  /**
   * The validation loss of every outer step (the descent's rows), in order (CrossValidatorModel's
   * avgMetrics).
   */
  public double[] avgMetrics() {
    Dataset<Row> steps = trajectory.filter(trajectory.col("phase")
        .equalTo(TunerTrajectory.DESCENT)); // (a model saved before the column gets it on load)
    List<Row> rows = steps.orderBy("iteration").select("validationLoss").collectAsList();
    double[] out = new double[rows.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = rows.get(i).getDouble(0);
    }
    return out;
  }

  @Override
  public Dataset<Row> transform(Dataset<?> dataset) {
    transformSchema(dataset.schema());
    return bestModel.transform(dataset);
  }

  @Override
  public StructType transformSchema(StructType schema) {
    return bestModel.transformSchema(schema);
  }

  @Override
  public HypergradientTunerModel copy(ParamMap extra) {
    HypergradientTunerModel c = new HypergradientTunerModel(uid,
        (Model<?>) bestModel.copy(extra), hyperparameters, tuned, bestMetric, trajectory);
    copyValues(c, extra);
    return (HypergradientTunerModel) c.setParent(parent());
  }

  @Override
  public MLWriter write() {
    return new TunerPersistence.ModelWriter(this);
  }

  /** The reader of {@link #write()}'s directories. */
  public static MLReader<HypergradientTunerModel> read() {
    return new TunerPersistence.ModelReader();
  }

  /** Loads a model saved by {@code write().save(path)}. */
  public static HypergradientTunerModel load(String path) {
    return read().load(path);
  }
}
