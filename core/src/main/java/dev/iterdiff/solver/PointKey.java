package dev.iterdiff.solver;

/**
 * A cache key by content: copies of the first n entries of x and of θ, compared exactly
 * (bitwise) in O(n + m). Solvers key their caches with it (the gradient of the last point,
 * Newton's factorization of the last Hessian) so that the residual, the next advance and
 * the products at the same point do not recompute what they share.
 */
final class PointKey {

  private final double[] x;
  private final double[] theta;
  private boolean valid;

  /**
   * @param n length of the x part that is compared.
   * @param m length of θ.
   */
  PointKey(int n, int m) {
    this.x = new double[n];
    this.theta = new double[m];
  }

  /** Whether (x[0..n), θ) equals the stored point, entry by entry (bitwise). */
  boolean matches(double[] point, double[] th) {
    if (!valid) {
      return false;
    }
    for (int i = 0; i < x.length; i++) {
      if (Double.doubleToRawLongBits(point[i]) != Double.doubleToRawLongBits(x[i])) {
        return false;
      }
    }
    for (int j = 0; j < theta.length; j++) {
      if (Double.doubleToRawLongBits(th[j]) != Double.doubleToRawLongBits(theta[j])) {
        return false;
      }
    }
    return true;
  }

  /** Stores copies of x[0..n) and θ. Not modified: point, th. */
  void store(double[] point, double[] th) {
    System.arraycopy(point, 0, x, 0, x.length);
    System.arraycopy(th, 0, theta, 0, theta.length);
    valid = true;
  }

  /** The stored x part (not to be modified). */
  double[] point() {
    return x;
  }

  /** The stored θ (not to be modified). */
  double[] theta() {
    return theta;
  }

  /** Whether a point is stored. */
  boolean isValid() {
    return valid;
  }

  /** Forgets the stored point (e.g. when the cached value could not be computed). */
  void invalidate() {
    valid = false;
  }
}
