package dev.iterdiff.spark.hyperopt;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Wall time per phase of a job (read, setup, evaluation, checkpoint, refit, output), for
 * {@code --verbose} and the benchmarks: each {@link #lap} books the time since the previous
 * lap to a named phase. Not thread-safe; one per run.
 */
final class PhaseClock {

  private final Map<String, Double> phases = new LinkedHashMap<>();
  private long last = System.nanoTime();

  /** Books the seconds since the last lap to {@code phase}. */
  void lap(String phase) {
    lap(phase, 0);
  }

  /**
   * Books the seconds since the last lap, less {@code excluded} (booked elsewhere with
   * {@link #add}), to {@code phase}.
   */
  void lap(String phase, double excluded) {
    long now = System.nanoTime();
    add(phase, (now - last) * 1e-9 - excluded);
    last = now;
  }

  /** Adds seconds to a phase without moving the clock. */
  void add(String phase, double seconds) {
    phases.merge(phase, seconds, Double::sum);
  }

  /** The phases so far, in order. */
  Map<String, Double> phases() {
    return new LinkedHashMap<>(phases);
  }
}
