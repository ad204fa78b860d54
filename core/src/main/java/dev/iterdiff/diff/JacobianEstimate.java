package dev.iterdiff.diff;

/**
 * An estimate of J = ∂x/∂θ (n×m, column-major: J(i, j) = ∂xᵢ/∂θⱼ at
 * {@code jacobian[i + j * rows]}).
 *
 * @param estimator   estimator name.
 * @param jacobian    n×m column-major.
 * @param rows        n.
 * @param cols        m.
 * @param diagnostics quality and cost.
 * @param seconds     wall time of the differentiation (the solve excluded).
 */
public record JacobianEstimate(String estimator, double[] jacobian, int rows, int cols,
    Diagnostics diagnostics, double seconds) {

  /** J(i, j) = ∂xᵢ/∂θⱼ. */
  public double get(int i, int j) {
    return jacobian[i + j * rows];
  }
}
