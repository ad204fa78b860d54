package dev.iterdiff.problem;

/**
 * How θ enters a {@link RegularizedRisk} f(x; θ) = D(x; w(θ)) + P(x; λ(θ)): it supplies the
 * data term's sample weights w and the penalty's weights λ, checks θ's length and domain, and
 * routes the cross products of ∂_θ∇ₓf and the θ-derivatives of the Hessian to the part θ
 * enters. Implementations: {@link RegularizationWeights} (θ = λ, one or one per feature) and
 * {@link SampleWeights} (θ = w, shared or one per sample, with a fixed ℓ₂ weight α).
 *
 * <p>Stateless apart from configuration: one instance may serve many problems. The arrays
 * returned by {@link #sampleWeights} and {@link #penaltyWeights} are θ itself or a constant of
 * the entry; they are not to be modified.
 */
public interface ThetaEntry {

  /** m = dim θ. */
  int thetaDim();

  /**
   * O(1) length guard used by every product.
   *
   * @throws IllegalArgumentException naming the expected and actual lengths.
   */
  void requireLength(double[] theta);

  /**
   * Length, finiteness and domain (weights ≥ 0).
   *
   * @throws IllegalArgumentException naming the index and value.
   */
  void check(double[] theta);

  /** The data term's weights at θ: null (unit), length 1 (shared) or N. */
  double[] sampleWeights(double[] theta);

  /** The penalty's λ at θ: length 1 (single) or p. */
  double[] penaltyWeights(double[] theta);

  /**
   * E(x; θ), a term affine in x that the entry adds to f (default 0): the prior mean's
   * α(½‖θ‖² − θᵀx), which with P = ½α‖x‖² makes ½α‖x − θ‖².
   */
  default double offsetValue(double[] x, double[] theta) {
    return 0.0;
  }

  /** out += ∇ₓE(x; θ) (default: nothing). out modified. */
  default void addOffsetGradient(double[] x, double[] theta, double[] out) {}

  /** out = (∂_θ∇ₓf) w, length p. */
  void crossJvp(DataTerm data, L2Penalty penalty, double[] x, double[] theta, double[] w,
      double[] out);

  /** out = (∂_θ∇ₓf)ᵀ u, length m. */
  void crossVjp(DataTerm data, L2Penalty penalty, double[] x, double[] theta, double[] u,
      double[] out);

  /** out = (D_θ∇²ₓf[w]) d, length p. */
  void curvatureJvp(DataTerm data, L2Penalty penalty, double[] x, double[] theta, double[] d,
      double[] w, double[] out);

  /** out = ∂_θ(uᵀ∇²ₓf d), length m. */
  void curvatureVjp(DataTerm data, L2Penalty penalty, double[] x, double[] theta, double[] d,
      double[] u, double[] out);
}
