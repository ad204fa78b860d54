package dev.iterdiff.problem;

import dev.iterdiff.map.Checks;

/**
 * The penalty P(x; θ) = ½·Σⱼ θⱼ xⱼ² shared by ridge and logistic regression, with θ either one
 * value λ (θⱼ = λ for every j, so P = ½λ‖x‖²) or one value per feature (length p).
 *
 * <p>Its derivatives are diagonal: ∇ₓP = θ∘x, ∇²ₓP = diag θ, ∂_θ∇ₓP = diag x (per feature)
 * or the column x (single λ), and D_θ(∇²ₓP)[w] = diag w. All methods add into or overwrite
 * caller-owned arrays and allocate nothing.
 */
final class FeaturePenalty {

  private final String problem;
  private final int p;
  private final boolean single;

  /**
   * @param problem     problem name, for messages.
   * @param p           number of features.
   * @param thetaLength 1 (single λ) or p (one λ per feature).
   * @throws IllegalArgumentException if thetaLength is neither.
   */
  FeaturePenalty(String problem, int p, int thetaLength) {
    this.problem = problem;
    this.p = p;
    this.single = thetaLength == 1;
    if (thetaLength != 1 && thetaLength != p) {
      throw lengthError(thetaLength);
    }
  }

  private IllegalArgumentException lengthError(int length) {
    return new IllegalArgumentException("theta: length " + length + ", expected 1 or " + p
        + " (" + problem + ": one λ or one per feature)");
  }

  int thetaDim() {
    return single ? 1 : p;
  }

  /** θⱼ, honouring the single-λ broadcast. */
  double at(double[] theta, int j) {
    return single ? theta[0] : theta[j];
  }

  /** O(1) length guard used by every product. */
  void requireLength(double[] theta) {
    if (theta == null) {
      throw new IllegalArgumentException("theta: null, expected length " + thetaDim());
    }
    if (theta.length != thetaDim()) {
      if (theta.length == 1 || theta.length == p) {
        throw new IllegalArgumentException("theta: length " + theta.length + ", expected "
            + thetaDim() + " (this " + problem + " problem was built with "
            + (single ? "a single λ)" : "one λ per feature)"));
      }
      throw lengthError(theta.length);
    }
  }

  /** Length, finiteness and λⱼ ≥ 0, naming the index and value. */
  void check(double[] theta) {
    requireLength(theta);
    Checks.finite("theta", theta);
    for (int j = 0; j < theta.length; j++) {
      if (theta[j] < 0) {
        throw new IllegalArgumentException("theta[" + j + "] is " + theta[j] + " (" + problem
            + ": λ must be ≥ 0)");
      }
    }
  }

  /** ½·Σⱼ θⱼ xⱼ². */
  double value(double[] x, double[] theta) {
    double s = 0;
    for (int j = 0; j < p; j++) {
      s += at(theta, j) * x[j] * x[j];
    }
    return 0.5 * s;
  }

  /** out += θ∘v (the gradient when v = x, the Hessian action otherwise). out modified. */
  void addDiagonal(double[] theta, double[] v, double[] out) {
    for (int j = 0; j < p; j++) {
      out[j] += at(theta, j) * v[j];
    }
  }

  /** out[j + j·p] += θⱼ on a dense p×p column-major Hessian. out modified. */
  void addToHessian(double[] theta, double[] out) {
    for (int j = 0; j < p; j++) {
      out[j + j * p] += at(theta, j);
    }
  }

  /**
   * out = (∂_θ∇ₓP) w = x∘w (per feature) or w₀·x (single λ); the same formula gives
   * D_θ(∇²ₓP)[w] d with x replaced by d. out modified (overwritten).
   */
  void crossJvp(double[] x, double[] w, double[] out) {
    for (int j = 0; j < p; j++) {
      out[j] = x[j] * (single ? w[0] : w[j]);
    }
  }

  /**
   * out = (∂_θ∇ₓP)ᵀ u = x∘u (per feature) or (xᵀu) (single λ); with x replaced by d it is
   * ∂_θ(uᵀ∇²ₓP d). out modified (overwritten).
   */
  void crossVjp(double[] x, double[] u, double[] out) {
    if (single) {
      double s = 0;
      for (int j = 0; j < p; j++) {
        s += x[j] * u[j];
      }
      out[0] = s;
    } else {
      for (int j = 0; j < p; j++) {
        out[j] = x[j] * u[j];
      }
    }
  }

  /** min over j of θⱼ. */
  double min(double[] theta) {
    double m = Double.POSITIVE_INFINITY;
    for (double t : theta) {
      m = Math.min(m, t);
    }
    return m;
  }

  /** max over j of θⱼ. */
  double max(double[] theta) {
    double m = Double.NEGATIVE_INFINITY;
    for (double t : theta) {
      m = Math.max(m, t);
    }
    return m;
  }
}
