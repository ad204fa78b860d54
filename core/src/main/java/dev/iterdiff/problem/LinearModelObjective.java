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
    int n = train.rows();
    int p = train.cols();
    double[] s = new double[p];
    double[] moments = train.isSparse() ? train.sparse().columnMoments() : null;
    double denominator = sampleStd ? n - 1 : n;
    for (int j = 0; j < p; j++) {
      s[j] = moments == null ? std(train.a(), j * n, n)
          : denominator > 0 ? Math.sqrt(moments[2 * j + 1] / denominator) : 0.0;
    }
    return s;
  }

  /**
   * The multipliers cⱼ = sⱼ²/δ (squared) or sⱼ² (logistic), then 0 for the intercept; 1 for
   * a constant feature (σⱼ = 0), whose column {@link #create} zeroes so that βⱼ = 0.
   */
  public double[] multipliers(LabeledData train) {
    int n = train.rows();
    int p = train.cols();
    double[] c = new double[unknowns(p)];
    double labelFactor = 1.0;
    if ("squared".equals(loss)) {
      double delta = std(train.labels(), 0, n);
      if (!(delta > 0)) {
        throw new IllegalArgumentException(train.source() + ": the labels have standard "
            + "deviation " + delta + " (regParam is relative to it: need labels that vary)");
      }
      labelFactor = 1.0 / delta;
    }
    double[] sigma = featureStds(train);
    for (int j = 0; j < p; j++) {
      double s = standardization ? sigma[j] : 1.0;
      c[j] = sigma[j] == 0 ? 1.0 : s * s * labelFactor;
    }
    return c;
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
    double[] sigma = featureStds(train);
    LabeledData d = design(withoutConstantColumns(train, sigma));
    DataTerm term = "squared".equals(loss) ? SquaredLoss.mean(d) : LogisticLoss.mean(d);
    String name = "squared".equals(loss) ? "ridge" : "logistic";
    return new RegularizedRisk(name, term, new L2Penalty(d.cols()),
        new ScaledRegularization(name, multipliers(train), train.cols(), thetaLength));
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

  /** Standard deviation of v[from … from+n). */
  private double std(double[] v, int from, int n) {
    double mean = 0;
    for (int i = from; i < from + n; i++) {
      mean += v[i];
    }
    mean /= n;
    double ss = 0;
    for (int i = from; i < from + n; i++) {
      double e = v[i] - mean;
      ss += e * e;
    }
    double denominator = sampleStd ? n - 1 : n;
    return denominator > 0 ? Math.sqrt(ss / denominator) : 0.0;
  }
}
