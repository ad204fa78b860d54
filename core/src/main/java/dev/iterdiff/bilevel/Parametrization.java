package dev.iterdiff.bilevel;

import java.io.Serializable;

/**
 * How the outer loop's variable φ maps to the hyperparameters θ = T(φ) the inner problems
 * see, and the feasible set φ is projected on after every step. The outer loop works on φ
 * only: it evaluates G(T(φ)), turns ∇_θG into ∇_φG = (∂T/∂φ)ᵀ∇_θG, steps and projects.
 * Registered in {@link Parametrizations#CATALOG}: {@code log} (θ = exp φ, positive
 * hyperparameters), {@code identity} (meta-parameters, images), {@code box} (θ = φ clipped to
 * [lo, hi], pixels). Implementations are immutable and Serializable (they travel in the
 * outer state and its checkpoint by name and bounds).
 */
public interface Parametrization extends Serializable {

  /** The catalog name ({@code log}, {@code identity}, {@code box}). */
  String name();

  /** Lower bound of φ (−∞ for none). */
  double lower();

  /** Upper bound of φ (+∞ for none). */
  double upper();

  /**
   * φ of a starting θ, projected on the feasible set.
   *
   * @param theta the starting hyperparameters. Not modified.
   * @return a new array.
   * @throws IllegalArgumentException naming the first entry outside the domain of T⁻¹.
   */
  double[] toPhi(double[] theta);

  /**
   * θ = T(φ).
   *
   * @param phi the outer variable. Not modified.
   * @param out length dim φ. Modified.
   */
  void toTheta(double[] phi, double[] out);

  /**
   * out = (∂T/∂φ)ᵀ g, the gradient in φ from the gradient g in θ.
   *
   * @param phi   the point. Not modified.
   * @param theta T(φ). Not modified.
   * @param g     ∇_θG. Not modified.
   * @param out   length dim φ. Modified; may alias g.
   */
  void gradientToPhi(double[] phi, double[] theta, double[] g, double[] out);

  /**
   * Projects φ on [lower, upper] entrywise, in place.
   *
   * @param phi Modified.
   */
  default void project(double[] phi) {
    for (int j = 0; j < phi.length; j++) {
      phi[j] = Math.min(upper(), Math.max(lower(), phi[j]));
    }
  }
}
