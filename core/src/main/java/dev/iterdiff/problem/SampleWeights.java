package dev.iterdiff.problem;

import dev.iterdiff.map.Checks;

/**
 * θ enters as the per-sample weights of the data term, w = θ (length N, or length 1 shared by
 * all samples), with a fixed ℓ₂ weight α on the penalty (λ = α). The data term is linear in
 * w, so
 * <pre>
 *   (∂_θ∇ₓf) w̃ = ∇ₓD(x; w̃),            (∂_θ∇ₓf)ᵀu = (∂_w∇ₓD)ᵀu,
 *   D_θ(∇²ₓf)[w̃] d = ∇²ₓD(x; w̃) d,      ∂_θ(uᵀ∇²ₓf d) = ∂_w(uᵀ∇²ₓD d),
 * </pre>
 * (see {@link DataTerm}). Domain: θ finite, θᵢ ≥ 0. The {@code weighted-ridge} (shared or per
 * sample) and {@code weighted-logistic} (per sample only) problems of Bolte, Pauwels &amp;
 * Vaiter (NeurIPS 2023).
 */
public final class SampleWeights implements ThetaEntry {

  private final String problem;
  private final int rows;
  private final boolean shared;
  private final boolean perSampleOnly;
  private final double[] alpha;

  private SampleWeights(String problem, int rows, int thetaLength, double alpha,
      boolean perSampleOnly) {
    this(problem, rows, thetaLength, new double[] {alpha}, perSampleOnly);
  }

  private SampleWeights(String problem, int rows, int thetaLength, double[] alpha,
      boolean perSampleOnly) {
    this.problem = problem;
    this.rows = rows;
    this.shared = thetaLength == 1 && !perSampleOnly;
    this.perSampleOnly = perSampleOnly;
    for (int j = 0; j < alpha.length; j++) {
      if (!Double.isFinite(alpha[j]) || alpha[j] < 0) {
        throw new IllegalArgumentException((alpha.length == 1 ? "alpha" : "alpha[" + j + "]")
            + " is " + alpha[j] + " (" + problem + ": must be finite and ≥ 0)");
      }
    }
    this.alpha = alpha.clone();
  }

  /**
   * One weight per sample with a fixed ℓ₂ weight per coordinate of x (Spark ML's scaled penalty
   * regParam·cⱼ, 0 on an intercept).
   *
   * @param lambda the fixed λⱼ, one per coordinate of x, finite and ≥ 0. Copied.
   * @throws IllegalArgumentException on another θ length (naming the data set) or a bad λⱼ.
   */
  public static SampleWeights perSample(String problem, LabeledData data, int thetaLength,
      double[] lambda) {
    if (thetaLength != data.rows()) {
      throw new IllegalArgumentException(problem + ": theta has one weight per sample: "
          + "expected " + data.rows() + " values for " + data.source() + ", got " + thetaLength);
    }
    return new SampleWeights(problem, data.rows(), thetaLength, lambda, true);
  }

  /**
   * One weight per sample or one shared weight.
   *
   * @param thetaLength 1 or N.
   * @param alpha       the fixed ℓ₂ weight, finite and ≥ 0.
   * @throws IllegalArgumentException on another length or a bad alpha.
   */
  public static SampleWeights sharedOrPerSample(String problem, int rows, int thetaLength,
      double alpha) {
    if (thetaLength != 1 && thetaLength != rows) {
      throw new IllegalArgumentException("theta: length " + thetaLength + ", expected 1 or "
          + rows + " (" + problem + ": one shared weight or one per sample)");
    }
    return new SampleWeights(problem, rows, thetaLength, alpha, false);
  }

  /**
   * One weight per sample only.
   *
   * @param thetaLength N.
   * @param alpha       the fixed ℓ₂ weight, finite and ≥ 0.
   * @throws IllegalArgumentException on another length (naming the data set) or a bad alpha.
   */
  public static SampleWeights perSample(String problem, LabeledData data, int thetaLength,
      double alpha) {
    if (thetaLength != data.rows()) {
      throw new IllegalArgumentException(problem + ": theta has one weight per sample: "
          + "expected " + data.rows() + " values for " + data.source() + ", got " + thetaLength);
    }
    return new SampleWeights(problem, data.rows(), thetaLength, alpha, true);
  }

  @Override
  public int thetaDim() {
    return shared ? 1 : rows;
  }

  @Override
  public void requireLength(double[] theta) {
    if (perSampleOnly) {
      Checks.length("theta", theta, rows);
      return;
    }
    if (theta == null) {
      throw new IllegalArgumentException("theta: null, expected length " + thetaDim());
    }
    if (theta.length != thetaDim()) {
      if (theta.length == 1 || theta.length == rows) {
        throw new IllegalArgumentException("theta: length " + theta.length + ", expected "
            + thetaDim() + " (this " + problem + " problem was built with "
            + (shared ? "one shared weight)" : "one weight per sample)"));
      }
      throw new IllegalArgumentException("theta: length " + theta.length + ", expected 1 or "
          + rows + " (" + problem + ": one shared weight or one per sample)");
    }
  }

  @Override
  public void check(double[] theta) {
    requireLength(theta);
    if (perSampleOnly) {
      for (int i = 0; i < rows; i++) {
        if (!(theta[i] >= 0) || !Double.isFinite(theta[i])) {
          throw new IllegalArgumentException("theta[" + i + "] (weight of sample " + (i + 1)
              + ") is " + theta[i] + " (must be finite and >= 0)");
        }
      }
      return;
    }
    Checks.finite("theta", theta);
    for (int i = 0; i < theta.length; i++) {
      if (theta[i] < 0) {
        throw new IllegalArgumentException("theta[" + i + "] is " + theta[i] + " (" + problem
            + ": sample weights must be ≥ 0)");
      }
    }
  }

  /** θ itself. */
  @Override
  public double[] sampleWeights(double[] theta) {
    return theta;
  }

  /** {α}, or the fixed λⱼ per coordinate. */
  @Override
  public double[] penaltyWeights(double[] theta) {
    return alpha;
  }

  @Override
  public void crossJvp(DataTerm data, L2Penalty penalty, double[] x, double[] theta,
      double[] w, double[] out) {
    Checks.length("w", w, thetaDim());
    data.gradient(x, w, out);
  }

  @Override
  public void crossVjp(DataTerm data, L2Penalty penalty, double[] x, double[] theta,
      double[] u, double[] out) {
    data.weightsVjp(x, u, out);
  }

  @Override
  public void curvatureJvp(DataTerm data, L2Penalty penalty, double[] x, double[] theta,
      double[] d, double[] w, double[] out) {
    Checks.length("w", w, thetaDim());
    data.hvp(x, w, d, out);
  }

  @Override
  public void curvatureVjp(DataTerm data, L2Penalty penalty, double[] x, double[] theta,
      double[] d, double[] u, double[] out) {
    data.curvatureWeightsVjp(x, d, u, out);
  }
}
