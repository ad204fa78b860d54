package dev.iterdiff.spark.metalearn;

import dev.iterdiff.bilevel.OuterObjective;
import dev.iterdiff.linalg.Blas;
import dev.iterdiff.map.Checks;
import dev.iterdiff.problem.LabeledData;
import dev.iterdiff.problem.SoftmaxFeatureMap;

/**
 * The outer objective of a meta-learning task whose θ is a linear feature map W (d×p,
 * {@link MetaPrior#FEATURE_MAP}): the mean softmax cross-entropy of the head X (d×N) on the
 * query features zᵢ = W aᵢ,
 * <pre>
 *   g(X, W) = 1/Q·Σᵢ (logsumexp(Xᵀ W aᵢ) − (Xᵀ W aᵢ)_{yᵢ}),
 *   ∇ₓg = 1/Q·Z_qᵀ R,   ∂_W g = 1/Q·X Rᵀ A_q,   R = S − Y,
 * </pre>
 * the direct term of the meta-gradient (the query features depend on W); the support features'
 * dependence enters through the inner problem's cross product ({@link SoftmaxFeatureMap}).
 * With a learned temperature θ = (W, s) and the scores are τ·Xᵀ W aᵢ, τ = exp(s) (the
 * learned logit scale of MetaOptNet, Lee et al. 2019): ∇ₓg and ∂_W g gain the factor τ and
 * ∂_s g = τ/Q·Σᵢ Rᵢᵀ(Xᵀ W aᵢ). τ changes no prediction, so the query loss can be lowered by
 * confidence through τ and W is left to rank.
 * {@link #misclassification} scores with the W of the last {@link #value} call. Not
 * thread-safe.
 */
public final class FeatureQueryLoss implements OuterObjective {

  private final LabeledData query;
  private final int ways;
  private final int d;
  private final int q;
  private final int p;
  private final double[] scores;
  private final double[] resid;
  private final boolean temperature;
  private double tau = 1.0;
  private double[] lastTheta;
  private double[] zLast;

  /**
   * @param query    the query rows, labels 0…N−1.
   * @param ways     N ≥ 2.
   * @param features d ≥ 1.
   */
  public FeatureQueryLoss(LabeledData query, int ways, int features) {
    this(query, ways, features, false);
  }

  /**
   * @param temperature whether θ ends with s = log τ (dim θ = d·p + 1).
   */
  public FeatureQueryLoss(LabeledData query, int ways, int features, boolean temperature) {
    Checks.positive("features", features);
    this.temperature = temperature;
    this.query = query;
    this.ways = ways;
    this.d = features;
    this.q = query.rows();
    this.p = query.cols();
    this.scores = new double[q * ways];
    this.resid = new double[q * ways];
  }

  @Override
  public String name() {
    return "softmax";
  }

  /** d·N. */
  @Override
  public int featureCount() {
    return d * ways;
  }

  @Override
  public int samples() {
    return q;
  }

  /** scores ← Z_q X; resid ← softmax − Y; returns the mean cross-entropy. */
  private double forward(double[] x, double[] theta) {
    Checks.length("x", x, d * ways);
    Checks.length("theta", theta, d * p + (temperature ? 1 : 0));
    lastTheta = theta.clone();
    tau = temperature ? Math.exp(theta[d * p]) : 1.0;
    double[] z = SoftmaxFeatureMap.project(query.a(), q, p, theta, d);
    Blas.gemm(false, false, q, ways, d, tau, z, x, 0.0, scores);
    double loss = 0;
    for (int i = 0; i < q; i++) {
      double max = Double.NEGATIVE_INFINITY;
      for (int c = 0; c < ways; c++) {
        max = Math.max(max, scores[i + c * q]);
      }
      double sum = 0;
      for (int c = 0; c < ways; c++) {
        resid[i + c * q] = Math.exp(scores[i + c * q] - max);
        sum += resid[i + c * q];
      }
      int y = (int) query.labels()[i];
      for (int c = 0; c < ways; c++) {
        resid[i + c * q] /= sum;
      }
      resid[i + y * q] -= 1.0;
      loss += max + Math.log(sum) - scores[i + y * q];
    }
    zLast = z;
    return loss / q;
  }

  @Override
  public double value(double[] x, double[] theta) {
    return forward(x, theta);
  }

  /** τ/Q·Z_qᵀ R. */
  @Override
  public void gradientX(double[] x, double[] theta, double[] out) {
    forward(x, theta);
    Blas.gemm(true, false, d, ways, q, tau / q, zLast, resid, 0.0, out);
  }

  /** τ/Q·X Rᵀ A_q (d×p), and ∂_s g = 1/Q·Σᵢ Rᵢᵀ(τ Xᵀ W aᵢ) with a temperature. */
  @Override
  public void gradientTheta(double[] x, double[] theta, double[] out) {
    forward(x, theta);
    double[] xr = new double[d * q];
    Blas.gemm(false, true, d, q, ways, 1.0, x, resid, 0.0, xr);
    Blas.gemm(false, false, d, p, q, tau / q, xr, query.a(), 0.0, out);
    if (temperature) {
      out[d * p] = Blas.dot(q * ways, resid, scores) / q;
    }
  }

  /**
   * The fraction of query rows misclassified by argmax Xᵀ W aᵢ, W the last one seen.
   *
   * @throws IllegalStateException before any {@link #value} call.
   */
  @Override
  public double misclassification(double[] x) {
    if (lastTheta == null) {
      throw new IllegalStateException("feature query loss: no W seen yet (call value first)");
    }
    forward(x, lastTheta);
    int right = 0;
    for (int i = 0; i < q; i++) {
      int best = 0;
      for (int c = 1; c < ways; c++) {
        if (scores[i + c * q] > scores[i + best * q]) {
          best = c;
        }
      }
      if (best == (int) query.labels()[i]) {
        right++;
      }
    }
    return 1.0 - (double) right / q;
  }
}
