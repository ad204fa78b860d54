package dev.iterdiff.solver;

/**
 * A solve that diverged: a non-finite state or residual, or a residual above
 * 10¹²·max(1, r₀), or a line search that found no decrease. Carries the solver name, the
 * iteration and the residual reached. A solver's {@code advance} throws it with iteration −1
 * (unknown); {@link Solve#run} rethrows it with the iteration filled in.
 */
public class DivergenceException extends RuntimeException {

  private final String solver;
  private final int iteration;
  private final double residual;
  private final String reason;

  /**
   * @param solver    solver name (gd, heavy-ball, newton).
   * @param iteration the iteration i whose state s_i diverged.
   * @param residual  ‖∇ₓf(x_i; θ)‖ there (may be NaN or infinite).
   * @param reason    what was detected.
   */
  public DivergenceException(String solver, int iteration, double residual, String reason) {
    super("solver " + solver + " diverged at iteration " + iteration + ": residual "
        + residual + " (" + reason + ")");
    this.solver = solver;
    this.iteration = iteration;
    this.residual = residual;
    this.reason = reason;
  }

  /** What was detected, e.g. "non-finite residual". */
  public String reason() {
    return reason;
  }

  /** Solver name. */
  public String solver() {
    return solver;
  }

  /** The iteration at which divergence was detected. */
  public int iteration() {
    return iteration;
  }

  /** The residual reached. */
  public double residual() {
    return residual;
  }
}
