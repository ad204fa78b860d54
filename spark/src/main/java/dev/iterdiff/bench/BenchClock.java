package dev.iterdiff.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;

/**
 * What the benchmark calls a time. {@link #WALL}: elapsed time ({@code System.nanoTime}), what
 * a user waits for. {@link #CPU}: CPU time of the benchmark thread
 * ({@code ThreadMXBean.getCurrentThreadCpuTime}), which other processes on a loaded machine
 * barely disturb; it excludes garbage collection and JIT threads, so it slightly flatters
 * estimators that allocate. The benchmark runs single-threaded (OPENBLAS_NUM_THREADS=1), so
 * on a quiet machine both agree.
 */
public enum BenchClock {

  /** Elapsed time. */
  WALL,

  /** CPU time of the current thread. */
  CPU;

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  /** Now, in nanoseconds, on this clock (only differences are meaningful). */
  public long nanos() {
    return this == WALL ? System.nanoTime() : THREADS.getCurrentThreadCpuTime();
  }

  /**
   * @param name wall or cpu (case-insensitive).
   * @throws IllegalArgumentException naming the option and the value.
   */
  public static BenchClock parse(String name) {
    if (name != null) {
      switch (name.toLowerCase(Locale.ROOT)) {
        case "wall":
          return WALL;
        case "cpu":
          if (!THREADS.isCurrentThreadCpuTimeSupported()) {
            throw new IllegalArgumentException("--clock cpu: thread CPU time is not supported"
                + " by this JVM");
          }
          return CPU;
        default:
          break;
      }
    }
    throw new IllegalArgumentException("--clock: unknown clock '" + name
        + "' (expected wall or cpu)");
  }
}
