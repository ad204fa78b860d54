package dev.iterdiff.problem;

import dev.iterdiff.map.DifferentiableMap;

/**
 * The proximal operator of a {@link ProximalTerm} at a fixed step η as a
 * {@link DifferentiableMap}: M(z, θ) = prox_{ηg}(z; θ), with the term's (generalized) Jacobian
 * products. What the proximal-gradient fixed point prox_{ηg}(x − η∇f) − x composes, and how the
 * tests check the products against central finite differences.
 */
public final class ProximalMap implements DifferentiableMap {

  private final ProximalTerm term;
  private final double eta;

  /**
   * @param term the term.
   * @param eta  the step, finite and &gt; 0.
   * @throws IllegalArgumentException on a bad step.
   */
  public ProximalMap(ProximalTerm term, double eta) {
    ProximalTerm.checkStep(eta);
    this.term = term;
    this.eta = eta;
  }

  @Override
  public int xDim() {
    return term.dim();
  }

  @Override
  public int thetaDim() {
    return term.thetaDim();
  }

  @Override
  public int outDim() {
    return term.dim();
  }

  @Override
  public void apply(double[] z, double[] theta, double[] out) {
    term.prox(z, theta, eta, out);
  }

  @Override
  public void jvpX(double[] z, double[] theta, double[] v, double[] out) {
    term.proxJvpX(z, theta, eta, v, out);
  }

  @Override
  public void vjpX(double[] z, double[] theta, double[] u, double[] out) {
    term.proxVjpX(z, theta, eta, u, out);
  }

  @Override
  public void jvpTheta(double[] z, double[] theta, double[] w, double[] out) {
    term.proxJvpTheta(z, theta, eta, w, out);
  }

  @Override
  public void vjpTheta(double[] z, double[] theta, double[] u, double[] out) {
    term.proxVjpTheta(z, theta, eta, u, out);
  }
}
