package dev.iterdiff.diff;

/**
 * A result that is not a finite number — a Jacobian entry, a VJP / JVP (hypergradient)
 * entry, an outer loss — where it first appeared, e.g.
 * {@code "jacobian[3][0] = NaN (unrolled-forward)"}. Unrolled estimators on a long solve can
 * overflow (‖J_xF‖ ≥ 1 for k steps) while x stays finite; such an estimate is a failure, never
 * a result. A non-finite x is a {@link dev.iterdiff.solver.DivergenceException} of the solve.
 */
public class NonFiniteResultException extends ArithmeticException {

  /** @param message where and what, e.g. {@code "vjp[2] = Infinity (implicit)"}. */
  public NonFiniteResultException(String message) {
    super(message);
  }

  /**
   * Checks a column-major n×m matrix.
   *
   * @param what   its name, e.g. {@code "jacobian"}.
   * @param source who computed it (an estimator's name).
   * @param a      the entries, column-major. Not modified.
   * @param n      the row count.
   * @throws NonFiniteResultException naming the first non-finite entry [i][j] (column by
   *         column) and its value.
   */
  public static void requireFinite(String what, String source, double[] a, int n) {
    for (int k = 0; k < a.length; k++) {
      if (!Double.isFinite(a[k])) {
        throw new NonFiniteResultException(what + "[" + k % n + "][" + k / n + "] = " + a[k]
            + " (" + source + ")");
      }
    }
  }

  /**
   * Checks a vector.
   *
   * @throws NonFiniteResultException naming the first non-finite entry [i] and its value.
   */
  public static void requireFinite(String what, String source, double[] v) {
    for (int i = 0; i < v.length; i++) {
      if (!Double.isFinite(v[i])) {
        throw new NonFiniteResultException(what + "[" + i + "] = " + v[i] + " (" + source
            + ")");
      }
    }
  }

  /**
   * Checks a scalar.
   *
   * @throws NonFiniteResultException naming it and its value.
   */
  public static void requireFinite(String what, String source, double v) {
    if (!Double.isFinite(v)) {
      throw new NonFiniteResultException(what + " = " + v + " (" + source + ")");
    }
  }
}
