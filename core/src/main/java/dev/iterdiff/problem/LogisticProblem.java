package dev.iterdiff.problem;

import dev.iterdiff.map.Checks;

/**
 * ℓ₂-regularized logistic regression without intercept,
 * <pre>
 *   f(x; θ) = 1/N·Σᵢ log(1 + exp(−yᵢ aᵢᵀx)) + ½·Σⱼ θⱼ xⱼ²,   yᵢ = +1 if label &gt; 0, else −1,
 * </pre>
 * θ a single λ or one λ per feature. With mᵢ = yᵢaᵢᵀx and σ the logistic function:
 * <pre>
 *   ∇ₓf           = Aᵀg/N + θ∘x,                 gᵢ = −yᵢ σ(−mᵢ)
 *   ∇²ₓf          = Aᵀ diag(s) A/N + diag θ,       sᵢ = σ(mᵢ)σ(−mᵢ) ≤ ¼
 *   (Dₓ∇²f[v]) d  = Aᵀ(t ∘ Av ∘ Ad)/N,             tᵢ = yᵢ sᵢ (σ(−mᵢ) − σ(mᵢ))
 *   ∂_θ∇ₓf, D_θ∇²ₓf: as for ridge (the loss does not depend on θ).
 * </pre>
 * Everything is evaluated from e = exp(−|m|) ∈ (0, 1], so no exponential overflows:
 * log(1 + exp(−m)) = max(−m, 0) + log1p(e), σ(−|m|) = e/(1+e), s = e/(1+e)².
 * L = λ_max(AᵀA)/(4N) + max θ (since s ≤ ¼); μ = min θ (the loss Hessian is only
 * positive semi-definite). The model is that of Bolte, Pauwels &amp; Vaiter (NeurIPS 2023,
 * §5), with per-feature rather than per-sample hyperparameters.
 *
 * <p>Workspaces (two of length N, and N×p for the dense Hessian, allocated on first use) are
 * per instance; no allocation per call. Not thread-safe.
 */
public final class LogisticProblem implements Problem {

  private final DesignMatrix design;
  private final double[] y;
  private final FeaturePenalty penalty;
  private final double invN;
  private final double[] z;
  private final double[] aux;
  private double[] scaled;

  /**
   * @param data        design matrix and labels (sign → ±1).
   * @param thetaLength 1 (single λ) or p (one λ per feature).
   * @throws IllegalArgumentException if thetaLength is neither 1 nor p.
   */
  public LogisticProblem(LabeledData data, int thetaLength) {
    this.design = new DesignMatrix(data);
    this.penalty = new FeaturePenalty("logistic", data.cols(), thetaLength);
    this.invN = 1.0 / data.rows();
    this.y = new double[data.rows()];
    for (int i = 0; i < y.length; i++) {
      y[i] = data.labels()[i] > 0 ? 1.0 : -1.0;
    }
    this.z = new double[data.rows()];
    this.aux = new double[data.rows()];
  }

  @Override
  public String name() {
    return "logistic";
  }

  @Override
  public int dim() {
    return design.cols;
  }

  @Override
  public int thetaDim() {
    return penalty.thetaDim();
  }

  @Override
  public void checkTheta(double[] theta) {
    penalty.check(theta);
  }

  /** z ← margins mᵢ = yᵢ aᵢᵀx. */
  private void margins(double[] x, double[] theta) {
    penalty.requireLength(theta);
    Checks.length("x", x, design.cols);
    design.times(1.0, x, 0.0, z);
    for (int i = 0; i < z.length; i++) {
      z[i] *= y[i];
    }
  }

  /** σ(−m) without overflow. */
  private static double sigmoidOfMinus(double m) {
    double e = Math.exp(-Math.abs(m));
    return m >= 0 ? e / (1 + e) : 1 / (1 + e);
  }

  /** s = σ(m)σ(−m) = e/(1+e)², e = exp(−|m|). */
  private static double curvature(double m) {
    double e = Math.exp(-Math.abs(m));
    double q = 1 + e;
    return e / (q * q);
  }

  @Override
  public double value(double[] x, double[] theta) {
    margins(x, theta);
    double loss = 0;
    for (double m : z) {
      loss += Math.max(-m, 0.0) + Math.log1p(Math.exp(-Math.abs(m)));
    }
    return loss * invN + penalty.value(x, theta);
  }

  @Override
  public void gradient(double[] x, double[] theta, double[] out) {
    margins(x, theta);
    for (int i = 0; i < z.length; i++) {
      aux[i] = -y[i] * sigmoidOfMinus(z[i]);
    }
    design.transposeTimes(invN, aux, 0.0, out);
    penalty.addDiagonal(theta, x, out);
  }

  @Override
  public void hvp(double[] x, double[] theta, double[] v, double[] out) {
    Checks.length("v", v, design.cols);
    margins(x, theta);
    design.times(1.0, v, 0.0, aux);
    for (int i = 0; i < z.length; i++) {
      aux[i] *= curvature(z[i]);
    }
    design.transposeTimes(invN, aux, 0.0, out);
    penalty.addDiagonal(theta, v, out);
  }

  @Override
  public void hessian(double[] x, double[] theta, double[] out) {
    Checks.length("hessian out", out, design.cols * design.cols);
    margins(x, theta);
    for (int i = 0; i < z.length; i++) {
      aux[i] = curvature(z[i]);
    }
    if (scaled == null) {
      scaled = new double[design.rows * design.cols];
    }
    design.weightedGramian(invN, aux, scaled, 0.0, out);
    penalty.addToHessian(theta, out);
  }

  @Override
  public void crossJvp(double[] x, double[] theta, double[] w, double[] out) {
    penalty.requireLength(theta);
    Checks.length("w", w, thetaDim());
    penalty.crossJvp(x, w, out);
  }

  @Override
  public void crossVjp(double[] x, double[] theta, double[] u, double[] out) {
    penalty.requireLength(theta);
    Checks.length("u", u, design.cols);
    penalty.crossVjp(x, u, out);
  }

  @Override
  public void hessianDerivX(double[] x, double[] theta, double[] d, double[] v, double[] out) {
    Checks.length("d", d, design.cols);
    Checks.length("v", v, design.cols);
    margins(x, theta);
    design.times(1.0, d, 0.0, aux);
    for (int i = 0; i < z.length; i++) {
      double m = z[i];
      double e = Math.exp(-Math.abs(m));
      // σ(−m) − σ(m) = −sign(m)·(1 − e)/(1 + e)
      double diff = (m >= 0 ? -1.0 : 1.0) * (1 - e) / (1 + e);
      aux[i] *= y[i] * curvature(m) * diff;
    }
    // z is free now: reuse it for A v.
    design.times(1.0, v, 0.0, z);
    for (int i = 0; i < z.length; i++) {
      aux[i] *= z[i];
    }
    design.transposeTimes(invN, aux, 0.0, out);
  }

  @Override
  public void hessianDerivThetaJvp(double[] x, double[] theta, double[] d, double[] w,
      double[] out) {
    penalty.requireLength(theta);
    penalty.crossJvp(d, w, out);
  }

  @Override
  public void hessianDerivThetaVjp(double[] x, double[] theta, double[] d, double[] u,
      double[] out) {
    penalty.requireLength(theta);
    penalty.crossVjp(d, u, out);
  }

  @Override
  public double lipschitz(double[] theta) {
    penalty.requireLength(theta);
    return 0.25 * design.gramExtremes()[1] * invN + penalty.max(theta);
  }

  @Override
  public double strongConvexity(double[] theta) {
    penalty.requireLength(theta);
    return Math.max(0.0, penalty.min(theta));
  }
}
