package dev.iterdiff.problem;

import dev.iterdiff.map.Checks;
import java.util.Arrays;

/**
 * θ enters only the nonsmooth part g of a {@link PenalizedProblem}: the smooth part
 * f(x) = D(x) + α/2‖x‖² of the {@link RegularizedRisk} reads θ's length but not its values,
 * <pre>
 *   ∂_θ∇ₓf = 0,   D_θ∇²ₓf = 0,
 * </pre>
 * with unit sample weights and a fixed ℓ₂ weight α ≥ 0 (0 for the lasso). The lasso
 * (θ = τ of g = τ‖x‖₁), the elastic net (θ = (τ₁, τ₂)) and simplex-ls (θ = the simplex radius)
 * compose f this way; θ's domain is g's ({@link ProximalTerm#checkTheta}, called by
 * {@link PenalizedProblem#checkTheta}), this entry checks only length and finiteness.
 */
public final class NonsmoothTheta implements ThetaEntry {

  private final String problem;
  private final int m;
  private final double[] alpha;

  /**
   * @param problem problem name, for messages.
   * @param m       dim θ (g's), ≥ 1.
   * @param alpha   the fixed ℓ₂ weight of f, finite and ≥ 0.
   * @throws IllegalArgumentException on m &lt; 1 or a bad α, naming the value.
   */
  public NonsmoothTheta(String problem, int m, double alpha) {
    Checks.positive(problem + ": theta length", m);
    if (!(alpha >= 0) || !Double.isFinite(alpha)) {
      throw new IllegalArgumentException("alpha is " + alpha + " (" + problem
          + ": the fixed l2 weight must be finite and >= 0)");
    }
    this.problem = problem;
    this.m = m;
    this.alpha = new double[] {alpha};
  }

  @Override
  public int thetaDim() {
    return m;
  }

  @Override
  public void requireLength(double[] theta) {
    if (theta == null || theta.length != m) {
      throw new IllegalArgumentException("theta: length " + (theta == null ? "null"
          : theta.length) + ", expected " + m + " (" + problem + ")");
    }
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

  /** The fixed α (length 1). */
  @Override
  public double[] penaltyWeights(double[] theta) {
    return alpha;
  }

  /** Zero: f does not depend on θ. */
  @Override
  public void crossJvp(DataTerm data, L2Penalty penalty, double[] x, double[] theta,
      double[] w, double[] out) {
    Checks.length("w", w, m);
    Arrays.fill(out, 0, penalty.dim(), 0.0);
  }

  /** Zero. */
  @Override
  public void crossVjp(DataTerm data, L2Penalty penalty, double[] x, double[] theta,
      double[] u, double[] out) {
    Checks.length("u", u, penalty.dim());
    Arrays.fill(out, 0, m, 0.0);
  }

  /** Zero. */
  @Override
  public void curvatureJvp(DataTerm data, L2Penalty penalty, double[] x, double[] theta,
      double[] d, double[] w, double[] out) {
    Arrays.fill(out, 0, penalty.dim(), 0.0);
  }

  /** Zero. */
  @Override
  public void curvatureVjp(DataTerm data, L2Penalty penalty, double[] x, double[] theta,
      double[] d, double[] u, double[] out) {
    Arrays.fill(out, 0, m, 0.0);
  }
}
