package dev.iterdiff.problem;

import java.util.Arrays;

/**
 * A convex, possibly non-smooth term g(x; θ) — a penalty (ℓ₁, elastic net) or the indicator
 * of a closed convex set (box, non-negative orthant, simplex; then g = 0 on the set and +∞
 * off it) — with its proximal operator and the products of its Jacobians, for the proximal,
 * projected and mirror solvers and their fixed-point conditions (Blondel et al. 2021, §2.2):
 * <pre>
 *   prox_{ηg}(z; θ) = argmin_x ½‖x − z‖² + η·g(x; θ)   (the projection for an indicator).
 * </pre>
 * The proximal map is Lipschitz but not differentiable everywhere; at a kink each term returns
 * one element of the generalized (Clarke) Jacobian, stated in its Javadoc — the choice the
 * JAXopt and one-step papers use (Blondel et al. 2021, §4; Bolte, Pauwels &amp; Vaiter 2023).
 *
 * <p>θ here is the term's own parameter vector (length {@link #thetaDim}, possibly 0).
 * Arrays are caller-owned; inputs are not modified, {@code out} is overwritten; no allocation
 * per call once warmed up; one instance per thread.
 */
public interface ProximalTerm {

  /** Name as the catalogs spell it: l1, elastic-net, box, non-negative, simplex. */
  String name();

  /** n = dim x. */
  int dim();

  /** m = dim θ of the term; 0 when θ does not enter (the default). */
  default int thetaDim() {
    return 0;
  }

  /**
   * Checks θ's length and domain.
   *
   * @throws IllegalArgumentException naming the offending entry and value.
   */
  default void checkTheta(double[] theta) {
    if (theta != null && theta.length != 0) {
      throw new IllegalArgumentException("theta: length " + theta.length + ", expected 0 ("
          + name() + " has no parameter)");
    }
  }

  /**
   * Whether g is separable, so that ∂_z prox is diagonal with entries in [0, 1] (ℓ1, elastic
   * net, box, non-negativity; not the simplex): its support S = {j : (∂_z prox)ⱼⱼ &gt; 0} then
   * restricts the implicit linear system of the prox-gradient fixed point to |S| unknowns.
   */
  default boolean separable() {
    return false;
  }

  /** Whether x is in the domain of g (g(x) &lt; ∞): always true for a finite penalty. */
  default boolean contains(double[] x, double[] theta) {
    return true;
  }

  /** g(x; θ); +∞ off the domain. */
  double value(double[] x, double[] theta);

  /**
   * out = prox_{ηg}(z; θ), length n.
   *
   * @throws IllegalArgumentException if η is not finite and &gt; 0.
   */
  void prox(double[] z, double[] theta, double eta, double[] out);

  /** out = (∂_z prox_{ηg}) v, length n (generalized Jacobian at kinks). */
  void proxJvpX(double[] z, double[] theta, double eta, double[] v, double[] out);

  /** out = (∂_z prox_{ηg})ᵀ u, length n. */
  void proxVjpX(double[] z, double[] theta, double eta, double[] u, double[] out);

  /** out = (∂_θ prox_{ηg}) w, length n; zeros by default (θ does not enter). */
  default void proxJvpTheta(double[] z, double[] theta, double eta, double[] w, double[] out) {
    Arrays.fill(out, 0, dim(), 0.0);
  }

  /** out = (∂_θ prox_{ηg})ᵀ u, length m; nothing to write by default (m = 0). */
  default void proxVjpTheta(double[] z, double[] theta, double eta, double[] u, double[] out) {
  }

  /** η finite and &gt; 0, named. */
  static void checkStep(double eta) {
    if (!(eta > 0) || !Double.isFinite(eta)) {
      throw new IllegalArgumentException("eta is " + eta + " (prox step: must be finite and > 0)");
    }
  }
}
