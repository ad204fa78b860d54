package dev.iterdiff.bilevel;

import java.io.Serializable;

/**
 * The state an outer optimizer carries from one evaluation to the next, immutable: the last
 * accepted point (anchor) with its value, gradient and inner tolerance, the step size (1/L
 * for HOAG), the inner tolerance ε of the next evaluation, and the optimizer's own vectors
 * (Adam's first and second moments) with its update count. The optimizer maps
 * (state, evaluation) to (state′, decision) and never changes a state in place.
 *
 * @param anchor    the last accepted point, or null before the first evaluation.
 * @param step      step size; NaN until the first evaluation sets it.
 * @param tolerance inner tolerance ε of the next evaluation (NaN: fixed iteration count).
 * @param moments   the optimizer's vectors, each of length dim φ (Adam: m, v; gd: none).
 *                  Copied in and out.
 * @param updates   the optimizer's update count (Adam's t).
 */
public record OptimizerState(Anchor anchor, double step, double tolerance, double[][] moments,
    int updates) implements Serializable {

  /**
   * An accepted point.
   *
   * @param phi       φ_a. Copied in and out.
   * @param gradient  ∇_φG(φ_a) (regularization included). Copied in and out.
   * @param value     G(φ_a) + R(φ_a).
   * @param tolerance the inner tolerance it was evaluated with.
   */
  public record Anchor(double[] phi, double[] gradient, double value, double tolerance)
      implements Serializable {

    /** @throws IllegalArgumentException if the vectors' lengths differ. */
    public Anchor {
      if (phi.length != gradient.length) {
        throw new IllegalArgumentException("anchor: phi has " + phi.length
            + " entries, gradient " + gradient.length);
      }
      phi = phi.clone();
      gradient = gradient.clone();
    }

    @Override
    public double[] phi() {
      return phi.clone();
    }

    @Override
    public double[] gradient() {
      return gradient.clone();
    }

    /** φ_a[j] without a copy. */
    public double phi(int j) {
      return phi[j];
    }

    /** ∇_φG(φ_a)[j] without a copy. */
    public double gradient(int j) {
      return gradient[j];
    }

    /** dim φ. */
    public int dim() {
      return phi.length;
    }
  }

  /** Copies the moments. */
  public OptimizerState {
    moments = copy(moments);
  }

  /** Before the first evaluation: no anchor, step unset, no moments. */
  public static OptimizerState initial(double tolerance) {
    return new OptimizerState(null, Double.NaN, tolerance, new double[0][], 0);
  }

  @Override
  public double[][] moments() {
    return copy(moments);
  }

  /** Value of the anchor, NaN without one. */
  public double anchorValue() {
    return anchor == null ? Double.NaN : anchor.value();
  }

  /** A copy with another step and inner tolerance. */
  public OptimizerState withStep(double step, double tolerance) {
    return new OptimizerState(anchor, step, tolerance, moments, updates);
  }

  /** A copy with another anchor. */
  public OptimizerState withAnchor(Anchor anchor) {
    return new OptimizerState(anchor, step, tolerance, moments, updates);
  }

  /** A copy with other moments and update count. */
  public OptimizerState withMoments(double[][] moments, int updates) {
    return new OptimizerState(anchor, step, tolerance, moments, updates);
  }

  private static double[][] copy(double[][] a) {
    double[][] c = new double[a.length][];
    for (int i = 0; i < a.length; i++) {
      c[i] = a[i].clone();
    }
    return c;
  }
}
