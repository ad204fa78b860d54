package dev.iterdiff.linalg;

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
}
