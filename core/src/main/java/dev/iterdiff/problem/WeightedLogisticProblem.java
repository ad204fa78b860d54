package dev.iterdiff.problem;

/**
 * Logistic regression with one weight per sample — the parametrization of the Newton
 * experiment of Bolte, Pauwels &amp; Vaiter, <i>One-step differentiation of iterative
 * algorithms</i> (NeurIPS 2023, Section 5):
 * <pre>
 *   f(x; θ) = 1/N · Σᵢ θᵢ ℓ(yᵢ aᵢᵀx) + λ/2 · ‖x‖²,   ℓ(z) = log(1 + e^{−z}),
 * </pre>
 * θ ∈ ℝᴺ (θᵢ ≥ 0), λ &gt; 0 fixed: the composition {@link LogisticLoss#mean} with θ as its
 * sample weights ({@link SampleWeights#perSample}) + the fixed {@link L2Penalty} λ, as
 * registered in {@link Problems#CATALOG} under {@code weighted-logistic}. L is the trace bound
 * Σᵢθᵢ‖aᵢ‖²/(4N) + λ, μ = λ. Kept as a named type for code that constructs it directly. Not
 * thread-safe.
 */
public final class WeightedLogisticProblem extends RegularizedRisk {

  private final double lambda;

  /**
   * @param data   design matrix A (N×p) and labels. Not modified (kept by reference).
   * @param lambda ridge weight λ &gt; 0.
   * @throws IllegalArgumentException if λ is not finite and &gt; 0.
   */
  public WeightedLogisticProblem(LabeledData data, double lambda) {
    super((RegularizedRisk) Problems.create("weighted-logistic", data, data.rows(), lambda));
    this.lambda = lambda;
  }

  /** λ. */
  public double lambda() {
    return lambda;
  }
}
