package dev.iterdiff.problem;

/**
 * A parametric objective f(x; θ), x ∈ ℝⁿ, θ ∈ ℝᵐ, with analytic derivatives on double[].
 *
 * <p>Besides value, gradient and Hessian-vector product it provides the cross products of
 * the mixed derivative ∂_θ∇ₓf (an n×m matrix) — what implicit differentiation of the
 * stationarity condition ∇ₓf = 0 needs — and the third-order products that make the
 * derivative of a Newton step exact (see {@code solver.Newton}).
 *
 * <p>Arrays are caller-owned; inputs are not modified, {@code out} is overwritten.
 * Implementations keep workspaces: one instance per thread.
 */
public interface Problem {

  /** Short name as the CLI spells it: ridge, logistic, weighted-ridge. */
  String name();

  /** n = dim x. */
  int dim();

  /** m = dim θ. */
  int thetaDim();

  /**
   * Checks that θ has length m and lies in the problem's domain (finite; regularization
   * weights ≥ 0, …).
   *
   * @throws IllegalArgumentException naming the offending entry and value.
   */
  void checkTheta(double[] theta);

  /** f(x; θ). */
  double value(double[] x, double[] theta);

  /** out = ∇ₓf(x; θ), length n. */
  void gradient(double[] x, double[] theta, double[] out);

  /** out = ∇²ₓf(x; θ) v, length n. */
  void hvp(double[] x, double[] theta, double[] v, double[] out);

  /** out = ∇²ₓf(x; θ), dense n×n column-major. */
  void hessian(double[] x, double[] theta, double[] out);

  /** out = (∂_θ∇ₓf) w, w length m, out length n. */
  void crossJvp(double[] x, double[] theta, double[] w, double[] out);

  /** out = (∂_θ∇ₓf)ᵀ u, u length n, out length m. */
  void crossVjp(double[] x, double[] theta, double[] u, double[] out);

  /**
   * out = (Dₓ∇²ₓf [v]) d = ∇³ₓf[v, d, ·], length n. Symmetric in v and d; also its own
   * transpose product: uᵀ(Dₓ∇²f[v])d = vᵀ(Dₓ∇²f[u])d.
   */
  void hessianDerivX(double[] x, double[] theta, double[] d, double[] v, double[] out);

  /** out = (D_θ∇²ₓf [w]) d, w length m, out length n. */
  void hessianDerivThetaJvp(double[] x, double[] theta, double[] d, double[] w, double[] out);

  /** out = ∂_θ (uᵀ ∇²ₓf d), i.e. the transpose of {@link #hessianDerivThetaJvp} in w; length m. */
  void hessianDerivThetaVjp(double[] x, double[] theta, double[] d, double[] u, double[] out);

  /** An upper bound L on the Lipschitz constant of ∇ₓf(·; θ) (largest Hessian eigenvalue). */
  double lipschitz(double[] theta);

  /** A lower bound μ ≥ 0 on the strong convexity of f(·; θ) (smallest Hessian eigenvalue). */
  double strongConvexity(double[] theta);
}
