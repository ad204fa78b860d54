package dev.iterdiff.problem;

import dev.iterdiff.map.Checks;
import java.util.Arrays;

/**
 * θ enters as ℓ₂ weights scaled per coordinate by fixed multipliers cⱼ ≥ 0:
 * <pre>
 *   λⱼ = cⱼ·θⱼ (one θ per penalized coordinate) or λⱼ = cⱼ·θ₀ (one θ),
 *   (∂_θ∇ₓf) w = c∘x∘w (or w₀·c∘x),   (∂_θ∇ₓf)ᵀu = (c∘x∘u)_{j&lt;q} (or Σⱼ cⱼxⱼuⱼ),
 * </pre>
 * and the same with x replaced by d for the θ-derivatives of the Hessian. The first q
 * coordinates of x are the penalized features; the coordinates from q on (an intercept) have
 * cⱼ = 0 and no θ: they are unknowns that θ does not touch. With cⱼ = σⱼ²/δ this is the
 * penalty of Spark ML's {@code LinearRegression} in the original feature space (regParam θ,
 * feature standard deviations σⱼ under {@code standardization}, label standard deviation δ);
 * with cⱼ = σⱼ² that of {@code LogisticRegression}. See {@link LinearModelObjective}.
 *
 * <p>Fixed instance weights (Spark ML's weightCol) may be given: they are the data term's
 * sample weights at every θ and θ does not touch them.
 *
 * <p>λ is a workspace of the entry: one entry per problem. Domain: θ finite and ≥ 0.
 */
public final class ScaledRegularization implements ThetaEntry {

  private final String problem;
  private final double[] multipliers;
  private final int q;
  private final boolean single;
  private final double[] lambda;
  private final double[] sampleWeights;

  /**
   * @param problem     problem name, for messages.
   * @param multipliers cⱼ ≥ 0 for every coordinate of x (length n = dim x). Not modified.
   * @param q           the number of penalized coordinates (the first q), 1 ≤ q ≤ n; the others
   *                    must have cⱼ = 0.
   * @param thetaLength 1 (one θ) or q (one θ per penalized coordinate).
   * @throws IllegalArgumentException naming the offending value.
   */
  public ScaledRegularization(String problem, double[] multipliers, int q, int thetaLength) {
    this(problem, multipliers, q, thetaLength, null);
  }

  /**
   * The same with fixed instance weights for the data term.
   *
   * @param sampleWeights the data term's weights (length N, finite, ≥ 0), or null for unit
   *                      weights. Not modified (copied).
   * @throws IllegalArgumentException naming the offending value.
   */
  public ScaledRegularization(String problem, double[] multipliers, int q, int thetaLength,
      double[] sampleWeights) {
    if (q < 1 || q > multipliers.length) {
      throw new IllegalArgumentException(problem + ": penalized coordinates " + q
          + " outside [1, " + multipliers.length + "]");
    }
    for (int j = 0; j < multipliers.length; j++) {
      double c = multipliers[j];
      if (!(c >= 0) || !Double.isFinite(c) || (j >= q && c != 0)) {
        throw new IllegalArgumentException(problem + ": penalty multiplier " + j + " is " + c
            + (j >= q ? " (an unpenalized coordinate: must be 0)" : " (must be finite and >= 0)"));
      }
    }
    if (thetaLength != 1 && thetaLength != q) {
      throw new IllegalArgumentException("theta: length " + thetaLength + ", expected 1 or "
          + q + " (" + problem + ": one λ or one per feature)");
    }
    this.problem = problem;
    this.multipliers = multipliers.clone();
    this.q = q;
    this.single = thetaLength == 1;
    this.lambda = new double[multipliers.length];
    if (sampleWeights != null) {
      for (int i = 0; i < sampleWeights.length; i++) {
        if (!(sampleWeights[i] >= 0) || !Double.isFinite(sampleWeights[i])) {
          throw new IllegalArgumentException(problem + ": instance weight " + i + " is "
              + sampleWeights[i] + " (must be finite and >= 0)");
        }
      }
    }
    this.sampleWeights = sampleWeights == null ? null : sampleWeights.clone();
  }

  /** The multipliers cⱼ (a copy). */
  public double[] multipliers() {
    return multipliers.clone();
  }

  @Override
  public int thetaDim() {
    return single ? 1 : q;
  }

  @Override
  public void requireLength(double[] theta) {
    if (theta == null || theta.length != thetaDim()) {
      throw new IllegalArgumentException("theta: length " + (theta == null ? "null"
          : theta.length) + ", expected " + thetaDim() + " (" + problem + ")");
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

  /** The fixed instance weights, or null (unit weights): not to be modified. */
  @Override
  public double[] sampleWeights(double[] theta) {
    return sampleWeights;
  }

  /** c∘θ (or c·θ₀), zero on the unpenalized coordinates: a workspace. */
  @Override
  public double[] penaltyWeights(double[] theta) {
    Arrays.fill(lambda, 0.0);
    for (int j = 0; j < q; j++) {
      lambda[j] = multipliers[j] * (single ? theta[0] : theta[j]);
    }
    return lambda;
  }

  /** out = c∘z∘w (or w₀·c∘z), zero from q on. */
  private void jvp(double[] z, double[] w, double[] out) {
    Checks.length("w", w, thetaDim());
    Arrays.fill(out, 0, multipliers.length, 0.0);
    for (int j = 0; j < q; j++) {
      out[j] = multipliers[j] * z[j] * (single ? w[0] : w[j]);
    }
  }

  /** out = (c∘z∘u)_{j&lt;q} or Σⱼ cⱼzⱼuⱼ. */
  private void vjp(double[] z, double[] u, double[] out) {
    Checks.length("u", u, multipliers.length);
    if (single) {
      double s = 0;
      for (int j = 0; j < q; j++) {
        s += multipliers[j] * z[j] * u[j];
      }
      out[0] = s;
    } else {
      for (int j = 0; j < q; j++) {
        out[j] = multipliers[j] * z[j] * u[j];
      }
    }
  }

  @Override
  public void crossJvp(DataTerm data, L2Penalty penalty, double[] x, double[] theta,
      double[] w, double[] out) {
    jvp(x, w, out);
  }

  @Override
  public void crossVjp(DataTerm data, L2Penalty penalty, double[] x, double[] theta,
      double[] u, double[] out) {
    vjp(x, u, out);
  }

  @Override
  public void curvatureJvp(DataTerm data, L2Penalty penalty, double[] x, double[] theta,
      double[] d, double[] w, double[] out) {
    jvp(d, w, out);
  }

  @Override
  public void curvatureVjp(DataTerm data, L2Penalty penalty, double[] x, double[] theta,
      double[] d, double[] u, double[] out) {
    vjp(d, u, out);
  }
}
