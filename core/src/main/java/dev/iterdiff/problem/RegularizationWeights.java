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
 * {@code ridge} and {@code logistic} problems. With K blocks (the softmax loss's p×K weights,
 * dim x = p·K) a per-feature θⱼ weighs feature j in every class: λ_{j+kp} = θⱼ, and the
 * θ-VJPs sum over the classes, ((∂_θ∇ₓf)ᵀu)ⱼ = Σₖ x_{j+kp}u_{j+kp}; λ is then a workspace of
 * the entry (one entry per problem).
 */
public final class RegularizationWeights implements ThetaEntry {

  private final String problem;
  private final int p;
  private final boolean single;
  private final int blocks;
  private double[] lambda;

  /**
   * @param problem     problem name, for messages.
   * @param p           number of features.
   * @param thetaLength 1 (single λ) or p (one λ per feature).
   * @throws IllegalArgumentException if thetaLength is neither.
   */
  public RegularizationWeights(String problem, int p, int thetaLength) {
    this(problem, p, 1, thetaLength);
  }

  /**
   * @param problem     problem name, for messages.
   * @param p           number of features.
   * @param blocks      K ≥ 1: dim x = p·K, a per-feature λⱼ shared by the K blocks.
   * @param thetaLength 1 (single λ) or p (one λ per feature).
   * @throws IllegalArgumentException if thetaLength is neither.
   */
  public RegularizationWeights(String problem, int p, int blocks, int thetaLength) {
    this.problem = problem;
    this.p = p;
    this.blocks = blocks;
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

  /** θ itself; with K &gt; 1 blocks and per-feature θ, θ repeated K times (a workspace). */
  @Override
  public double[] penaltyWeights(double[] theta) {
    if (single || blocks == 1) {
      return theta;
    }
    if (lambda == null) {
      lambda = new double[p * blocks];
    }
    for (int k = 0; k < blocks; k++) {
      System.arraycopy(theta, 0, lambda, k * p, p);
    }
    return lambda;
  }

  /** out = z∘w per block (w of length p), or out_j = Σₖ z_{j+kp}u_{j+kp}. */
  private void blockJvp(double[] z, double[] w, double[] out) {
    for (int k = 0; k < blocks; k++) {
      for (int j = 0; j < p; j++) {
        out[j + k * p] = z[j + k * p] * w[j];
      }
    }
  }

  private void blockVjp(double[] z, double[] u, double[] out) {
    java.util.Arrays.fill(out, 0, p, 0.0);
    for (int k = 0; k < blocks; k++) {
      for (int j = 0; j < p; j++) {
        out[j] += z[j + k * p] * u[j + k * p];
      }
    }
  }

  private boolean blocked() {
    return blocks > 1 && !single;
  }

  @Override
  public void crossJvp(DataTerm data, L2Penalty penalty, double[] x, double[] theta,
      double[] w, double[] out) {
    Checks.length("w", w, thetaDim());
    if (blocked()) {
      blockJvp(x, w, out);
      return;
    }
    penalty.crossJvp(x, w, out);
  }

  @Override
  public void crossVjp(DataTerm data, L2Penalty penalty, double[] x, double[] theta,
      double[] u, double[] out) {
    Checks.length("u", u, p * blocks);
    if (blocked()) {
      blockVjp(x, u, out);
      return;
    }
    penalty.crossVjp(x, u, out);
  }

  @Override
  public void curvatureJvp(DataTerm data, L2Penalty penalty, double[] x, double[] theta,
      double[] d, double[] w, double[] out) {
    if (blocked()) {
      blockJvp(d, w, out);
      return;
    }
    penalty.crossJvp(d, w, out);
  }

  @Override
  public void curvatureVjp(DataTerm data, L2Penalty penalty, double[] x, double[] theta,
      double[] d, double[] u, double[] out) {
    if (blocked()) {
      blockVjp(d, u, out);
      return;
    }
    penalty.crossVjp(d, u, out);
  }
}
