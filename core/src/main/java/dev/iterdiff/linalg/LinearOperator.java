package dev.iterdiff.linalg;

/**
 * A square linear operator v ↦ A v, matrix-free. Krylov solvers need only this; dense
 * solvers materialise it column by column when no matrix is at hand.
 */
@FunctionalInterface
public interface LinearOperator {

  /**
   * out = A v.
   *
   * @param v   length n. Not modified.
   * @param out length n. Modified.
   */
  void apply(double[] v, double[] out);
}
