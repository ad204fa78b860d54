package dev.iterdiff.bilevel;

import dev.iterdiff.linalg.Blas;
import dev.iterdiff.map.Checks;
import dev.iterdiff.problem.LabeledData;

/**
 * Validation logistic loss g(x) = 1/N·Σᵢ log(1 + exp(−yᵢ aᵢᵀx)), yᵢ = +1 when the label is
 * &gt; 0, else −1 (as the {@code logistic} inner problem); ∇ₓg = −1/N·Σᵢ yᵢ σ(−yᵢ aᵢᵀx) aᵢ
 * with σ(t) = 1/(1 + e^{−t}). Evaluated stably for large |aᵢᵀx|.
 */
public final class ValidationLogisticLoss implements OuterObjective {

  private final LabeledData data;
  private final double[] scores;

  /** @param data held-out rows; the same features as the inner problem. Not modified. */
  public ValidationLogisticLoss(LabeledData data) {
    this.data = data;
    this.scores = new double[data.rows()];
  }

  @Override
  public String name() {
    return "logistic";
  }

  @Override
  public int featureCount() {
    return data.cols();
  }

  @Override
  public int samples() {
    return data.rows();
  }

  private static double sign(double label) {
    return label > 0 ? 1.0 : -1.0;
  }

  /** log(1 + e^{−t}) without overflow. */
  static double logOnePlusExpNeg(double t) {
    return t > 0 ? Math.log1p(Math.exp(-t)) : -t + Math.log1p(Math.exp(t));
  }

  /** σ(−t) = 1/(1 + e^{t}) without overflow. */
  static double sigmoidNeg(double t) {
    if (t >= 0) {
      double e = Math.exp(-t);
      return e / (1.0 + e);
    }
    return 1.0 / (1.0 + Math.exp(t));
  }

  private void scores(double[] x) {
    Checks.length("x", x, data.cols());
    Blas.gemv(false, data.rows(), data.cols(), 1.0, data.a(), x, 0.0, scores);
  }

  @Override
  public double value(double[] x, double[] theta) {
    scores(x);
    double[] labels = data.labels();
    double sum = 0;
    for (int i = 0; i < scores.length; i++) {
      sum += logOnePlusExpNeg(sign(labels[i]) * scores[i]);
    }
    return sum / scores.length;
  }

  @Override
  public void gradientX(double[] x, double[] theta, double[] out) {
    scores(x);
    double[] labels = data.labels();
    for (int i = 0; i < scores.length; i++) {
      double y = sign(labels[i]);
      scores[i] = -y * sigmoidNeg(y * scores[i]);
    }
    Blas.gemv(true, data.rows(), data.cols(), 1.0 / data.rows(), data.a(), scores, 0.0, out);
  }

  @Override
  public double misclassification(double[] x) {
    scores(x);
    double[] labels = data.labels();
    int wrong = 0;
    for (int i = 0; i < scores.length; i++) {
      if ((scores[i] > 0) != (labels[i] > 0)) {
        wrong++;
      }
    }
    return (double) wrong / scores.length;
  }
}
