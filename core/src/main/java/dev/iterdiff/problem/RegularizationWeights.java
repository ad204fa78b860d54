package dev.iterdiff.problem;

import dev.iterdiff.map.Checks;

/**
 * θ enters as the weights of the ℓ₂ penalty: λ = θ, one value (length 1, λⱼ = θ₀) or one per
 * feature (length p); the data term is unweighted. Then
 * <pre>
 *   (∂_θ∇ₓf) w = x∘w (or w₀·x),   (∂_θ∇ₓf)ᵀu = x∘u (or xᵀu),
 *   D_θ(∇²ₓf)[w] d = d∘w (or w₀·d),   ∂_θ(uᵀ∇²ₓf d) = u∘d (or uᵀd),
 * </pre>
 * the data term playing no part (it does not depend on θ). Domain: θ finite, θⱼ ≥ 0. The
 * {@code ridge} and {@code logistic} problems.
 */
public final class RegularizationWeights implements ThetaEntry {

  private final String problem;
  private final int p;
  private final boolean single;

  /**
   * @param problem     problem name, for messages.
   * @param p           number of features.
   * @param thetaLength 1 (single λ) or p (one λ per feature).
   * @throws IllegalArgumentException if thetaLength is neither.
   */
  public RegularizationWeights(String problem, int p, int thetaLength) {
    this.problem = problem;
    this.p = p;
    this.single = thetaLength == 1;
    if (thetaLength != 1 && thetaLength != p) {
      throw lengthError(thetaLength);
    }
  }

  private IllegalArgumentException lengthError(int length) {
    return new IllegalArgumentException("theta: length " + length + ", expected 1 or " + p
        + " (" + problem + ": one λ or one per feature)");
  }

  @Override
  public int thetaDim() {
    return single ? 1 : p;
  }

  @Override
  public void requireLength(double[] theta) {
    if (theta == null) {
      throw new IllegalArgumentException("theta: null, expected length " + thetaDim());
    }
    if (theta.length != thetaDim()) {
      if (theta.length == 1 || theta.length == p) {
        throw new IllegalArgumentException("theta: length " + theta.length + ", expected "
            + thetaDim() + " (this " + problem + " problem was built with "
            + (single ? "a single λ)" : "one λ per feature)"));
      }
      throw lengthError(theta.length);
    }
  }

  @Override
  public void check(double[] theta) {
    requireLength(theta);
    Checks.finite("theta", theta);
    for (int j = 0; j < theta.length; j++) {
      if (theta[j] < 0) {
        throw new IllegalArgumentException("theta[" + j + "] is " + theta[j] + " (" + problem
            + ": λ must be ≥ 0)");
      }
    }
  }

  /** Null: unit weights. */
  @Override
  public double[] sampleWeights(double[] theta) {
    return null;
  }

  /** θ itself. */
  @Override
  public double[] penaltyWeights(double[] theta) {
    return theta;
  }

  @Override
  public void crossJvp(DataTerm data, L2Penalty penalty, double[] x, double[] theta,
      double[] w, double[] out) {
    Checks.length("w", w, thetaDim());
    penalty.crossJvp(x, w, out);
  }

  @Override
  public void crossVjp(DataTerm data, L2Penalty penalty, double[] x, double[] theta,
      double[] u, double[] out) {
    Checks.length("u", u, p);
    penalty.crossVjp(x, u, out);
  }

  @Override
  public void curvatureJvp(DataTerm data, L2Penalty penalty, double[] x, double[] theta,
      double[] d, double[] w, double[] out) {
    penalty.crossJvp(d, w, out);
  }

  @Override
  public void curvatureVjp(DataTerm data, L2Penalty penalty, double[] x, double[] theta,
      double[] d, double[] u, double[] out) {
    penalty.crossVjp(d, u, out);
  }
}
