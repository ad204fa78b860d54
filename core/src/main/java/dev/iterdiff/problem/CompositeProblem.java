package dev.iterdiff.problem;

/**
 * A composite objective F(x; θ) = f(x; θ) + g(x; θ): f smooth — this problem's own
 * {@link Problem} products (value, gradient, Hessian products, cross products) are those of f
 * alone — and g a {@link ProximalTerm}, a penalty (ℓ1, elastic net) or the indicator of a
 * constraint set (box, non-negative orthant, simplex), used only through its value, its
 * proximal operator or projection and the Jacobians of those (Beck &amp; Teboulle 2009; the
 * JAXopt paper's proximal-gradient fixed point, Blondel et al. 2021, §2.2).
 *
 * <p>θ is shared: g either does not depend on θ ({@code nonsmooth().thetaDim() == 0}) or reads
 * the same θ vector as f ({@code nonsmooth().thetaDim() == thetaDim()}), each part ignoring the
 * coordinates it does not use — e.g. the lasso's θ = (θ₁) enters g = θ₁‖x‖₁ only.
 *
 * <p>Solvers that only see f (gradient descent, Newton) refuse a composite problem when they
 * are built ({@code SolverEntry.Capabilities.nonsmooth}); the stationarity condition ∇f = 0
 * does not hold at its solution either — its conditions are fixed points of a prox or
 * projection step.
 */
public interface CompositeProblem extends Problem {

  /** The θ of a g that does not depend on θ (length 0; never written). */
  double[] NO_THETA = new double[0];

  /** g, the part handled through its prox or projection. */
  ProximalTerm nonsmooth();

  /** F(x; θ) = f(x; θ) + g(x; θ) (+∞ outside g's domain). */
  default double totalValue(double[] x, double[] theta) {
    return value(x, theta) + nonsmooth().value(x, nonsmoothTheta(theta));
  }

  /**
   * The θ that g reads: θ itself when g depends on θ, an empty array when it does not.
   * Not modified: theta.
   */
  default double[] nonsmoothTheta(double[] theta) {
    return nonsmooth().thetaDim() == 0 ? NO_THETA : theta;
  }
}
