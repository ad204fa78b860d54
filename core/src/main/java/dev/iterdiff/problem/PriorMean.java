package dev.iterdiff.problem;

import dev.iterdiff.map.Checks;

/**
 * θ enters as the mean of a Gaussian prior on x — the biased regularization of Denevi et al.
 * (2018, 2019) and iMAML (Rajeswaran et al. 2019), with a fixed weight α &gt; 0:
 * <pre>
 *   f(x; θ) = D(x) + ½α‖x − θ‖²,   dim θ = dim x,
 *   ∇ₓf = ∇ₓD + α(x − θ),   ∇²ₓf = ∇²ₓD + αI,
 *   (∂_θ∇ₓf) w = −αw,   (∂_θ∇ₓf)ᵀu = −αu,   D_θ∇²ₓf = 0.
 * </pre>
 * In a {@link RegularizedRisk} the penalty carries ½α‖x‖² and the entry's offset
 * E = α(½‖θ‖² − θᵀx) the rest. The implicit meta-gradient of a query loss ℓ_Q at x*(θ) is
 * then α(αI + ∇²ₓD)⁻¹∇ℓ_Q (iMAML's formula). Domain: θ finite, any sign.
 */
public final class PriorMean implements ThetaEntry {

  private final String problem;
  private final int dim;
  private final double[] alpha;

  /**
   * @param problem the problem's name, for messages.
   * @param dim     dim x (p·K for the softmax loss).
   * @param alpha   the prior's weight α, finite and &gt; 0.
   * @throws IllegalArgumentException if α is not finite and &gt; 0, naming it and the value.
   */
  public PriorMean(String problem, int dim, double alpha) {
    if (!(alpha > 0) || !Double.isFinite(alpha)) {
      throw new IllegalArgumentException("alpha is " + alpha + " (" + problem
          + ": the prior's weight must be finite and > 0)");
    }
    Checks.positive(problem + ": dim", dim);
    this.problem = problem;
    this.dim = dim;
    this.alpha = new double[] {alpha};
  }

  /**
   * The entry for a data term, θ of length dim x.
   *
   * @throws IllegalArgumentException naming both lengths when thetaLength ≠ dim x.
   */
  public static PriorMean of(String problem, DataTerm data, int thetaLength, double alpha) {
    if (thetaLength != data.dim()) {
      throw new IllegalArgumentException("theta: length " + thetaLength + ", expected "
          + data.dim() + " (" + problem + ": theta is the prior mean, one value per unknown)");
    }
    return new PriorMean(problem, data.dim(), alpha);
  }

  @Override
  public int thetaDim() {
    return dim;
  }

  @Override
  public void requireLength(double[] theta) {
    Checks.length("theta", theta, dim);
  }

  @Override
  public void check(double[] theta) {
    requireLength(theta);
    Checks.finite("theta", theta);
  }

  /** Null: unit weights. */
  @Override
  public double[] sampleWeights(double[] theta) {
    return null;
  }

  /** {α}. */
  @Override
  public double[] penaltyWeights(double[] theta) {
    return alpha;
  }

  /** α(½‖θ‖² − θᵀx). */
  @Override
  public double offsetValue(double[] x, double[] theta) {
    double t = 0;
    double tx = 0;
    for (int j = 0; j < dim; j++) {
      t += theta[j] * theta[j];
      tx += theta[j] * x[j];
    }
    return alpha[0] * (0.5 * t - tx);
  }

  /** out −= αθ. */
  @Override
  public void addOffsetGradient(double[] x, double[] theta, double[] out) {
    for (int j = 0; j < dim; j++) {
      out[j] -= alpha[0] * theta[j];
    }
  }

  @Override
  public void crossJvp(DataTerm data, L2Penalty penalty, double[] x, double[] theta,
      double[] w, double[] out) {
    Checks.length("w", w, dim);
    for (int j = 0; j < dim; j++) {
      out[j] = -alpha[0] * w[j];
    }
  }

  @Override
  public void crossVjp(DataTerm data, L2Penalty penalty, double[] x, double[] theta,
      double[] u, double[] out) {
    Checks.length("u", u, dim);
    for (int j = 0; j < dim; j++) {
      out[j] = -alpha[0] * u[j];
    }
  }

  /** Zero: the Hessian does not depend on θ. */
  @Override
  public void curvatureJvp(DataTerm data, L2Penalty penalty, double[] x, double[] theta,
      double[] d, double[] w, double[] out) {
    java.util.Arrays.fill(out, 0, dim, 0.0);
  }

  /** Zero: the Hessian does not depend on θ. */
  @Override
  public void curvatureVjp(DataTerm data, L2Penalty penalty, double[] x, double[] theta,
      double[] d, double[] u, double[] out) {
    java.util.Arrays.fill(out, 0, dim, 0.0);
  }
}
