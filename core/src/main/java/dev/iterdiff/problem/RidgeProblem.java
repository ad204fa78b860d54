package dev.iterdiff.problem;

import dev.iterdiff.map.Checks;

/**
 * Ridge regression, f(x; θ) = 1/(2N)·‖Ax − b‖² + ½·Σⱼ θⱼ xⱼ², with b the labels and θ either a
 * single λ (f = … + ½λ‖x‖²) or one λ per feature. The solution has the closed form
 * x*(θ) = (AᵀA/N + diag θ)⁻¹ Aᵀb/N, which is what the tests (and the JAXopt paper, Blondel
 * et al. 2021, §4) use to check implicit Jacobians.
 *
 * <ul>
 *   <li>∇ₓf = Aᵀ(Ax − b)/N + θ∘x; ∇²ₓf = AᵀA/N + diag θ (constant in x: the third-order
 *       x-derivative is zero);</li>
 *   <li>∂_θ∇ₓf = diag x (per feature) or the column x (single λ);</li>
 *   <li>D_θ(∇²ₓf)[w] d = w∘d (or w₀·d); ∂_θ(uᵀ∇²ₓf d) = u∘d (or uᵀd);</li>
 *   <li>L = λ_max(AᵀA)/N + max θ, μ = λ_min(AᵀA)/N + min θ (Weyl's inequality; exact for a
 *       single λ).</li>
 * </ul>
 * One workspace of length N per instance; no allocation per call. Not thread-safe.
 */
public final class RidgeProblem implements Problem {

  private final DesignMatrix design;
  private final double[] b;
  private final FeaturePenalty penalty;
  private final double invN;
  private final double[] residual;

  /**
   * @param data        design matrix and targets b (the labels, used as given).
   * @param thetaLength 1 (single λ) or p (one λ per feature).
   * @throws IllegalArgumentException if thetaLength is neither 1 nor p.
   */
  public RidgeProblem(LabeledData data, int thetaLength) {
    this.design = new DesignMatrix(data);
    this.b = data.labels();
    this.penalty = new FeaturePenalty("ridge", data.cols(), thetaLength);
    this.invN = 1.0 / data.rows();
    this.residual = new double[data.rows()];
  }

  @Override
  public String name() {
    return "ridge";
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

  private void residual(double[] x) {
    Checks.length("x", x, design.cols);
    System.arraycopy(b, 0, residual, 0, b.length);
    design.times(1.0, x, -1.0, residual);
  }

  @Override
  public double value(double[] x, double[] theta) {
    penalty.requireLength(theta);
    residual(x);
    double s = 0;
    for (double r : residual) {
      s += r * r;
    }
    return 0.5 * invN * s + penalty.value(x, theta);
  }

  @Override
  public void gradient(double[] x, double[] theta, double[] out) {
    penalty.requireLength(theta);
    residual(x);
    design.transposeTimes(invN, residual, 0.0, out);
    penalty.addDiagonal(theta, x, out);
  }

  @Override
  public void hvp(double[] x, double[] theta, double[] v, double[] out) {
    penalty.requireLength(theta);
    Checks.length("v", v, design.cols);
    design.times(1.0, v, 0.0, residual);
    design.transposeTimes(invN, residual, 0.0, out);
    penalty.addDiagonal(theta, v, out);
  }

  @Override
  public void hessian(double[] x, double[] theta, double[] out) {
    penalty.requireLength(theta);
    Checks.length("hessian out", out, design.cols * design.cols);
    design.weightedGramian(invN, null, null, 0.0, out);
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

  /** Zero: the Hessian of a quadratic does not depend on x. */
  @Override
  public void hessianDerivX(double[] x, double[] theta, double[] d, double[] v, double[] out) {
    java.util.Arrays.fill(out, 0, design.cols, 0.0);
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
    return design.gramExtremes()[1] * invN + penalty.max(theta);
  }

  @Override
  public double strongConvexity(double[] theta) {
    penalty.requireLength(theta);
    return Math.max(0.0, design.gramExtremes()[0] * invN + penalty.min(theta));
  }
}
