package dev.iterdiff.bilevel;

import dev.iterdiff.catalog.Catalog;
import dev.iterdiff.map.Checks;
import java.util.List;

/**
 * The catalog of parametrizations θ = T(φ) of the outer loop:
 * <ul>
 *   <li>{@code log}: θ = exp φ, ∇_φ = θ ⊙ ∇_θ, φ ∈ [lower, upper] (bounds on log θ) — positive
 *       hyperparameters (regularization weights, sample weights; Pedregosa 2016 optimizes
 *       log λ the same way);</li>
 *   <li>{@code identity}: θ = φ, unbounded — meta-parameters (iMAML's prior mean);</li>
 *   <li>{@code box}: θ = φ, φ projected on [lower, upper] after every step — pixels of
 *       distilled images (projected gradient).</li>
 * </ul>
 * A new parametrization is one class implementing {@link Parametrization} and one line in
 * {@link #CATALOG}.
 */
public final class Parametrizations {

  /** Every registered parametrization. */
  public static final Catalog<ParametrizationEntry> CATALOG = Catalog.of("parametrization",
      new ParametrizationEntry("log", "theta = exp(phi), phi in [lower, upper]: positive "
          + "hyperparameters", true, Log::new),
      new ParametrizationEntry("identity", "theta = phi, unbounded: meta-parameters, images",
          false, (lo, hi) -> new Identity()),
      new ParametrizationEntry("box", "theta = phi clipped to [lower, upper]: pixels", true,
          Box::new));

  /** The valid names. */
  public static final List<String> NAMES = CATALOG.names();

  private Parametrizations() {}

  /** {@code name} with bounds [lower, upper] on φ. */
  public static Parametrization create(String name, double lower, double upper) {
    return CATALOG.get(name).create(lower, upper);
  }

  /** θ = exp φ on [lower, upper]; {@link LogParametrization} does the arithmetic. */
  record Log(double lower, double upper) implements Parametrization {

    @Override
    public String name() {
      return "log";
    }

    @Override
    public double[] toPhi(double[] theta) {
      double[] phi = LogParametrization.toLog(theta);
      project(phi);
      return phi;
    }

    @Override
    public void toTheta(double[] phi, double[] out) {
      LogParametrization.toTheta(phi, out);
    }

    @Override
    public void gradientToPhi(double[] phi, double[] theta, double[] g, double[] out) {
      LogParametrization.gradientToLog(theta, g, out);
    }
  }

  /** θ = φ, no bounds. */
  record Identity() implements Parametrization {

    @Override
    public String name() {
      return "identity";
    }

    @Override
    public double lower() {
      return Double.NEGATIVE_INFINITY;
    }

    @Override
    public double upper() {
      return Double.POSITIVE_INFINITY;
    }

    @Override
    public double[] toPhi(double[] theta) {
      for (int j = 0; j < theta.length; j++) {
        if (!Double.isFinite(theta[j])) {
          throw new IllegalArgumentException("theta[" + j + "] = " + theta[j]
              + " is out of its domain: parameters must be finite");
        }
      }
      return theta.clone();
    }

    @Override
    public void toTheta(double[] phi, double[] out) {
      Checks.sameDim("phi vs theta", phi.length, out.length);
      System.arraycopy(phi, 0, out, 0, phi.length);
    }

    @Override
    public void gradientToPhi(double[] phi, double[] theta, double[] g, double[] out) {
      Checks.sameDim("theta vs gradient", theta.length, g.length);
      System.arraycopy(g, 0, out, 0, g.length);
    }

    @Override
    public void project(double[] phi) {
      // unbounded
    }
  }

  /**
   * θ = φ on [lower, upper]. The gradient is passed through unchanged (projected gradient:
   * the projection after the step keeps φ feasible).
   */
  record Box(double lower, double upper) implements Parametrization {

    @Override
    public String name() {
      return "box";
    }

    @Override
    public double[] toPhi(double[] theta) {
      for (int j = 0; j < theta.length; j++) {
        if (!(theta[j] >= lower && theta[j] <= upper)) {
          throw new IllegalArgumentException("theta[" + j + "] = " + theta[j]
              + " is out of its domain [" + lower + ", " + upper + "]");
        }
      }
      return theta.clone();
    }

    @Override
    public void toTheta(double[] phi, double[] out) {
      Checks.sameDim("phi vs theta", phi.length, out.length);
      System.arraycopy(phi, 0, out, 0, phi.length);
    }

    @Override
    public void gradientToPhi(double[] phi, double[] theta, double[] g, double[] out) {
      Checks.sameDim("theta vs gradient", theta.length, g.length);
      System.arraycopy(g, 0, out, 0, g.length);
    }
  }
}
