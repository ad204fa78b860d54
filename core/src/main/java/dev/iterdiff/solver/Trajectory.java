package dev.iterdiff.solver;

/**
 * The iterates s₀ … s_k of one solve and the step parameters t₀ … t_{k−1} (s_{i+1} =
 * F_{t_i}(s_i, θ)). Which states are stored is set by {@link Storage}; a state that is not
 * stored is recomputed from the nearest earlier stored one, or, when that is impossible
 * (LAST storage), the call throws.
 */
public interface Trajectory {

  /** k, the number of iterations taken. */
  int iterations();

  /** Dimension of a state. */
  int stateDim();

  /** t_i, the step parameter of iteration i (0 ≤ i < k). */
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
}
