package dev.iterdiff.problem;

/**
 * Ridge regression, f(x; θ) = 1/(2N)·‖Ax − b‖² + ½·Σⱼ θⱼ xⱼ², with b the labels and θ either a
 * single λ (f = … + ½λ‖x‖²) or one λ per feature: the composition {@link SquaredLoss#mean} +
 * {@link L2Penalty} with θ as its weights ({@link RegularizationWeights}), as registered in
 * {@link Problems#CATALOG} under {@code ridge}. The solution has the closed form
 * x*(θ) = (AᵀA/N + diag θ)⁻¹ Aᵀb/N, which is what the tests (and the JAXopt paper, Blondel
 * et al. 2021, §4) use to check implicit Jacobians.
 *
 * <ul>
 *   <li>∇ₓf = Aᵀ(Ax − b)/N + θ∘x; ∇²ₓf = AᵀA/N + diag θ (constant in x);</li>
 *   <li>∂_θ∇ₓf = diag x (per feature) or the column x (single λ);</li>
 *   <li>L = λ_max(AᵀA)/N + max θ, μ = λ_min(AᵀA)/N + min θ (Weyl's inequality; exact for a
 *       single λ).</li>
 * </ul>
 * Kept as a named type for code that constructs it directly. Not thread-safe.
 */
public final class RidgeProblem extends RegularizedRisk {

  /**
   * @param data        design matrix and targets b (the labels, used as given).
   * @param thetaLength 1 (single λ) or p (one λ per feature).
   * @throws IllegalArgumentException if thetaLength is neither 1 nor p.
   */
  public RidgeProblem(LabeledData data, int thetaLength) {
    super((RegularizedRisk) Problems.create("ridge", data, thetaLength, 0.0));
  }
}
