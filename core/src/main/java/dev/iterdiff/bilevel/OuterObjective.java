package dev.iterdiff.bilevel;

/**
 * The outer objective g(x, θ) of a bilevel problem min_θ g(x*(θ), θ): typically the loss of
 * the inner model x on held-out data. The hypergradient is
 * ∇_θ[g(x*(θ), θ)] = ∂_θg + Jᵀ∇ₓg with J the Jacobian of x*(θ) (Pedregosa 2016, eq. 2).
 *
 * <p>Arrays are caller-owned; inputs are not modified, {@code out} is overwritten.
 * Implementations keep workspaces: one instance per thread.
 */
public interface OuterObjective {

  /** Name as configs spell it: squared, logistic. */
  String name();

  /** p, the number of features x must have. */
  int featureCount();

  /** Number of held-out samples the loss averages over. */
  int samples();

  /** g(x, θ). */
  double value(double[] x, double[] theta);

  /** out = ∇ₓg(x, θ), length p. */
  void gradientX(double[] x, double[] theta, double[] out);

  /** out = ∂_θg(x, θ), length θ.length (zeros for a loss that does not depend on θ). */
  default void gradientTheta(double[] x, double[] theta, double[] out) {
    java.util.Arrays.fill(out, 0.0);
  }

  /**
   * The fraction of held-out samples the model x misclassifies (sign(aᵢᵀx) ≠ yᵢ, with
   * yᵢ = +1 when the label is &gt; 0, else −1; a score of 0 predicts −1). Reported, never
   * optimized: it is piecewise constant in x.
   */
  double misclassification(double[] x);
}
