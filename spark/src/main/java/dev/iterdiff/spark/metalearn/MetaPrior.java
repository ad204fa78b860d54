package dev.iterdiff.spark.metalearn;

import dev.iterdiff.data.TaskSampler;
import dev.iterdiff.problem.LabeledData;
import java.util.Locale;

/**
 * How the meta-parameters θ give a task's prior mean P (p×N, column k for the task's class
 * slot k) in the inner problem min_X L_support(X) + λ/2·‖X − P‖²:
 * <ul>
 *   <li>{@link #MEAN} — P = θ ∈ ℝ^{p×N} (iMAML's prior mean, Denevi et al. 2019). Tasks draw
 *       their N classes from the pool in random order, so slot k holds a different class in
 *       every task: the expected meta-objective is invariant under permuting θ's columns, and a
 *       fixed meta-batch lets θ fit the batch's slot assignments (the negative result of the
 *       first landing). A column shared by all slots is no better: softmax is invariant to
 *       adding the same vector to every column, so X ↦ X − [w…w] maps the problem with prior
 *       [w…w] onto the one with prior 0 — the same predictions as θ = 0 exactly.</li>
 *   <li>{@link #CLASS_MEANS} — P_k = m ⊙ (μ_k − μ̄), θ = m ∈ ℝ^p: a per-pixel scale of the
 *       task's centred support class means (μ_k the mean of slot k's support images, μ̄ the
 *       mean of the μ_k). The prior is equivariant under relabelling (permuting the slots
 *       permutes P's columns with them), so the meta-objective no longer depends on the slot
 *       order and θ transfers to unseen classes; a conditional prior in the sense of Denevi,
 *       Pontil &amp; Ciliberto 2020 ("The advantage of conditional meta-learning for biased
 *       regularization and fine tuning"), whose conditioning is the support set. m = 0 is the
 *       θ = 0 baseline. Chain rule: ∂G/∂m_j = Σ_k (∂G/∂P)_{jk}·(μ_k − μ̄)_j.</li>
 *   <li>{@link #CLASS_MEANS_SCALE} — the same with one scale for every pixel, θ = c ∈ ℝ:
 *       P_k = c·(μ_k − μ̄) (1 meta-parameter instead of p: nothing to fit to the meta-train
 *       classes' pixels).</li>
 *   <li>{@link #PRECISION} — a zero-mean Gaussian prior whose per-pixel precision is shared by
 *       all class slots: min_X L_support(X) + ½Σ_j θ_j Σ_k X_jk² (problem {@code softmax}, one
 *       λ per feature), θ ∈ ℝ^p positive (log parametrization), θ₀ = λ·1 — exactly the θ = 0
 *       baseline at the start. Invariant under relabelling (every slot sees the same
 *       penalty), so it transfers to unseen classes as far as the pixels' usefulness does;
 *       what it learns is which pixels to trust (and how much overall), not class shapes. The
 *       meta-gradient is the implicit hypergradient in θ of the per-feature penalty.</li>
 *   <li>{@link #FEATURE_MAP} — a learned linear feature map W ∈ ℝ^{d×p} (metric learning with a
 *       convex head: R2-D2, Bertinetto et al. 2019; MetaOptNet, Lee et al. 2019): the task's
 *       inner problem is the ℓ₂-regularized softmax on the features zᵢ = W aᵢ
 *       ({@link dev.iterdiff.problem.SoftmaxFeatureMap}), the outer the query cross-entropy on
 *       W aᵢ ({@link FeatureQueryLoss}); the meta-gradient has a direct term (query features)
 *       and the implicit one −(∂_W∇ₓf)ᵀ(∇²ₓf)⁻¹∇ₓL_query (support features). Relabelling
 *       permutes X's columns only, so W transfers to unseen classes as far as the features do.
 *       Equivalently a full-matrix precision ‖x‖²_M, M = WᵀW, on pixel weights x = WᵀX. θ₀ from
 *       {@link FeatureMapInit} (PCA by default); dim θ = d·p, d set by the job.</li>
 *   <li>{@link #FEATURE_SCALES} — the same head on W = diag(s)·W₀ with W₀ fixed (the PCA or
 *       random start) and θ = s ∈ ℝ^d, s₀ = 1: a per-component precision in the W₀ basis, d
 *       meta-parameters instead of d·p. Chain rule: ∂G/∂s_r = Σ_j (∂G/∂W)_{rj}·W₀_{rj}.</li>
 * </ul>
 */
public enum MetaPrior {
  MEAN("mean"),
  CLASS_MEANS("class-means"),
  CLASS_MEANS_SCALE("class-means-scale"),
  PRECISION("precision"),
  FEATURE_MAP("feature-map"),
  FEATURE_SCALES("feature-scales");

  private final String spelling;

  MetaPrior(String spelling) {
    this.spelling = spelling;
  }

  /** The config spelling. */
  public String spelling() {
    return spelling;
  }

  /**
   * The prior of a spelling.
   *
   * @throws IllegalArgumentException naming the value and the valid ones.
   */
  public static MetaPrior of(String s) {
    for (MetaPrior p : values()) {
      if (p.spelling.equals(s.toLowerCase(Locale.ROOT))) {
        return p;
      }
    }
    throw new IllegalArgumentException("unknown prior '" + s
        + "' (valid: mean, class-means, class-means-scale, precision, feature-map, "
        + "feature-scales)");
  }

  /** The inner problem's name: softmax-prior, or softmax (per-pixel λ) for the precision. */
  public String problem() {
    return switch (this) {
      case PRECISION -> "softmax";
      case FEATURE_MAP, FEATURE_SCALES -> "softmax-features";
      default -> "softmax-prior";
    };
  }

  /** The parametrization of θ: log for the (positive) precision, identity otherwise. */
  public String parametrization() {
    return this == PRECISION ? "log" : "identity";
  }

  /** θ₀: λ·1 for the precision (the θ = 0 baseline's penalty), 0 otherwise. */
  public double[] initial(int dim, double lambda) {
    double[] t = new double[dim];
    if (this == PRECISION) {
      java.util.Arrays.fill(t, lambda);
    }
    return t;
  }

  /** Where a task's inner solve starts: P(θ), or X = 0 for the precision and the map. */
  public double[] start(double[] theta, double[] basis, int stateDim) {
    return thetaIsParameter() || this == FEATURE_SCALES ? new double[stateDim]
        : priorMean(theta, basis);
  }

  /** Whether the inner problem is the softmax on learned features (map or scales). */
  public boolean featureHead() {
    return this == FEATURE_MAP || this == FEATURE_SCALES;
  }

  /**
   * Whether the inner problem takes θ itself as its parameter (the precision, the feature
   * map) rather than a prior mean P(θ).
   */
  public boolean thetaIsParameter() {
    return this == PRECISION || this == FEATURE_MAP;
  }

  /** dim θ for p pixels, N ways and d features (d used by the feature map only). */
  public int thetaDim(int p, int ways, int features) {
    return switch (this) {
      case MEAN -> p * ways;
      case CLASS_MEANS, PRECISION -> p;
      case CLASS_MEANS_SCALE -> 1;
      case FEATURE_MAP -> features * p;
      case FEATURE_SCALES -> features;
    };
  }

  /** dim θ for p pixels and N ways (not for the feature map, whose dim needs d). */
  public int thetaDim(int p, int ways) {
    if (featureHead()) {
      throw new IllegalStateException("the feature head's dim theta needs d: pass it");
    }
    return thetaDim(p, ways, 0);
  }

  /**
   * The centred support class means U (p×N, column k = μ_k − μ̄) of a task, or null for
   * {@link #MEAN}.
   */
  public double[] basis(TaskSampler.Task task, int ways) {
    if (this == MEAN || thetaIsParameter() || this == FEATURE_SCALES) {
      return null;
    }
    LabeledData s = task.support();
    int p = s.cols();
    int rows = s.rows();
    double[] u = new double[p * ways];
    int[] count = new int[ways];
    for (int i = 0; i < rows; i++) {
      count[(int) s.labels()[i]]++;
    }
    for (int j = 0; j < p; j++) {
      double all = 0;
      for (int i = 0; i < rows; i++) {
        int k = (int) s.labels()[i];
        u[j + k * p] += s.a()[i + j * rows] / count[k];
      }
      for (int k = 0; k < ways; k++) {
        all += u[j + k * p];
      }
      all /= ways;
      for (int k = 0; k < ways; k++) {
        u[j + k * p] -= all;
      }
    }
    return u;
  }

  /**
   * P of θ: θ itself ({@link #MEAN}) or m ⊙ U column by column (for
   * {@link #FEATURE_SCALES}: W = diag(s)·W₀ with U = W₀, the same formula).
   *
   * @param basis U of {@link #basis}, or null for {@link #MEAN}.
   */
  public double[] priorMean(double[] theta, double[] basis) {
    if (thetaIsParameter()) {
      throw new IllegalStateException("the " + spelling + " prior has no mean (it is 0)");
    }
    if (basis == null) {
      return theta.clone();
    }
    int p = theta.length;
    double[] out = new double[basis.length];
    for (int i = 0; i < basis.length; i++) {
      out[i] = theta[i % p] * basis[i];
    }
    return out;
  }

  /** ∇_θG from ∇_PG: itself ({@link #MEAN}) or Σ_k (∇_PG)_{jk}·U_{jk}. */
  public double[] pullBack(double[] gradP, double[] basis, int thetaDim) {
    if (basis == null) {
      return gradP;
    }
    double[] g = new double[thetaDim];
    for (int i = 0; i < basis.length; i++) {
      g[i % thetaDim] += gradP[i] * basis[i];
    }
    return g;
  }
}
