package dev.iterdiff.problem;

/**
 * A parametric objective f(x; θ), x ∈ ℝⁿ, θ ∈ ℝᵐ, with analytic derivatives on double[].
 *
 * <p>What a smooth problem must provide is value, gradient, Hessian-vector product and the two
 * cross products of the mixed derivative ∂_θ∇ₓf (an n×m matrix) — what gradient-type solvers
 * and implicit differentiation of the stationarity condition ∇ₓf = 0 need:
 * <pre>
 *   crossJvp: (∂_θ∇ₓf) w,     crossVjp: (∂_θ∇ₓf)ᵀ u.
 * </pre>
 * The dense Hessian and the bounds L, μ have default implementations (n Hessian-vector
 * products; a Lanczos estimate at x = 0, see {@link HessianSpectrum}) that a problem overrides
 * when it knows better. The third-order products that make the derivative of a Newton step
 * exact are a separate capability: {@link ThirdOrderProblem}.
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

  /** out = (∂_θ∇ₓf) w, w length m, out length n. */
  void crossJvp(double[] x, double[] theta, double[] w, double[] out);

  /** out = (∂_θ∇ₓf)ᵀ u, u length n, out length m. */
  void crossVjp(double[] x, double[] theta, double[] u, double[] out);

  /**
   * out = ∇²ₓf(x; θ), dense n×n column-major. The default takes n Hessian-vector products
   * with the unit vectors (allocating two n-vectors per call); problems with a BLAS-3 path
   * override it.
   */
  default void hessian(double[] x, double[] theta, double[] out) {
    HessianSpectrum.denseHessian(this, x, theta, out);
  }

  /**
   * An upper bound L on the Lipschitz constant of ∇ₓf(·; θ) (largest Hessian eigenvalue).
   * The default is an <b>estimate</b>, not a bound: the largest Ritz value of
   * {@value HessianSpectrum#STEPS} Lanczos steps on the Hessian at x = 0 (exact up to rounding
   * for a quadratic with n ≤ {@value HessianSpectrum#STEPS}).
   */
  default double lipschitz(double[] theta) {
    return HessianSpectrum.atOrigin(this, theta)[1];
  }

  /**
   * A lower bound μ ≥ 0 on the strong convexity of f(·; θ) (smallest Hessian eigenvalue). The
   * default is an <b>estimate</b>: max(0, smallest Ritz value) of the same Lanczos run as
   * {@link #lipschitz}.
   */
  default double strongConvexity(double[] theta) {
    return Math.max(0.0, HessianSpectrum.atOrigin(this, theta)[0]);
  }

  /**
   * ∇²ₓf(x, θ) restricted to the coordinates S at a cost in |S| (the active-set implicit
   * systems use it), or null when the problem does not offer it — the default; callers then
   * pad and use {@link #hvp}.
   *
   * @param x       the point. Not modified.
   * @param theta   θ. Not modified.
   * @param support S, ascending indices. Not modified.
   */
  default SupportHessian supportHessian(double[] x, double[] theta, int[] support) {
    return null;
  }
}
