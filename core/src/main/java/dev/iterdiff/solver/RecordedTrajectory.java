package dev.iterdiff.solver;

import dev.iterdiff.map.DifferentiableMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The {@link Trajectory} a {@link Solve} records, under one {@link Storage} policy.
 *
 * <ul>
 *   <li>FULL: every state, one array each.</li>
 *   <li>LAST(count): a ring of the last count + 1 states and the last count steps; older
 *       ones throw. Memory O(count·s) whatever the number of iterations.</li>
 *   <li>CHECKPOINTED(c): s₀, s_c, s_{2c}, … (c = count, or ⌈√maxIter⌉ when count = 0) and the
 *       last two states. A state between two checkpoints is recomputed by applying
 *       F_{r_j}(·, θ) ({@link IterativeSolver#iteration}) from the checkpoint before it; the
 *       whole segment is recomputed at once and kept, so a backward sweep over k states
 *       costs k applications in all and ≈ 2√k states of memory (Griewank's checkpointing,
 *       one level).</li>
 * </ul>
 *
 * The step records r₀ … r_{k−1} are kept in one array of k·L doubles (L = the solver's
 * record length), grown by doubling: no allocation per iteration. Recomputed states equal the
 * recorded ones bitwise: the solvers' {@code advance} and {@code apply} share one update
 * formula. Not thread-safe (recomputation uses the solver's workspaces).
 */
final class RecordedTrajectory implements Trajectory {

  private final IterativeSolver solver;
  private final double[] theta;
  private final int stateDim;
  private final Storage storage;
  private final int interval;
  private final int recordLength;
  private double[] records;
  private double[] scratchRecord;
  private int k = -1;
  private final List<double[]> stored = new ArrayList<>();
  private final double[][] ring;
  private double[][] segment;
  private int segmentStart = -1;

  /**
   * @param solver        the solver whose iteration maps recompute states.
   * @param theta         θ of the solve (kept by reference; the caller passes a copy).
   * @param storage       the policy.
   * @param maxIterations the solve's iteration budget (sets the default checkpoint interval).
   */
  RecordedTrajectory(IterativeSolver solver, double[] theta, Storage storage, int maxIterations) {
    this.solver = solver;
    this.theta = theta;
    this.stateDim = solver.stateDim();
    this.storage = storage;
    this.recordLength = solver.recordLength();
    if (recordLength < 1) {
      throw new IllegalArgumentException(solver.name() + ": step record length must be >= 1, "
          + "got " + recordLength);
    }
    this.records = new double[(storage.kind() == Storage.Kind.LAST ? storage.count() : 16)
        * recordLength];
    this.scratchRecord = new double[recordLength];
    switch (storage.kind()) {
      case LAST:
        ring = new double[storage.count() + 1][stateDim];
        interval = 0;
        break;
      case CHECKPOINTED:
        ring = new double[2][stateDim];
        interval = storage.count() > 0 ? storage.count()
            : Math.max(1, (int) Math.ceil(Math.sqrt(maxIterations)));
        break;
      default:
        ring = null;
        interval = 0;
    }
  }

  /** Records s₀. Not modified: s0. */
  void start(double[] s0) {
    k = 0;
    keep(0, s0);
  }

  /**
   * Records r_k and s_{k+1} = F_{r_k}(s_k, θ). Not modified: record, state.
   *
   * @param record length {@link #recordLength()}.
   */
  void append(double[] record, double[] state) {
    if (storage.kind() != Storage.Kind.LAST && (k + 1) * recordLength > records.length) {
      records = Arrays.copyOf(records, 2 * records.length);
    }
    // LAST: a ring of count records, so memory follows the storage, not k
    System.arraycopy(record, 0, records, slot(k) * recordLength, recordLength);
    k++;
    keep(k, state);
  }

  private void keep(int i, double[] state) {
    switch (storage.kind()) {
      case FULL:
        stored.add(state.clone());
        break;
      case LAST:
        System.arraycopy(state, 0, ring[i % ring.length], 0, stateDim);
        break;
      default:
        System.arraycopy(state, 0, ring[i % 2], 0, stateDim);
        if (i % interval == 0) {
          stored.add(state.clone());
        }
    }
  }

  @Override
  public int iterations() {
    return k;
  }

  @Override
  public int stateDim() {
    return stateDim;
  }

  @Override
  public int recordLength() {
    return recordLength;
  }

  @Override
  public double step(int i) {
    checkRecordIndex(i);
    return records[slot(i) * recordLength];
  }

  @Override
  public void record(int i, double[] out) {
    checkRecordIndex(i);
    if (out == null || out.length != recordLength) {
      throw new IllegalArgumentException("record out: length "
          + (out == null ? "null" : out.length) + " != " + recordLength);
    }
    System.arraycopy(records, slot(i) * recordLength, out, 0, recordLength);
  }

  /** Where record i lives in {@code records}: a ring of count slots for LAST, else i. */
  private int slot(int i) {
    return storage.kind() == Storage.Kind.LAST ? i % storage.count() : i;
  }

  private void checkRecordIndex(int i) {
    if (i < 0 || i >= k) {
      throw new IndexOutOfBoundsException("step index " + i + " out of range 0.." + (k - 1));
    }
    if (storage.kind() == Storage.Kind.LAST && i < k - storage.count()) {
      throw new IllegalStateException("step " + i + " is not stored: storage LAST(count="
          + storage.count() + ") keeps steps " + (k - storage.count()) + ".." + (k - 1));
    }
  }

  @Override
  public Storage storage() {
    return storage;
  }

  /** The checkpoint interval c (CHECKPOINTED), else 0. */
  int checkpointInterval() {
    return interval;
  }

  @Override
  public boolean isStored(int i) {
    checkIndex(i);
    switch (storage.kind()) {
      case FULL:
        return true;
      case LAST:
        return i >= k - storage.count();
      default:
        return i >= k - 1 || i % interval == 0;
    }
  }

  @Override
  public void state(int i, double[] out) {
    checkIndex(i);
    if (out == null || out.length != stateDim) {
      throw new IllegalArgumentException("out: length "
          + (out == null ? "null" : out.length) + " != " + stateDim);
    }
    switch (storage.kind()) {
      case FULL:
        System.arraycopy(stored.get(i), 0, out, 0, stateDim);
        return;
      case LAST:
        if (!isStored(i)) {
          throw new IllegalStateException("state " + i + " is not stored: storage LAST(count="
              + storage.count() + ") keeps states " + Math.max(0, k - storage.count()) + ".."
              + k + " of a " + k + "-iteration solve; use FULL or CHECKPOINTED storage");
        }
        System.arraycopy(ring[i % ring.length], 0, out, 0, stateDim);
        return;
      default:
        if (i >= k - 1) {
          System.arraycopy(ring[i % 2], 0, out, 0, stateDim);
        } else if (i % interval == 0) {
          System.arraycopy(stored.get(i / interval), 0, out, 0, stateDim);
        } else {
          System.arraycopy(recomputed(i), 0, out, 0, stateDim);
        }
    }
  }

  /** s_i from the segment cache, recomputing the segment of i from its checkpoint if needed. */
  private double[] recomputed(int i) {
    int start = (i / interval) * interval;
    if (segmentStart != start) {
      if (segment == null) {
        segment = new double[interval][stateDim];
      }
      segmentStart = -1;
      System.arraycopy(stored.get(start / interval), 0, segment[0], 0, stateDim);
      int end = Math.min(start + interval - 1, k - 2);
      for (int j = start; j < end; j++) {
        System.arraycopy(records, j * recordLength, scratchRecord, 0, recordLength);
        DifferentiableMap f = solver.iteration(scratchRecord);
        f.apply(segment[j - start], theta, segment[j - start + 1]);
      }
      segmentStart = start;
    }
    return segment[i - start];
  }

  private void checkIndex(int i) {
    if (i < 0 || i > k) {
      throw new IndexOutOfBoundsException("state index " + i + " out of range 0.." + k);
    }
  }
}
