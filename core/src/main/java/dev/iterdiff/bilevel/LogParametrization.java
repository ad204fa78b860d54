package dev.iterdiff.bilevel;

import dev.iterdiff.map.Checks;

/**
 * Positivity by optimizing φ = log θ: θ = exp(φ), and by the chain rule
 * ∂/∂φ = θ ⊙ ∂/∂θ. Also the optional regularization of θ the outer objective may carry,
 * R(φ) = ½ρ‖φ‖² = ½ρ Σⱼ (log θⱼ)², whose gradient in φ is ρφ.
 */
public final class LogParametrization {

  private LogParametrization() {}

  /**
   * φ = log θ.
   *
   * @param theta positive, finite. Not modified.
   * @throws IllegalArgumentException naming the first entry ≤ 0 or non-finite.
   */
  public static double[] toLog(double[] theta) {
    double[] phi = new double[theta.length];
    for (int j = 0; j < theta.length; j++) {
      if (!(theta[j] > 0) || !Double.isFinite(theta[j])) {
        throw new IllegalArgumentException("theta[" + j + "] = " + theta[j]
            + " is out of its domain: hyperparameters must be finite and > 0");
      }
      phi[j] = Math.log(theta[j]);
    }
    return phi;
  }

  /** out = exp(φ). out modified. */
  public static void toTheta(double[] phi, double[] out) {
    Checks.sameDim("phi vs theta", phi.length, out.length);
    for (int j = 0; j < phi.length; j++) {
      out[j] = Math.exp(phi[j]);
    }
  }

  /** out = θ ⊙ g (the gradient in φ from the gradient g in θ). out modified, may alias g. */
  public static void gradientToLog(double[] theta, double[] g, double[] out) {
    Checks.sameDim("theta vs gradient", theta.length, g.length);
    for (int j = 0; j < theta.length; j++) {
      out[j] = theta[j] * g[j];
    }
  }

  /** R(φ) = ½ρ‖φ‖². */
  public static double regularization(double rho, double[] phi) {
    double s = 0;
    for (double v : phi) {
      s += v * v;
    }
    return 0.5 * rho * s;
  }
}
