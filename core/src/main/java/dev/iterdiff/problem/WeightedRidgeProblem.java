package dev.iterdiff.problem;

/**
 * Weighted ridge regression — the least-squares experiment of Bolte, Pauwels &amp; Vaiter,
 * <i>One-step differentiation of iterative algorithms</i> (NeurIPS 2023):
 * <pre>
 *   f(x; θ) = ½·Σᵢ θᵢ (aᵢᵀx − bᵢ)² + α/2·‖x‖²,   α ≥ 0 fixed (CLI default 1),
 * </pre>
 * θ one weight per sample (length N) or one shared by all samples (length 1): the composition
 * {@link SquaredLoss#sum} with θ as its sample weights ({@link SampleWeights}) + the fixed
 * {@link L2Penalty} α, as registered in {@link Problems#CATALOG} under {@code weighted-ridge}.
 * L = λ_max(AᵀΘA) + α and μ = λ_min(AᵀΘA) + α, exact (cached by θ's content). Kept as a named
 * type for code that constructs it directly. Not thread-safe.
 */
public final class WeightedRidgeProblem extends RegularizedRisk {

  private final double alpha;

  /**
   * @param data        design matrix and targets b (the labels, used as given).
   * @param thetaLength 1 (one shared weight) or N (one weight per sample).
   * @param alpha       the fixed ℓ₂ weight α, finite and ≥ 0.
   * @throws IllegalArgumentException on a wrong thetaLength or alpha.
   */
  public WeightedRidgeProblem(LabeledData data, int thetaLength, double alpha) {
    super((RegularizedRisk) Problems.create("weighted-ridge", data, thetaLength, alpha));
    this.alpha = alpha;
  }

  /** α. */
  public double alpha() {
    return alpha;
  }
}
