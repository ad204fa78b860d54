package dev.iterdiff.problem;

import dev.iterdiff.map.Checks;
import java.util.Arrays;

/**
 * The scaled probability simplex Δ_r = {x : x ≥ 0, Σⱼ xⱼ = r} as an indicator, r fixed
 * ({@link #fixed}) or r = θ₀ ({@link #radiusFromTheta}). The prox for any η is the Euclidean
 * projection, computed exactly by sorting (Held, Wolfe &amp; Crowder 1974; Duchi et al. 2008,
 * Fig. 1; Condat 2016): with z sorted decreasingly into s,
 * <pre>
 *   ρ = max{k : s_k − (Σ_{i≤k} s_i − r)/k &gt; 0},   τ = (Σ_{i≤ρ} s_i − r)/ρ,   P(z) = max(z − τ, 0).
 * </pre>
 * On the support S = {j : zⱼ &gt; τ} the projection is z_S − τ with τ affine in z_S, so its
 * Jacobian is the face Jacobian (Blondel et al. 2021, §4; Martins &amp; Astudillo 2016):
 * <pre>
 *   ∂P/∂z = diag(1_S) − 1_S 1_Sᵀ/|S|   (symmetric),      ∂P/∂r = 1_S/|S|.
 * </pre>
 * A coordinate with zⱼ = τ exactly (a face boundary) is taken as outside S. O(n log n) per
 * call (the sort on a workspace copy; no allocation per call). Not thread-safe.
 */
public final class SimplexConstraint implements ProximalTerm {

  private final int n;
  private final double radius;
  private final boolean fromTheta;
  private final double[] sorted;

  private SimplexConstraint(int n, double radius, boolean fromTheta) {
    Checks.positive("simplex: dimension", n);
    this.n = n;
    this.radius = radius;
    this.fromTheta = fromTheta;
    this.sorted = new double[n];
  }

  /**
   * Σx = r fixed (r = 1: the probability simplex).
   *
   * @throws IllegalArgumentException if r is not finite and &gt; 0.
   */
  public static SimplexConstraint fixed(int n, double radius) {
    checkRadius("radius", radius);
    return new SimplexConstraint(n, radius, false);
  }

  /** Σx = θ₀, θ of length 1. */
  public static SimplexConstraint radiusFromTheta(int n) {
    return new SimplexConstraint(n, Double.NaN, true);
  }

  private static void checkRadius(String name, double r) {
    if (!(r > 0) || !Double.isFinite(r)) {
      throw new IllegalArgumentException(name + " is " + r + " (simplex: must be finite and > 0)");
    }
  }

  @Override
  public String name() {
    return "simplex";
  }

  @Override
  public int dim() {
    return n;
  }

  @Override
  public int thetaDim() {
    return fromTheta ? 1 : 0;
  }

  @Override
  public void checkTheta(double[] theta) {
    if (!fromTheta) {
      ProximalTerm.super.checkTheta(theta);
      return;
    }
    Checks.length("theta", theta, 1);
    checkRadius("theta[0]", theta[0]);
  }

  /** r: the fixed radius, or θ₀ when it comes from θ. */
  public double radius(double[] theta) {
    return fromTheta ? theta[0] : radius;
  }

  @Override
  public boolean contains(double[] x, double[] theta) {
    double r = radius(theta);
    double sum = 0;
    for (int j = 0; j < n; j++) {
      if (!(x[j] >= 0)) {
        return false;
      }
      sum += x[j];
    }
    return Math.abs(sum - r) <= 1e-12 * Math.max(1.0, r) * n;
  }

  @Override
  public double value(double[] x, double[] theta) {
    return contains(x, theta) ? 0.0 : Double.POSITIVE_INFINITY;
  }

  /** τ of the projection of z (sorting a workspace copy). */
  private double threshold(double[] z, double r) {
    System.arraycopy(z, 0, sorted, 0, n);
    Arrays.sort(sorted);
    double cumulative = 0;
    double tau = 0;
    for (int k = 1; k <= n; k++) {
      double s = sorted[n - k];
      cumulative += s;
      double t = (cumulative - r) / k;
      if (s - t > 0) {
        tau = t;
      }
    }
    return tau;
  }

  @Override
  public void prox(double[] z, double[] theta, double eta, double[] out) {
    ProximalTerm.checkStep(eta);
    Checks.length("z", z, n);
    double tau = threshold(z, radius(theta));
    for (int j = 0; j < n; j++) {
      out[j] = Math.max(z[j] - tau, 0.0);
    }
  }

  @Override
  public void proxJvpX(double[] z, double[] theta, double eta, double[] v, double[] out) {
    double tau = threshold(z, radius(theta));
    double sum = 0;
    int size = 0;
    for (int j = 0; j < n; j++) {
      if (z[j] > tau) {
        sum += v[j];
        size++;
      }
    }
    double mean = size == 0 ? 0.0 : sum / size;
    for (int j = 0; j < n; j++) {
      out[j] = z[j] > tau ? v[j] - mean : 0.0;
    }
  }

  @Override
  public void proxVjpX(double[] z, double[] theta, double eta, double[] u, double[] out) {
    proxJvpX(z, theta, eta, u, out); // the face Jacobian is symmetric
  }

  @Override
  public void proxJvpTheta(double[] z, double[] theta, double eta, double[] w, double[] out) {
    if (!fromTheta) {
      ProximalTerm.super.proxJvpTheta(z, theta, eta, w, out);
      return;
    }
    double tau = threshold(z, theta[0]);
    int size = 0;
    for (int j = 0; j < n; j++) {
      size += z[j] > tau ? 1 : 0;
    }
    for (int j = 0; j < n; j++) {
      out[j] = z[j] > tau ? w[0] / size : 0.0;
    }
  }

  @Override
  public void proxVjpTheta(double[] z, double[] theta, double eta, double[] u, double[] out) {
    if (!fromTheta) {
      return;
    }
    double tau = threshold(z, theta[0]);
    double sum = 0;
    int size = 0;
    for (int j = 0; j < n; j++) {
      if (z[j] > tau) {
        sum += u[j];
        size++;
      }
    }
    out[0] = sum / size;
  }
}
