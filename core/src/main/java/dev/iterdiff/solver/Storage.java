package dev.iterdiff.solver;

/**
 * Which states of the trajectory a solve keeps, for the estimators that need them.
 *
 * <ul>
 *   <li>{@link Kind#LAST}: the last {@code count + 1} states (count ≥ 1): enough for one-step
 *       and implicit (count = 1) and for truncated(K) (count = K). Memory (count+1)·s.</li>
 *   <li>{@link Kind#FULL}: every state s₀ … s_k, for unrolled reverse. Memory (k+1)·s.</li>
 *   <li>{@link Kind#CHECKPOINTED}: every {@code count}-th state (count = 0 means ⌈√maxIter⌉)
 *       plus the last two; other states are recomputed from the nearest checkpoint with the
 *       recorded steps. Memory ≈ √k·s.</li>
 * </ul>
 *
 * The step parameters t₀ … t_{k−1} are kept for FULL and CHECKPOINTED (k doubles); LAST keeps
 * the last {@code count} of them, so its memory does not grow with k.
 */
public record Storage(Kind kind, int count) {

  /** The storage kinds. */
  public enum Kind { LAST, FULL, CHECKPOINTED }

  /** The last two states only (one-step, implicit). */
  public static Storage lastTwo() {
    return new Storage(Kind.LAST, 1);
  }

  /** Every state. */
  public static Storage full() {
    return new Storage(Kind.FULL, 0);
  }

  /** Every ⌈√maxIter⌉-th state. */
  public static Storage checkpointed() {
    return new Storage(Kind.CHECKPOINTED, 0);
  }

  public Storage {
    if (kind == null) {
      throw new IllegalArgumentException("storage kind: null");
    }
    if (kind == Kind.LAST && count < 1) {
      throw new IllegalArgumentException("storage LAST: count must be >= 1, got " + count);
    }
    if (count < 0) {
      throw new IllegalArgumentException("storage " + kind + ": count must be >= 0, got " + count);
    }
  }

  /**
   * The weakest storage that serves both this and {@code other}: FULL if either is; the
   * larger LAST; a checkpointed trajectory serves LAST(1) with its own interval, LAST(K &gt; 1)
   * or another checkpointed storage with the automatic interval ⌈√k⌉ (count 0) unless both
   * intervals agree.
   */
  public Storage join(Storage other) {
    if (kind == Kind.FULL || other.kind == Kind.FULL) {
      return full();
    }
    if (kind == Kind.LAST && other.kind == Kind.LAST) {
      return count >= other.count ? this : other;
    }
    if (kind == Kind.CHECKPOINTED && other.kind == Kind.CHECKPOINTED) {
      return count == other.count ? this : checkpointed();
    }
    Storage checkpointed = kind == Kind.CHECKPOINTED ? this : other;
    Storage last = kind == Kind.LAST ? this : other;
    return last.count <= 1 ? checkpointed : checkpointed();
  }
}
