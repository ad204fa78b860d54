package dev.iterdiff.solver;

/**
 * The iterates s₀ … s_k of one solve and the step records r₀ … r_{k−1} (s_{i+1} =
 * F_{r_i}(s_i, θ), see {@link IterativeSolver#iteration(double...)}). Which states are
 * stored is set by {@link Storage}; a state that is not stored is recomputed from the nearest
 * earlier stored one, or, when that is impossible (LAST storage), the call throws. Every
 * step record is kept (k · recordLength doubles).
 */
public interface Trajectory {

  /** k, the number of iterations taken. */
  int iterations();

  /** Dimension of a state. */
  int stateDim();

  /** The length of a step record (the solver's {@link IterativeSolver#recordLength}). */
  default int recordLength() {
    return 1;
  }

  /**
   * Copies r_i, the step record of iteration i (0 ≤ i &lt; k), into out. The default serves
   * trajectories whose records are the step alone; longer records override it.
   *
   * @param out length {@link #recordLength}. Modified.
   * @throws IndexOutOfBoundsException if i is not in 0 … k−1.
   */
  default void record(int i, double[] out) {
    out[0] = step(i);
  }

  /** t_i, entry 0 of the step record of iteration i (0 ≤ i &lt; k): the step size. */
  double step(int i);

  /** The storage policy of this trajectory. */
  Storage storage();

  /** Whether s_i is available without recomputation. */
  boolean isStored(int i);

  /**
   * Copies s_i (0 ≤ i ≤ k) into out, recomputing it from the nearest earlier stored state
   * when needed.
   *
   * @throws IllegalStateException if s_i is neither stored nor recomputable, naming i and
   *         the storage policy.
   */
  void state(int i, double[] out);

  /**
   * The first k iterations of this trajectory, as if the solve had stopped at k: equal,
   * bitwise, to the trajectory of a solve run for k iterations (the solve loop does not look
   * ahead). Needs FULL or CHECKPOINTED storage unless k is all of it.
   *
   * @param k 0 ≤ k ≤ {@link #iterations()}.
   * @return a view sharing this trajectory's states and records.
   * @throws IllegalArgumentException for k out of range or a LAST trajectory cut short.
   */
  default Trajectory prefix(int k) {
    return new PrefixTrajectory(this, k);
  }
}
