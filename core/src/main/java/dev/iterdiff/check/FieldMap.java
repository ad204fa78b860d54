package dev.iterdiff.check;

import org.hipparchus.CalculusFieldElement;

/**
 * A user map y = M(x, θ) written once, generically over Hipparchus'
 * {@link CalculusFieldElement}, so that {@link ForwardModeMap} can evaluate it on plain
 * numbers ({@code Binary64}) and on forward-mode dual numbers ({@code Gradient},
 * {@code DerivativeStructure}) and obtain its four derivative products without hand-written
 * derivatives.
 *
 * <pre>{@code
 * FieldMap halfStep = new FieldMap() {
 *   public int xDim() { return 2; }  public int thetaDim() { return 1; }  public int outDim() { return 2; }
 *   public <T extends CalculusFieldElement<T>> void apply(T[] x, T[] theta, T[] out) {
 *     out[0] = x[0].subtract(theta[0].multiply(x[0].sin()));
 *     out[1] = x[1].multiply(theta[0].exp());
 *   }
 * };
 * DifferentiableMap m = new ForwardModeMap(halfStep);
 * }</pre>
 *
 * <p>Implementations must use only field operations on the arguments (no conversion to
 * double and back), or the derivatives are silently lost.
 */
public interface FieldMap {

  /** Dimension of x. */
  int xDim();

  /** Dimension of θ. */
  int thetaDim();

  /** Dimension of the output. */
  int outDim();

  /**
   * out = M(x, θ).
   *
   * @param x     length xDim. Not modified.
   * @param theta length thetaDim. Not modified.
   * @param out   length outDim; every entry must be assigned. Modified.
   */
  <T extends CalculusFieldElement<T>> void apply(T[] x, T[] theta, T[] out);
}
