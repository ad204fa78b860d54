package dev.iterdiff.problem;

/**
 * The composite problems of {@link Problems#CATALOG}: the mean squared loss
 * f₀(x) = 1/(2N)‖Ax − b‖² plus a {@link ProximalTerm} g, assembled as a
 * {@link PenalizedProblem} (f smooth, g through its prox; Beck &amp; Teboulle 2009; the lasso,
 * elastic net and constrained least squares of the JAXopt paper, Blondel et al. 2021, §4):
 * <pre>
 *   lasso        f₀(x) + Σⱼ θⱼ|xⱼ|                 θ: one τ (length 1) or one per feature (p)
 *   elastic-net  f₀(x) + θ₁‖x‖₁ + θ₂/2‖x‖²         θ = (θ₁, θ₂) (length 2)
 *   nnls         f₀(x) + ½Σⱼ θⱼxⱼ²,  x ≥ 0          θ: one λ or one per feature
 *   simplex-ls   f₀(x) + α/2‖x‖²,  x ∈ Δ_θ = {x ≥ 0, Σx = θ₀}   θ: the radius (length 1)
 * </pre>
 * For the lasso, elastic net and simplex-ls θ enters only g ({@link NonsmoothTheta}); for nnls
 * only f ({@link RegularizationWeights}, g = the non-negative orthant). Each factory refuses a
 * θ length it does not take with a one-line message.
 */
public final class ProximalProblems {

  private ProximalProblems() {}

  /** lasso: θ of length 1 or p (one threshold, or one per feature). */
  public static PenalizedProblem lasso(LabeledData data, int thetaLength) {
    int p = data.cols();
    if (thetaLength != 1 && thetaLength != p) {
      throw new IllegalArgumentException("theta: length " + thetaLength + ", expected 1 or " + p
          + " (lasso: one threshold or one per feature)");
    }
    return new PenalizedProblem("lasso", RegularizedRisk.of("lasso", SquaredLoss.mean(data),
        new NonsmoothTheta("lasso", thetaLength, 0.0)), L1Penalty.fromTheta(p, thetaLength));
  }

  /** elastic-net: θ = (θ₁, θ₂), length 2. */
  public static PenalizedProblem elasticNet(LabeledData data, int thetaLength) {
    if (thetaLength != 2) {
      throw new IllegalArgumentException("theta: length " + thetaLength + ", expected 2 "
          + "(elastic-net: the l1 weight theta_1 and the l2 weight theta_2)");
    }
    return new PenalizedProblem("elastic-net", RegularizedRisk.of("elastic-net",
        SquaredLoss.mean(data), new NonsmoothTheta("elastic-net", 2, 0.0)),
        ElasticNetPenalty.fromTheta(data.cols()));
  }

  /** nnls: least squares + ½Σθⱼxⱼ², x ≥ 0; θ of length 1 or p. */
  public static PenalizedProblem nnls(LabeledData data, int thetaLength) {
    return new PenalizedProblem("nnls", RegularizedRisk.of("nnls", SquaredLoss.mean(data),
        new RegularizationWeights("nnls", data.cols(), thetaLength)),
        BoxConstraint.nonNegative(data.cols()));
  }

  /**
   * simplex-ls: least squares + α/2‖x‖² on the simplex of radius θ₀ (θ₀ = 1: the probability
   * simplex, e.g. mixture or portfolio weights); θ of length 1, θ₀ &gt; 0.
   *
   * @param alpha the fixed ℓ₂ weight, ≥ 0 (α &gt; 0 makes x* unique when AᵀA is singular).
   */
  public static PenalizedProblem simplexLeastSquares(LabeledData data, int thetaLength,
      double alpha) {
    if (thetaLength != 1) {
      throw new IllegalArgumentException("theta: length " + thetaLength + ", expected 1 "
          + "(simplex-ls: the radius r of {x >= 0, sum x = r})");
    }
    return new PenalizedProblem("simplex-ls", RegularizedRisk.of("simplex-ls",
        SquaredLoss.mean(data), new NonsmoothTheta("simplex-ls", 1, alpha)),
        SimplexConstraint.radiusFromTheta(data.cols()));
  }
}
