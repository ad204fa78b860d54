package dev.iterdiff.problem;

import dev.iterdiff.map.Checks;

/**
 * The elastic-net penalty g(x; τ) = τ₁‖x‖₁ + τ₂/2·‖x‖², τ = (τ₁, τ₂) from θ (length 2,
 * {@link #fromTheta}) or fixed ({@link #fixed}). Its prox is soft thresholding followed by a
 * shrinkage, with s = soft(z, ητ₁) = sign(z)·max(|z| − ητ₁, 0) and q = 1 + ητ₂:
 * <pre>
 *   prox(z)ⱼ = sⱼ / q,
 *   ∂prox/∂zⱼ = 1[|zⱼ| &gt; ητ₁] / q,
 *   ∂prox(z)ⱼ/∂τ₁ = −η·sign(zⱼ)·1[|zⱼ| &gt; ητ₁] / q,     ∂prox(z)ⱼ/∂τ₂ = −η·sⱼ / q².
 * </pre>
 * At a kink |zⱼ| = ητ₁ the coordinate is taken as inactive (derivatives 0 in zⱼ and τ₁), as
 * for {@link L1Penalty}. Domain of θ: finite, ≥ 0.
 */
public final class ElasticNetPenalty implements ProximalTerm {

  private final int n;
  private final double[] fixed;

  private ElasticNetPenalty(int n, double[] fixed) {
    Checks.positive("elastic-net: dimension", n);
    this.n = n;
    this.fixed = fixed;
  }

  /** τ = θ = (τ₁, τ₂). */
  public static ElasticNetPenalty fromTheta(int n) {
    return new ElasticNetPenalty(n, null);
  }

  /**
   * Fixed τ₁, τ₂ ≥ 0; θ does not enter.
   *
   * @throws IllegalArgumentException if either is negative or not finite.
   */
  public static ElasticNetPenalty fixed(int n, double l1, double l2) {
    double[] t = {l1, l2};
    checkWeights(t);
    return new ElasticNetPenalty(n, t);
  }

  private static void checkWeights(double[] t) {
    Checks.finite("theta", t);
    for (int k = 0; k < 2; k++) {
      if (t[k] < 0) {
        throw new IllegalArgumentException("theta[" + k + "] is " + t[k]
            + " (elastic-net: l1 and l2 weights must be ≥ 0)");
      }
    }
  }

  @Override
  public String name() {
    return "elastic-net";
  }

  /** True: ∂prox is diagonal. */
  @Override
  public boolean separable() {
    return true;
  }

  @Override
  public int dim() {
    return n;
  }

  @Override
  public int thetaDim() {
    return fixed == null ? 2 : 0;
  }

  @Override
  public void checkTheta(double[] theta) {
    if (fixed != null) {
      ProximalTerm.super.checkTheta(theta);
      return;
    }
    Checks.length("theta", theta, 2);
    checkWeights(theta);
  }

  private double[] tau(double[] theta) {
    return fixed != null ? fixed : theta;
  }

  @Override
  public double value(double[] x, double[] theta) {
    double[] t = tau(theta);
    double l1 = 0;
    double l2 = 0;
    for (int j = 0; j < n; j++) {
      l1 += Math.abs(x[j]);
      l2 += x[j] * x[j];
    }
    return t[0] * l1 + 0.5 * t[1] * l2;
  }

  @Override
  public void prox(double[] z, double[] theta, double eta, double[] out) {
    ProximalTerm.checkStep(eta);
    double[] t = tau(theta);
    double thr = eta * t[0];
    double q = 1 + eta * t[1];
    for (int j = 0; j < n; j++) {
      double a = Math.abs(z[j]);
      out[j] = a > thr ? Math.copySign(a - thr, z[j]) / q : 0.0;
    }
  }

  @Override
  public void proxJvpX(double[] z, double[] theta, double eta, double[] v, double[] out) {
    double[] t = tau(theta);
    double thr = eta * t[0];
    double q = 1 + eta * t[1];
    for (int j = 0; j < n; j++) {
      out[j] = Math.abs(z[j]) > thr ? v[j] / q : 0.0;
    }
  }

  @Override
  public void proxVjpX(double[] z, double[] theta, double eta, double[] u, double[] out) {
    proxJvpX(z, theta, eta, u, out); // diagonal: symmetric
  }

  @Override
  public void proxJvpTheta(double[] z, double[] theta, double eta, double[] w, double[] out) {
    if (fixed != null) {
      ProximalTerm.super.proxJvpTheta(z, theta, eta, w, out);
      return;
    }
    double thr = eta * theta[0];
    double q = 1 + eta * theta[1];
    for (int j = 0; j < n; j++) {
      double a = Math.abs(z[j]);
      out[j] = a > thr
          ? -eta * Math.signum(z[j]) * w[0] / q - eta * Math.copySign(a - thr, z[j]) * w[1] / (q * q)
          : 0.0;
    }
  }

  @Override
  public void proxVjpTheta(double[] z, double[] theta, double eta, double[] u, double[] out) {
    if (fixed != null) {
      return;
    }
    double thr = eta * theta[0];
    double q = 1 + eta * theta[1];
    double d1 = 0;
    double d2 = 0;
    for (int j = 0; j < n; j++) {
      double a = Math.abs(z[j]);
      if (a > thr) {
        d1 -= eta * Math.signum(z[j]) * u[j] / q;
        d2 -= eta * Math.copySign(a - thr, z[j]) * u[j] / (q * q);
      }
    }
    out[0] = d1;
    out[1] = d2;
  }
}
