package dev.iterdiff.bilevel;

/**
 * What θ is: one regularization weight λ for all features, one λ per feature (a space grids
 * cannot search), or one weight per training sample (the one-step paper's weighted ridge;
 * data cleaning and reweighting). Values are positive; the outer loop optimizes log θ.
 */
public enum HyperparameterKind {
  /** θ ∈ ℝ¹: f = … + ½λ‖x‖². */
  SINGLE,
  /** θ ∈ ℝᵖ: f = … + ½Σⱼ λⱼ xⱼ². */
  PER_FEATURE,
  /** θ ∈ ℝᴺ, one weight per row of the cross-validation data: f = ½Σᵢ θᵢ(aᵢᵀx − bᵢ)² + …. */
  PER_SAMPLE;

  /** The config spelling: single, per-feature, per-sample. */
  public String spelling() {
    return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }

  /** Parses single | per-feature | per-sample. */
  public static HyperparameterKind parse(String s) {
    for (HyperparameterKind k : values()) {
      if (k.spelling().equals(s)) {
        return k;
      }
    }
    throw new IllegalArgumentException("hyperparameters: unknown '" + s
        + "' (expected single, per-feature or per-sample)");
  }

  /** dim θ for p features and N rows. */
  public int dimension(int features, int rows) {
    return switch (this) {
      case SINGLE -> 1;
      case PER_FEATURE -> features;
      case PER_SAMPLE -> rows;
    };
  }

  /**
   * Which global θ entries the inner problem of a fold sees: null (all, in order) unless θ is
   * per sample, where a fold trained on rows r₀, r₁, … sees θ[r₀], θ[r₁], ….
   */
  public int[] foldIndices(Fold fold) {
    return this == PER_SAMPLE ? fold.trainRows().clone() : null;
  }
}
