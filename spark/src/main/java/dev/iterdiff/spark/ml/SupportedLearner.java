package dev.iterdiff.spark.ml;

import dev.iterdiff.problem.LabeledData;
import dev.iterdiff.problem.LinearModelObjective;
import java.util.Arrays;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.classification.LogisticRegressionModel;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.regression.LinearRegression;
import org.apache.spark.ml.regression.LinearRegressionModel;
import org.apache.spark.sql.Dataset;

/**
 * A learner the {@link HypergradientTuner} supports — Spark ML's {@code LinearRegression}
 * (squared loss) or binomial {@code LogisticRegression}, ℓ₂ only — read as iterdiff's
 * {@link LinearModelObjective}: its fitIntercept, standardization and (for LinearRegression)
 * solver decide the objective, its regParam is the start of the tuning, its featuresCol,
 * labelCol and weightCol (instance weights, optional) are the columns read. Everything else is refused with an
 * {@link IllegalArgumentException} naming the param: elasticNetParam &gt; 0, LinearRegression's huber loss, LogisticRegression's multinomial family, bounds on the
 * coefficients, or any other estimator.
 */
final class SupportedLearner {

  private final PipelineStage learner;
  private final boolean logistic;

  private SupportedLearner(PipelineStage learner, boolean logistic) {
    this.learner = learner;
    this.logistic = logistic;
  }

  /**
   * @throws IllegalArgumentException for a null or unsupported learner or setting, naming it.
   */
  static SupportedLearner of(PipelineStage learner) {
    if (learner instanceof LinearRegression lr) {
      refuse(lr.getElasticNetParam() != 0, "elasticNetParam", lr.getElasticNetParam(),
          "0 (ℓ₂ only)");
      refuse(!"squaredError".equals(lr.getLoss()), "loss", lr.getLoss(), "squaredError");
      return new SupportedLearner(lr, false);
    }
    if (learner instanceof LogisticRegression lr) {
      refuse(lr.getElasticNetParam() != 0, "elasticNetParam", lr.getElasticNetParam(),
          "0 (ℓ₂ only)");
      refuse("multinomial".equals(lr.getFamily()), "family", lr.getFamily(),
          "auto or binomial");
      refuse(lr.isSet(lr.lowerBoundsOnCoefficients()) || lr.isSet(lr.upperBoundsOnCoefficients())
          || lr.isSet(lr.lowerBoundsOnIntercepts()) || lr.isSet(lr.upperBoundsOnIntercepts()),
          "lowerBoundsOnCoefficients", "set", "unset (no bound constraints)");
      return new SupportedLearner(lr, true);
    }
    throw new IllegalArgumentException("learner: " + (learner == null ? "null"
        : learner.getClass().getName() + " (uid " + learner.uid() + ")") + " is not supported; "
        + "expected org.apache.spark.ml.regression.LinearRegression or "
        + "org.apache.spark.ml.classification.LogisticRegression");
  }

  private static void refuse(boolean bad, String param, Object value, String expected) {
    if (bad) {
      throw new IllegalArgumentException("learner param " + param + " = " + value
          + " is not supported by HypergradientTuner (expected " + expected + ")");
    }
  }

  /** The learner's objective (intercept, standardization, std convention). */
  LinearModelObjective objective(int features) {
    if (logistic) {
      LogisticRegression lr = (LogisticRegression) learner;
      return LinearModelObjective.logisticRegression(lr.getFitIntercept(),
          lr.getStandardization());
    }
    LinearRegression lr = (LinearRegression) learner;
    boolean lbfgs = "l-bfgs".equals(lr.getSolver())
        || ("auto".equals(lr.getSolver()) && features > 4096);
    return LinearModelObjective.linearRegression(lr.getFitIntercept(), lr.getStandardization(),
        lbfgs);
  }

  boolean logistic() {
    return logistic;
  }

  double regParam() {
    return logistic ? ((LogisticRegression) learner).getRegParam()
        : ((LinearRegression) learner).getRegParam();
  }

  String featuresCol() {
    return logistic ? ((LogisticRegression) learner).getFeaturesCol()
        : ((LinearRegression) learner).getFeaturesCol();
  }

  String labelCol() {
    return logistic ? ((LogisticRegression) learner).getLabelCol()
        : ((LinearRegression) learner).getLabelCol();
  }

  /** The learner's weightCol, empty when unset. */
  String weightCol() {
    if (logistic) {
      LogisticRegression lr = (LogisticRegression) learner;
      return lr.isDefined(lr.weightCol()) ? lr.getWeightCol() : "";
    }
    LinearRegression lr = (LinearRegression) learner;
    return lr.isDefined(lr.weightCol()) ? lr.getWeightCol() : "";
  }

  /**
   * Checks the labels the learner accepts: 0 or 1 for LogisticRegression.
   *
   * @throws IllegalArgumentException naming the label column, the row and the value.
   */
  void checkLabels(LabeledData data) {
    if (!logistic) {
      return;
    }
    double[] b = data.labels();
    for (int i = 0; i < b.length; i++) {
      if (b[i] != 0 && b[i] != 1) {
        throw new IllegalArgumentException("label column '" + labelCol() + "': row " + i
            + " is " + b[i] + " (LogisticRegression tuning: labels must be 0 or 1)");
      }
    }
  }

  /** The learner fit by Spark ML at {@code regParam} on {@code dataset}. */
  Model<?> fit(Dataset<?> dataset, double regParam) {
    ParamMap extra = new ParamMap();
    if (logistic) {
      LogisticRegression lr = (LogisticRegression) learner;
      return lr.copy(extra.put(lr.regParam(), regParam)).fit(dataset);
    }
    LinearRegression lr = (LinearRegression) learner;
    return lr.copy(extra.put(lr.regParam(), regParam)).fit(dataset);
  }

  /**
   * The learner's model with the given solution x = (β, β₀) of iterdiff's objective (per-feature
   * λ, which Spark ML cannot fit, or the tuned regParam solved by iterdiff's Newton), with the
   * learner's params and regParam set to {@code regParam} unless it is NaN.
   */
  Model<?> model(double[] x, int features, boolean intercept, double regParam) {
    double[] beta = Arrays.copyOf(x, features);
    double b0 = intercept ? x[features] : 0.0;
    if (logistic) {
      LogisticRegressionModel m = new LogisticRegressionModel(learner.uid(),
          Vectors.dense(beta), b0);
      learner.copyValues(m, new ParamMap());
      return Double.isNaN(regParam) ? m : (Model<?>) m.set(m.regParam(), regParam);
    }
    LinearRegressionModel m = new LinearRegressionModel(learner.uid(), Vectors.dense(beta), b0);
    learner.copyValues(m, new ParamMap());
    return Double.isNaN(regParam) ? m : (Model<?>) m.set(m.regParam(), regParam);
  }
}
