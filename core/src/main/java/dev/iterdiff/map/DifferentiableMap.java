package dev.iterdiff.map;

/**
 * A map y = M(x, θ) with its four first-order products. This is the one abstraction of
 * iterdiff: iteration maps F (outDim = xDim, the solver state), optimality conditions G
 * (root G(x*, θ) = 0) and user maps all implement it; the estimators consume only it.
 *
 * <p>All arrays are caller-owned. Inputs are not modified; {@code out} is overwritten
 * (its previous content is ignored). Implementations may keep workspaces, so a single
 * instance is not thread-safe unless it says so; create one per task/thread.
 */
public interface DifferentiableMap {

  /** Dimension of x (for an iteration map, the solver state). */
  int xDim();

  /** Dimension of θ. */
  int thetaDim();

  /** Dimension of the output. */
  int outDim();

  /**
   * out = M(x, θ).
   *
   * @param x     point, length xDim. Not modified.
   * @param theta parameters, length thetaDim. Not modified.
   * @param out   length outDim. Modified.
   */
  void apply(double[] x, double[] theta, double[] out);

  /** out = (∂ₓM) v; v has length xDim, out length outDim. */
  void jvpX(double[] x, double[] theta, double[] v, double[] out);

  /** out = (∂ₓM)ᵀ u; u has length outDim, out length xDim. */
  void vjpX(double[] x, double[] theta, double[] u, double[] out);

  /** out = (∂_θM) w; w has length thetaDim, out length outDim. */
  void jvpTheta(double[] x, double[] theta, double[] w, double[] out);

  /** out = (∂_θM)ᵀ u; u has length outDim, out length thetaDim. */
  void vjpTheta(double[] x, double[] theta, double[] u, double[] out);
}
