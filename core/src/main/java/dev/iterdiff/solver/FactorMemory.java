package dev.iterdiff.solver;

/**
 * How many bytes of factorizations a solver keeps for a reverse pass ({@link
 * IterativeSolver#retainPoints}: a solve that stores its whole trajectory, for unrolled
 * reverse, keeps the factors of its steps as reverse-mode autodiff keeps the forward pass's,
 * instead of forming them again). One bound per solver instance, sized so that one solve per
 * core together hold at most an eighth of the heap: maxHeap / (8 · cores), within [64 MiB,
 * 1 GiB]. With the default heap of this 24 GiB, 2-core machine (6 GiB) 384 MiB — every factor
 * of the one-step paper's QP at n = 1000 (12.5 MB each, 18 steps), where 64 MiB made the
 * reverse pass form 13 of 18 again (unrolled-reverse at 2 × the solve); in a 1 GiB executor
 * 64 MiB as before. Cores are the JVM's available processors, at least an executor's task
 * slots.
 */
public final class FactorMemory {

  /** The bound for this JVM. */
  public static final long RETAINED_BYTES = bound(Runtime.getRuntime().maxMemory(),
      Runtime.getRuntime().availableProcessors());

  private static final long MIN = 64L << 20;
  private static final long MAX = 1L << 30;

  private FactorMemory() {}

  /** maxHeap / (8 · cores) within [64 MiB, 1 GiB]. */
  static long bound(long maxHeap, int cores) {
    return Math.max(MIN, Math.min(MAX, maxHeap / (8L * Math.max(1, cores))));
  }
}
