package dev.iterdiff.linalg;

import java.util.Locale;

/**
 * A linear solve that failed: did not reach its tolerance, broke down, or met a singular /
 * non-positive-definite matrix. Carries the result reached so far; never replaced by zeros.
 */
public class LinearSolveException extends RuntimeException {

  private final transient LinearSolveResult result;

  public LinearSolveException(String message, LinearSolveResult result) {
    super(message);
    this.result = result;
  }

  /** The state reached when the solve failed (iterations and residual); may be null. */
  public LinearSolveResult result() {
    return result;
  }

  /** A number as the messages print it: {@code 3.2e-03}. */
  static String format(double v) {
    return String.format(Locale.ROOT, "%.1e", v);
  }

  /**
   * The standard "missed the tolerance" failure: "{method}: relative residual {r} > tol
   * {tol} after {k} {what} (n = {n})" with the result attached.
   */
  static LinearSolveException missedTolerance(String method, double residual, double tol,
      int iterations, String what, int n) {
    return missedTolerance(method, residual, tol, iterations, what, n, "");
  }

  /** As above, with {@code detail} (e.g. ", alpha = 0.5") appended inside the parentheses. */
  static LinearSolveException missedTolerance(String method, double residual, double tol,
      int iterations, String what, int n, String detail) {
    String msg = method + ": relative residual " + format(residual) + " > tol " + format(tol)
        + " after " + iterations + " " + what + " (n = " + n + detail + ")";
    return new LinearSolveException(msg,
        new LinearSolveResult(method, iterations, residual, tol, false));
  }
}
