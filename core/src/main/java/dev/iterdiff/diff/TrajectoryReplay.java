package dev.iterdiff.diff;

import dev.iterdiff.linalg.Blas;
import dev.iterdiff.map.DifferentiableMap;
import dev.iterdiff.solver.IterativeSolver;
import dev.iterdiff.solver.Solution;
import dev.iterdiff.solver.Trajectory;

/**
 * The two sweeps of unrolled differentiation over a recorded trajectory, on blocks of
 * vectors so that states recomputed from checkpoints are recomputed once for all columns.
 * F_i = solver.iteration(r_i) is the iteration map of step i (r_i its step record), applied
 * at s_i.
 *
 * <ul>
 *   <li>Forward (tangents): T_lo = 0, T_{i+1} = J_sF_i·T_i + J_θF_i·W, i = lo … k−1 (lo = 0
 *       for full unrolling, k − K truncated). States are read where stored and otherwise
 *       recomputed as s_{i+1} = F_i(s_i) with the recorded step, so only s₀ must be kept
 *       (storage-free forward mode).</li>
 *   <li>Reverse (adjoints): for i = k−1 … lo: G += J_θF_iᵀ·A; A ← J_sF_iᵀ·A. The stored
 *       states split [start, k) into segments; each segment is recomputed once into a buffer
 *       from its first (stored) state and swept backwards: with checkpoints every c
 *       iterations the memory is c·s and the extra work one forward pass, never O(k²).</li>
 * </ul>
 */
final class TrajectoryReplay {

  private TrajectoryReplay() {}

  /**
   * Forward tangent sweep over all k iterations.
   *
   * @param estimator  name for error messages.
   * @param solution   the solve. Not modified.
   * @param directions θ-directions W, r arrays of length m. Not modified.
   * @param tangents   r arrays of length s; zero on entry (J₀ = 0), T_k on exit. Modified.
   * @throws IllegalStateException if s₀ is not stored, naming the storage kept and required.
   */
  static void forward(String estimator, Solution solution, double[][] directions,
      double[][] tangents) {
    forward(estimator, solution, 0, "FULL or CHECKPOINTED", directions, tangents);
  }

  /**
   * Forward tangent sweep over iterations lo … k−1, with T_lo = 0 (s_lo treated as
   * independent of θ, as truncation does). States before lo are only replayed.
   *
   * @param lo       first iteration differentiated.
   * @param required the storage to suggest when states are missing.
   * @throws IllegalStateException if no state at or before s_lo is stored.
   */
  static void forward(String estimator, Solution solution, int lo, String required,
      double[][] directions, double[][] tangents) {
    Trajectory trajectory = solution.trajectory();
    int k = trajectory.iterations();
    if (lo >= k) {
      return;
    }
    int start = lo;
    while (start >= 0 && !trajectory.isStored(start)) {
      start--;
    }
    if (start < 0) {
      String what = lo == 0 ? "the initial state s_0" : "the states s_" + lo + " … s_" + (k - 1);
      throw new IllegalStateException(estimator + " needs " + what + " (k = " + k
          + ") but the solution kept storage " + describe(trajectory) + ": solve with storage "
          + required + " (see Estimators.requiredStorage)");
    }
    int s = trajectory.stateDim();
    double[] theta = solution.theta();
    double[] state = new double[s];
    double[] next = new double[s];
    double[] fromState = new double[s];
    double[] fromTheta = new double[s];
    IterationMaps maps = new IterationMaps(solution.solver(), trajectory);
    trajectory.state(start, state);
    for (int i = start; i < k; i++) {
      DifferentiableMap map = maps.get(i);
      if (i >= lo) {
        for (int c = 0; c < tangents.length; c++) {
          map.jvpX(state, theta, tangents[c], fromState);
          map.jvpTheta(state, theta, directions[c], fromTheta);
          double[] t = tangents[c];
          for (int e = 0; e < s; e++) {
            t[e] = fromState[e] + fromTheta[e];
          }
        }
      }
      if (i + 1 < k) {
        if (trajectory.isStored(i + 1)) {
          trajectory.state(i + 1, next);
        } else {
          map.apply(state, theta, next);
        }
        double[] swap = state;
        state = next;
        next = swap;
      }
    }
  }

  /**
   * Reverse adjoint sweep over iterations k−1 … lo.
   *
   * @param estimator name for error messages.
   * @param solution  the solve. Not modified.
   * @param lo        first iteration differentiated (0 for full unrolling, k−K truncated).
   * @param required  the storage to suggest when states are missing, e.g. "FULL or CHECKPOINTED".
   * @param adjoints  r arrays of length s: A on entry (u padded with zeros), J_s(s_k ← s_lo)ᵀA
   *                  on exit. The arrays may be replaced by others of the same length. Modified.
   * @param grads     r arrays of length m, zero on entry, the VJPs on exit. Modified.
   * @throws IllegalStateException if no state at or before s_lo is stored.
   */
  static void reverse(String estimator, Solution solution, int lo, String required,
      double[][] adjoints, double[][] grads) {
    Trajectory trajectory = solution.trajectory();
    int k = trajectory.iterations();
    if (lo >= k) {
      return;
    }
    int start = lo;
    while (start >= 0 && !trajectory.isStored(start)) {
      start--;
    }
    if (start < 0) {
      throw new IllegalStateException(estimator + " needs the states s_" + lo + " … s_"
          + (k - 1) + " (k = " + k + ") but the solution kept storage " + describe(trajectory)
          + ": solve with storage " + required + " (see Estimators.requiredStorage)");
    }
    int count = 0;
    for (int i = start; i < k; i++) {
      if (trajectory.isStored(i)) {
        count++;
      }
    }
    int[] stored = new int[count];
    int longest = 0;
    for (int i = start, q = 0; i < k; i++) {
      if (trajectory.isStored(i)) {
        stored[q] = i;
        if (q > 0) {
          longest = Math.max(longest, i - stored[q - 1]);
        }
        q++;
      }
    }
    longest = Math.max(longest, k - stored[count - 1]);
    int s = trajectory.stateDim();
    double[][] buffer = new double[longest][s];
    double[] theta = solution.theta();
    double[] spare = new double[s];
    double[] thetaPart = new double[theta.length];
    IterationMaps maps = new IterationMaps(solution.solver(), trajectory);
    for (int q = count - 1; q >= 0; q--) {
      int a = stored[q];
      int b = q + 1 < count ? stored[q + 1] : k;
      trajectory.state(a, buffer[0]);
      for (int i = a + 1; i < b; i++) {
        maps.get(i - 1).apply(buffer[i - 1 - a], theta, buffer[i - a]);
      }
      for (int i = b - 1; i >= Math.max(a, lo); i--) {
        DifferentiableMap map = maps.get(i);
        double[] state = buffer[i - a];
        for (int c = 0; c < adjoints.length; c++) {
          map.vjpTheta(state, theta, adjoints[c], thetaPart);
          Blas.axpy(1.0, thetaPart, grads[c]);
          map.vjpX(state, theta, adjoints[c], spare);
          double[] old = adjoints[c];
          adjoints[c] = spare;
          spare = old;
        }
      }
    }
  }

  /** "LAST(1) (states 9 … 10 of k = 10)" and the like. */
  static String describe(Trajectory trajectory) {
    var storage = trajectory.storage();
    String kind = storage.kind() + "(" + storage.count() + ")";
    int k = trajectory.iterations();
    int first = 0;
    while (first <= k && !trajectory.isStored(first)) {
      first++;
    }
    return first == 0 ? kind : kind + " (first stored state s_" + first + " of k = " + k + ")";
  }

  /**
   * F_{r_i} for the recorded step records, reusing the map while the record does not change
   * (a constant step: one map for the whole sweep).
   */
  static final class IterationMaps {
    private final IterativeSolver solver;
    private final Trajectory trajectory;
    private final double[] record;
    private final double[] current;
    private DifferentiableMap map;

    IterationMaps(IterativeSolver solver, Trajectory trajectory) {
      this.solver = solver;
      this.trajectory = trajectory;
      this.record = new double[trajectory.recordLength()];
      this.current = new double[record.length];
    }

    /** F_{r_i}, the map of iteration i (0 ≤ i &lt; k). */
    DifferentiableMap get(int i) {
      trajectory.record(i, record);
      if (map == null || !java.util.Arrays.equals(record, current)) {
        map = solver.iteration(record);
        System.arraycopy(record, 0, current, 0, record.length);
      }
      return map;
    }
  }
}
