package dev.iterdiff.check;

import org.hipparchus.CalculusFieldElement;

/**
 * A scalar objective f(x, θ) written once, generically over Hipparchus'
 * {@link CalculusFieldElement}; {@link AdProblem} turns it into a
 * {@link dev.iterdiff.problem.Problem} whose gradient, Hessian products, cross products and
 * third-order products all come from forward-mode automatic differentiation. It is the
 * reference every hand-written problem is tested against, and a way to try a new objective
 * before writing its derivatives by hand.
 *
 * <p>Implementations must use only field operations on the arguments (no conversion to
 * double and back), or the derivatives are silently lost.
 */
public interface FieldObjective {

  /** Name, for messages and the Problem's {@code name()}. */
  String name();

  /** n = dim x. */
  int dim();

  /** m = dim θ. */
  int thetaDim();

  /**
   * f(x, θ).
   *
   * @param x     length n. Not modified.
   * @param theta length m. Not modified.
   */
  <T extends CalculusFieldElement<T>> T value(T[] x, T[] theta);
}
