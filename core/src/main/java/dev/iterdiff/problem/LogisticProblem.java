package dev.iterdiff.problem;

/**
 * ℓ₂-regularized logistic regression without intercept,
 * <pre>
 *   f(x; θ) = 1/N·Σᵢ log(1 + exp(−yᵢ aᵢᵀx)) + ½·Σⱼ θⱼ xⱼ²,   yᵢ = +1 if label &gt; 0, else −1,
 * </pre>
 * θ a single λ or one λ per feature: the composition {@link LogisticLoss#mean} +
 * {@link L2Penalty} with θ as its weights ({@link RegularizationWeights}), as registered in
 * {@link Problems#CATALOG} under {@code logistic}. L = λ_max(AᵀA)/(4N) + max θ; μ = min θ.
 * Kept as a named type for code that constructs it directly. Not thread-safe.
 */
public final class LogisticProblem extends RegularizedRisk {

  /**
   * @param data        design matrix and labels (sign → ±1).
   * @param thetaLength 1 (single λ) or p (one λ per feature).
   * @throws IllegalArgumentException if thetaLength is neither 1 nor p.
   */
  public LogisticProblem(LabeledData data, int thetaLength) {
    super((RegularizedRisk) Problems.create("logistic", data, thetaLength, 0.0));
  }
}
