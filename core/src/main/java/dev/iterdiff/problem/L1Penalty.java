package dev.iterdiff.problem;

import dev.iterdiff.map.Checks;

/**
 * The ℓ₁ penalty g(x; τ) = Σⱼ τⱼ|xⱼ|, τ one threshold (length 1) or one per coordinate
 * (length n), from θ ({@link #fromTheta}) or fixed ({@link #fixed}). Its prox is soft
 * thresholding at ητⱼ:
 * <pre>
 *   prox(z)ⱼ = sign(zⱼ)·max(|zⱼ| − ητⱼ, 0),
 *   ∂prox/∂zⱼ = 1[|zⱼ| &gt; ητⱼ],      ∂prox(z)ⱼ/∂τⱼ = −η·sign(zⱼ)·1[|zⱼ| &gt; ητⱼ],
 * </pre>
 * (diagonal; a single τ sums the θ column over j). At a kink |zⱼ| = ητⱼ both derivatives are
 * taken as 0 (the element of the Clarke Jacobian [0, 1] that JAXopt's prox_lasso Jacobian and
 * the one-step paper use: the coordinate is treated as inactive). Domain of θ: finite, ≥ 0.
 */
public final class L1Penalty implements ProximalTerm {

  private final int n;
  private final int thetaLength;
  private final double[] fixed;

  private L1Penalty(int n, int thetaLength, double[] fixed) {
    Checks.positive("l1: dimension", n);
    this.n = n;
    this.thetaLength = thetaLength;
    this.fixed = fixed;
  }

  /**
   * τ = θ, of length 1 or n.
   *
   * @throws IllegalArgumentException on another length.
   */
  public static L1Penalty fromTheta(int n, int thetaLength) {
    if (thetaLength != 1 && thetaLength != n) {
      throw new IllegalArgumentException("theta: length " + thetaLength + ", expected 1 or " + n
          + " (l1: one threshold or one per coordinate)");
    }
    return new L1Penalty(n, thetaLength, null);
  }

  /**
   * A fixed τ ≥ 0; θ does not enter.
   *
   * @throws IllegalArgumentException if τ is negative or not finite.
   */
  public static L1Penalty fixed(int n, double tau) {
    if (!(tau >= 0) || !Double.isFinite(tau)) {
      throw new IllegalArgumentException("tau is " + tau + " (l1: must be finite and ≥ 0)");
    }
    return new L1Penalty(n, 0, new double[] {tau});
  }

  @Override
  public String name() {
    return "l1";
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
    return thetaLength;
  }

  @Override
  public void checkTheta(double[] theta) {
    if (fixed != null) {
      ProximalTerm.super.checkTheta(theta);
      return;
    }
    Checks.length("theta", theta, thetaLength);
    Checks.finite("theta", theta);
    for (int j = 0; j < theta.length; j++) {
      if (theta[j] < 0) {
        throw new IllegalArgumentException("theta[" + j + "] is " + theta[j]
            + " (l1: thresholds must be ≥ 0)");
      }
    }
  }

  private double tau(double[] theta, int j) {
    double[] t = fixed != null ? fixed : theta;
    return t.length == 1 ? t[0] : t[j];
  }

  @Override
  public double value(double[] x, double[] theta) {
    double s = 0;
    for (int j = 0; j < n; j++) {
      s += tau(theta, j) * Math.abs(x[j]);
    }
    return s;
  }

  @Override
  public void prox(double[] z, double[] theta, double eta, double[] out) {
    ProximalTerm.checkStep(eta);
    for (int j = 0; j < n; j++) {
      double t = eta * tau(theta, j);
      double a = Math.abs(z[j]);
      out[j] = a > t ? Math.copySign(a - t, z[j]) : 0.0;
    }
  }

  @Override
  public void proxJvpX(double[] z, double[] theta, double eta, double[] v, double[] out) {
    for (int j = 0; j < n; j++) {
      out[j] = Math.abs(z[j]) > eta * tau(theta, j) ? v[j] : 0.0;
    }
  }

  @Override
  public void proxVjpX(double[] z, double[] theta, double eta, double[] u, double[] out) {
    proxJvpX(z, theta, eta, u, out); // diagonal: symmetric
  }

  @Override
  public void proxJvpTheta(double[] z, double[] theta, double eta, double[] w, double[] out) {
    for (int j = 0; j < n; j++) {
      boolean active = fixed == null && Math.abs(z[j]) > eta * tau(theta, j);
      out[j] = active ? -eta * Math.signum(z[j]) * (w.length == 1 ? w[0] : w[j]) : 0.0;
    }
  }

  @Override
  public void proxVjpTheta(double[] z, double[] theta, double eta, double[] u, double[] out) {
    if (fixed != null) {
      return;
    }
    double sum = 0;
    for (int j = 0; j < n; j++) {
      double c = Math.abs(z[j]) > eta * tau(theta, j) ? -eta * Math.signum(z[j]) * u[j] : 0.0;
      if (thetaLength == 1) {
        sum += c;
      } else {
        out[j] = c;
      }
    }
    if (thetaLength == 1) {
      out[0] = sum;
    }
  }
}
