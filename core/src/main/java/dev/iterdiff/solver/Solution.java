package dev.iterdiff.solver;

/**
 * The result of one solve: what every estimator shares. The final state is s_k; x_k is its
 * first n entries.
 *
 * @param solver     the solver that produced it (its iteration maps are differentiated).
 * @param theta      θ, copied at the start of the solve.
 * @param trajectory the iterates and step records kept.
 * @param residual   the solver's optimality measure at s_k (‖∇ₓf(x_k; θ)‖ for gradient-norm;
 *                   see {@link #measure}).
 * @param converged  whether the tolerance was reached (true when no tolerance was set and k
 *                   iterations were run).
 * @param seconds    wall time of the solve.
 */
public record Solution(IterativeSolver solver, double[] theta, Trajectory trajectory,
    double residual, boolean converged, double seconds) {

  /** The optimality measure {@code residual} is a value of (the solver's). */
  public OptimalityMeasure measure() {
    return solver.optimalityMeasure();
  }

  /** k. */
  public int iterations() {
    return trajectory.iterations();
  }

  /** A fresh copy of the final state s_k. */
  public double[] finalState() {
    double[] s = new double[trajectory.stateDim()];
    trajectory.state(trajectory.iterations(), s);
    return s;
  }

  /** A fresh copy of x_k (the first n entries of s_k). */
  public double[] x() {
    double[] s = finalState();
    return java.util.Arrays.copyOf(s, solver.problem().dim());
  }
}
