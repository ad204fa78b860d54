package dev.iterdiff.optimality;

/**
 * An optimality condition whose implicit linear system can be restricted to an active set
 * (the support of a separable prox: ℓ1, elastic net, box). Implicit differentiation with the
 * automatic linear solver uses {@link #activeSet} when it is not null.
 */
public interface ActiveSetCondition extends OptimalityCondition {

  /**
   * The restricted system at (z, θ), or null when the condition has none there.
   *
   * @param z         the point, length xDim. Not modified.
   * @param theta     θ. Not modified.
   * @param tolerance relative tolerance of the restricted linear solves.
   */
  ActiveSetSystem activeSet(double[] z, double[] theta, double tolerance);

  /**
   * {@link #activeSet(double[], double[], double)} for {@code columns} expected right-hand
   * sides (the restricted system may then prefer a factorization to CG). The default ignores
   * the count.
   */
  default ActiveSetSystem activeSet(double[] z, double[] theta, double tolerance, int columns) {
    return activeSet(z, theta, tolerance);
  }
}
