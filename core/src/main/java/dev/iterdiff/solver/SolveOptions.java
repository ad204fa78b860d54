package dev.iterdiff.solver;

/**
 * Options of a solve.
 *
 * @param maxIterations k: the solve runs exactly k iterations when {@code tolerance} is NaN.
 * @param tolerance     stop as soon as the solver's optimality measure (‖∇ₓf(x_i)‖ for
 *                      gradient-norm) is ≤ tolerance; NaN for no tolerance.
 * @param storage       which states to keep for differentiation.
 */
public record SolveOptions(int maxIterations, double tolerance, Storage storage) {

  public SolveOptions {
    if (maxIterations < 0) {
      throw new IllegalArgumentException("iterations must be >= 0, got " + maxIterations);
    }
    if (!Double.isNaN(tolerance) && !(tolerance > 0 && Double.isFinite(tolerance))) {
      throw new IllegalArgumentException("tol must be finite and > 0, got " + tolerance);
    }
    if (storage == null) {
      throw new IllegalArgumentException("storage: null");
    }
  }

  /** Exactly k iterations, keeping the given states. */
  public static SolveOptions iterations(int k, Storage storage) {
    return new SolveOptions(k, Double.NaN, storage);
  }
}
