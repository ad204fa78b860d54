package dev.iterdiff.problem;

import dev.iterdiff.linalg.CsrMatrix;
import java.io.Serializable;

/**
 * The objective of Spark ML's {@code LinearRegression} / {@code LogisticRegression} (ℓ₂ only,
 * elasticNetParam = 0) written in the original feature space, so that θ = regParam exactly:
 * <pre>
 *   squared:  f(β, β₀; θ) = 1/(2N)·Σᵢ (aᵢᵀβ + β₀ − bᵢ)² + ½·Σⱼ (θ/δ)·sⱼ²·βⱼ²
 *   logistic: f(β, β₀; θ) = 1/N·Σᵢ log(1 + exp(−yᵢ(aᵢᵀβ + β₀))) + ½·Σⱼ θ·sⱼ²·βⱼ²
 * </pre>
 * with sⱼ = σⱼ (the feature's standard deviation on the training rows) under
 * {@code standardization}, else 1; δ the labels' standard deviation (squared loss only: Spark
 * fits standardized labels with regParam/δ); the intercept β₀ (last unknown, present under
 * {@code fitIntercept}) unpenalized. Spark's {@code LinearRegression} with the normal-equation
 * solver (its default for p ≤ 4096) uses population standard deviations, its L-BFGS path and
 * {@code LogisticRegression} the sample ones (N − 1): {@code sampleStd}. Derivation: Spark fits
 * wⱼ = βⱼσⱼ/δ on aⱼ/σⱼ and b/δ with penalty ½(θ/δ)Σwⱼ² (standardization) or ½(θ/δ)Σ(wⱼ/σⱼ)²;
 * multiplying that objective by δ² gives the above. A constant feature (σⱼ = 0) gets βⱼ = 0,
 * as in Spark ML ({@link #create}).
 *
 * <p>The problem is a {@link RegularizedRisk} on the design [A, 1] (a column of ones when
 * there is an intercept) with {@link ScaledRegularization} multipliers cⱼ = sⱼ²/δ (or sⱼ²)
 * and c = 0 on the intercept. The validation loss of a fold is the data term on that design:
 * {@link #design}. Sparse data stay sparse: the intercept is a stored entry per row and the
 * standard deviations come from the stored entries ({@code CsrMatrix.columnMoments}).
 *
 * @param loss            {@code squared} or {@code logistic}.
 * @param fitIntercept    whether there is an unpenalized intercept (last unknown).
 * @param standardization whether the penalty weighs βⱼ by σⱼ², as Spark's standardization.
 * @param sampleStd       standard deviations with N − 1 (true) or N (false) in the denominator.
 */
public record LinearModelObjective(String loss, boolean fitIntercept, boolean standardization,
    boolean sampleStd) implements Serializable {

  private static final long serialVersionUID = 1L;

  /** @throws IllegalArgumentException for a loss other than squared or logistic. */
  public LinearModelObjective {
    if (!"squared".equals(loss) && !"logistic".equals(loss)) {
      throw new IllegalArgumentException("linear model objective: loss '" + loss
          + "' (expected squared or logistic)");
    }
  }

  /** Spark ML's LinearRegression; {@code lbfgs}: its L-BFGS path (sample std). */
  public static LinearModelObjective linearRegression(boolean fitIntercept,
      boolean standardization, boolean lbfgs) {
    return new LinearModelObjective("squared", fitIntercept, standardization, lbfgs);
  }

  /** Spark ML's binomial LogisticRegression. */
  public static LinearModelObjective logisticRegression(boolean fitIntercept,
      boolean standardization) {
    return new LinearModelObjective("logistic", fitIntercept, standardization, true);
  }

  /** The outer (validation) loss of the catalog that matches: squared or logistic. */
  public String outerLoss() {
    return loss;
  }

  /** dim x on data with p features: p, or p + 1 with the intercept. */
  public int unknowns(int features) {
    return fitIntercept ? features + 1 : features;
  }

  /** The design the data term sees: [A, 1] with the intercept, A otherwise (same labels). */
  public LabeledData design(LabeledData data) {
    if (!fitIntercept) {
      return data;
    }
    int n = data.rows();
    if (data.isSparse()) {
      return LabeledData.sparse(data.sparse().withOnesColumn(), data.labels(), data.source());
    }
    double[] a = java.util.Arrays.copyOf(data.a(), n * (data.cols() + 1));
    java.util.Arrays.fill(a, n * data.cols(), a.length, 1.0);
    return new LabeledData(a, n, data.cols() + 1, data.labels(), data.source());
  }

  /**
   * The features' standard deviations on {@code train} (N − 1 or N as {@link #sampleStd}),
   * from the stored entries for sparse data.
   */
  public double[] featureStds(LabeledData train) {
    return featureStds(train, null);
  }

  /**
   * The features' weighted standard deviations on {@code train}, as Spark ML computes them with
   * a weightCol: with W = Σwᵢ and the weighted mean x̄ⱼ = Σwᵢaᵢⱼ/W, σⱼ² = Σwᵢ(aᵢⱼ − x̄ⱼ)²/D,
   * D = W − Σwᵢ²/W ({@link #sampleStd}: Spark's Summarizer, which is N − 1 for unit weights) or
   * D = W (WeightedLeastSquares, LinearRegression's normal solver). From the stored entries for
   * sparse data (the zeros of column j add (W − Σ_{stored} wᵢ)·x̄ⱼ²).
   *
   * @param weights instance weights ≥ 0, length N, or null for unit weights. Not modified.
   */
  public double[] featureStds(LabeledData train, double[] weights) {
    int n = train.rows();
    int p = train.cols();
    double[] s = new double[p];
    if (weights == null && train.isSparse()) {
      double[] moments = train.sparse().columnMoments();
      double denominator = sampleStd ? n - 1 : n;
      for (int j = 0; j < p; j++) {
        s[j] = denominator > 0 ? Math.sqrt(moments[2 * j + 1] / denominator) : 0.0;
      }
      return s;
    }
    if (!train.isSparse()) {
      for (int j = 0; j < p; j++) {
        s[j] = std(train.a(), j * n, n, weights);
      }
      return s;
    }
    CsrMatrix m = train.sparse();
    double total = 0;
    double squares = 0;
    for (double w : weights) {
      total += w;
      squares += w * w;
    }
    double[] sum = new double[p];
    double[] stored = new double[p];
    for (int i = 0; i < n; i++) {
      for (int e = m.rowStart()[i]; e < m.rowStart()[i + 1]; e++) {
        sum[m.columns()[e]] += weights[i] * m.values()[e];
        stored[m.columns()[e]] += weights[i];
      }
    }
    double[] ss = new double[p];
    for (int i = 0; i < n; i++) {
      for (int e = m.rowStart()[i]; e < m.rowStart()[i + 1]; e++) {
        int j = m.columns()[e];
        double d = m.values()[e] - sum[j] / total;
        ss[j] += weights[i] * d * d;
      }
    }
    double denominator = sampleStd ? total - squares / total : total;
    for (int j = 0; j < p; j++) {
      double mean = sum[j] / total;
      double v = (ss[j] + (total - stored[j]) * mean * mean) / denominator;
      s[j] = denominator > 0 ? Math.sqrt(Math.max(v, 0.0)) : 0.0;
    }
    return s;
  }

  /**
   * The multipliers cⱼ = sⱼ²/δ (squared) or sⱼ² (logistic), then 0 for the intercept; 1 for
   * a constant feature (σⱼ = 0), whose column {@link #create} zeroes so that βⱼ = 0.
   */
  public double[] multipliers(LabeledData train) {
    return multipliers(train, null);
  }

  /**
   * The multipliers with instance weights (null: unit): σⱼ and δ weighted as in
   * {@link #featureStds(LabeledData, double[])}.
   *
   * @throws IllegalArgumentException when the labels have no (weighted) spread (squared loss).
   */
  public double[] multipliers(LabeledData train, double[] weights) {
    int n = train.rows();
    int p = train.cols();
    double[] c = new double[unknowns(p)];
    double labelFactor = 1.0;
    if ("squared".equals(loss)) {
      double delta = std(train.labels(), 0, n, weights);
      if (!(delta > 0)) {
        throw new IllegalArgumentException(train.source() + ": the labels have standard "
            + "deviation " + delta + " (regParam is relative to it: need labels that vary)");
      }
      labelFactor = 1.0 / delta;
    }
    double[] sigma = featureStds(train, weights);
    for (int j = 0; j < p; j++) {
      double s = standardization ? sigma[j] : 1.0;
      c[j] = sigma[j] == 0 ? 1.0 : s * s * labelFactor;
    }
    return c;
  }

  /**
   * Instance weights rescaled to mean 1, wᵢ·N/Σw, so that the mean data term
   * 1/N·Σᵢ w'ᵢℓᵢ is Spark ML's weighted one 1/Σw·Σᵢ wᵢℓᵢ; null for null.
   *
   * @throws IllegalArgumentException naming {@code source} when a weight is negative or not
   *         finite, or all weights are 0.
   */
  public static double[] normalizedWeights(double[] weights, String source) {
    if (weights == null) {
      return null;
    }
    double total = 0;
    for (int i = 0; i < weights.length; i++) {
      if (!(weights[i] >= 0) || !Double.isFinite(weights[i])) {
        throw new IllegalArgumentException(source + ": weight of row " + (i + 1) + " is "
            + weights[i] + " (must be finite and >= 0)");
      }
      total += weights[i];
    }
    if (!(total > 0)) {
      throw new IllegalArgumentException(source + ": the weights sum to " + total
          + " (need a positive total weight)");
    }
    double[] out = new double[weights.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = weights[i] * weights.length / total;
    }
    return out;
  }

  /**
   * The inner problem on {@code train} (its own workspaces: one per thread). A feature constant
   * on {@code train} (σⱼ = 0) gets βⱼ = 0 as in Spark ML (which scales it to 0, with or without
   * standardization, and warns for a non-zero constant without intercept): its column is
   * zeroed in the design and its penalty weight set to 1, so βⱼ = 0 is the unique minimizer and
   * the Hessian stays definite.
   *
   * @param thetaLength 1 (regParam) or p (one λ per feature).
   * @throws IllegalArgumentException when the labels have no spread (squared loss), naming the
   *         data, or for another θ length.
   */
  public RegularizedRisk create(LabeledData train, int thetaLength) {
    return create(train, thetaLength, null);
  }

  /**
   * The inner problem with fixed instance weights (Spark ML's weightCol): the data term
   * 1/Σw·Σᵢ wᵢℓᵢ and σⱼ, δ weighted ({@link #multipliers(LabeledData, double[])}).
   *
   * @param weights instance weights ≥ 0 (length N), or null for unit weights. Not modified.
   * @throws IllegalArgumentException as {@link #create(LabeledData, int)}, or for bad weights.
   */
  public RegularizedRisk create(LabeledData train, int thetaLength, double[] weights) {
    double[] w = normalizedWeights(weights, train.source());
    double[] sigma = featureStds(train, weights);
    LabeledData d = design(withoutConstantColumns(train, sigma));
    DataTerm term = "squared".equals(loss) ? SquaredLoss.mean(d) : LogisticLoss.mean(d);
    String name = "squared".equals(loss) ? "ridge" : "logistic";
    return new RegularizedRisk(name, term, new L2Penalty(d.cols()),
        new ScaledRegularization(name, multipliers(train, weights), train.cols(), thetaLength,
            w));
  }

  /**
   * The inner problem with the per-sample weights as θ (one per row of {@code train}, length
   * N): f(β, β₀; w) = 1/N·Σᵢ wᵢℓᵢ + ½·regParam·Σⱼ cⱼβⱼ², the learner's objective at a fixed
   * regParam (σⱼ, δ of the unweighted rows) with its data term reweighted; at w = 1 it is
   * {@link #create(LabeledData, int)} at θ = regParam.
   *
   * @throws IllegalArgumentException for a regParam that is not finite and ≥ 0, or as
   *         {@link #create(LabeledData, int)}.
   */
  public RegularizedRisk createPerSample(LabeledData train, double regParam) {
    double[] sigma = featureStds(train, null);
    LabeledData d = design(withoutConstantColumns(train, sigma));
    DataTerm term = "squared".equals(loss) ? SquaredLoss.mean(d) : LogisticLoss.mean(d);
    String name = "squared".equals(loss) ? "weighted-ridge" : "weighted-logistic";
    double[] lambda = multipliers(train, null);
    for (int j = 0; j < lambda.length; j++) {
      lambda[j] *= regParam;
    }
    return new RegularizedRisk(name, term, new L2Penalty(d.cols()),
        SampleWeights.perSample(name, train, train.rows(), lambda));
  }

  /** {@code data} with the columns whose σⱼ = 0 set to zero (itself when there is none). */
  static LabeledData withoutConstantColumns(LabeledData data, double[] sigma) {
    boolean any = false;
    for (double s : sigma) {
      any |= s == 0;
    }
    if (!any) {
      return data;
    }
    int n = data.rows();
    if (!data.isSparse()) {
      double[] a = data.a().clone();
      for (int j = 0; j < sigma.length; j++) {
        if (sigma[j] == 0) {
          java.util.Arrays.fill(a, j * n, (j + 1) * n, 0.0);
        }
      }
      return new LabeledData(a, n, data.cols(), data.labels(), data.source());
    }
    CsrMatrix m = data.sparse();
    int[] start = new int[n + 1];
    int[] col = new int[m.nnz()];
    double[] val = new double[m.nnz()];
    int k = 0;
    for (int i = 0; i < n; i++) {
      for (int e = m.rowStart()[i]; e < m.rowStart()[i + 1]; e++) {
        if (sigma[m.columns()[e]] != 0) {
          col[k] = m.columns()[e];
          val[k++] = m.values()[e];
        }
      }
      start[i + 1] = k;
    }
    return LabeledData.sparse(new CsrMatrix(n, data.cols(), start,
        java.util.Arrays.copyOf(col, k), java.util.Arrays.copyOf(val, k)), data.labels(),
        data.source());
  }

  /** (Weighted) standard deviation of v[from … from+n), weights w[0 … n) or null. */
  private double std(double[] v, int from, int n, double[] w) {
    double total = 0;
    double squares = 0;
    double mean = 0;
    for (int i = 0; i < n; i++) {
      double wi = w == null ? 1.0 : w[i];
      total += wi;
      squares += wi * wi;
      mean += wi * v[from + i];
    }
    mean /= total;
    double ss = 0;
    for (int i = 0; i < n; i++) {
      double e = v[from + i] - mean;
      ss += (w == null ? 1.0 : w[i]) * e * e;
    }
    double denominator = sampleStd ? total - squares / total : total;
    return denominator > 0 ? Math.sqrt(ss / denominator) : 0.0;
  }
}
