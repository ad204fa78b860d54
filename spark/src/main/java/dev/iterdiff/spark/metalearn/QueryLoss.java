package dev.iterdiff.spark.metalearn;

import dev.iterdiff.bilevel.OuterObjective;
import dev.iterdiff.map.Checks;
import dev.iterdiff.problem.LabeledData;
import dev.iterdiff.problem.SoftmaxLoss;

/**
 * The outer objective of one meta-learning task: the mean softmax cross-entropy of the adapted
 * weights X (p×N, column-major) on the task's query set,
 * <pre>
 *   g(x) = 1/Q·Σᵢ (logsumexp(Xᵀaᵢ) − (Xᵀaᵢ)_{yᵢ}),   ∇ₓg = 1/Q·Aᵀ(S − Y),   ∂_θg = 0,
 * </pre>
 * (iMAML's L_test, Rajeswaran et al. 2019, eq. 3) and the misclassification of the argmax rule.
 * Workspaces: Q·N scores. Not thread-safe.
 */
public final class QueryLoss implements OuterObjective {

  private final LabeledData query;
  private final SoftmaxLoss loss;
  private final int ways;
  private final double[] scores;

  /**
   * @param query the query rows, labels 0…N−1.
   * @param ways  N ≥ 2.
   * @throws IllegalArgumentException for a label outside 0…N−1 (named by SoftmaxLoss).
   */
  public QueryLoss(LabeledData query, int ways) {
    this.query = query;
    this.ways = ways;
    this.loss = new SoftmaxLoss(query, ways, 1.0 / query.rows());
    this.scores = new double[ways];
  }

  @Override
  public String name() {
    return "softmax";
  }

  @Override
  public int featureCount() {
    return query.cols() * ways;
  }

  @Override
  public int samples() {
    return query.rows();
  }

  @Override
  public double value(double[] x, double[] theta) {
    return loss.value(x, null);
  }

  @Override
  public void gradientX(double[] x, double[] theta, double[] out) {
    loss.gradient(x, null, out);
  }

  /** The fraction of query rows whose argmax score is not their label. */
  @Override
  public double misclassification(double[] x) {
    return 1.0 - accuracy(query, x, ways, scores);
  }

  /**
   * The fraction of rows of {@code data} with argmaxₖ (Xᵀaᵢ)ₖ = yᵢ (ties: the lowest k).
   *
   * @param x      X, p×N column-major. Not modified.
   * @param scores workspace of length N. Modified.
   */
  public static double accuracy(LabeledData data, double[] x, int ways, double[] scores) {
    int n = data.rows();
    int p = data.cols();
    Checks.length("x", x, p * ways);
    double[] a = data.a();
    int right = 0;
    for (int i = 0; i < n; i++) {
      java.util.Arrays.fill(scores, 0.0);
      for (int j = 0; j < p; j++) {
        double aij = a[i + j * n];
        if (aij != 0) {
          for (int k = 0; k < ways; k++) {
            scores[k] += aij * x[j + k * p];
          }
        }
      }
      int best = 0;
      for (int k = 1; k < ways; k++) {
        if (scores[k] > scores[best]) {
          best = k;
        }
      }
      if (best == (int) data.labels()[i]) {
        right++;
      }
    }
    return (double) right / n;
  }
}
