package dev.iterdiff.bench;

import dev.iterdiff.solver.Solution;
import dev.iterdiff.solver.Storage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Times the estimators of one {@link BenchCase} against its solve, in one JVM.
 *
 * <p>Each round runs the baseline solve (LAST(1) storage) and then, for each estimator, a
 * fresh solve with the storage that estimator needs followed by the estimator call.
 * Interleaving the runs round by round spreads slow drifts of the machine's load over all
 * columns alike. Warm-up rounds (JIT compilation, class and native-library loading) run
 * until both {@code warmup} rounds and {@code minSeconds}/4 have passed, and are discarded;
 * then each estimator is called alone on one solution until {@value #ESTIMATOR_WARMUP_CALLS}
 * calls or {@code minSeconds}/2 have passed (none with {@code minSeconds} = 0): a solve runs its loop body hundreds of times per
 * round and is compiled within the first rounds, while an estimator's call path runs once per
 * round and would otherwise be timed in the interpreter or the first JIT tier (measured on
 * the lasso at p = 100: implicit 0.41 ms over 400 fresh solves vs 0.063 ms compiled) — a
 * long sweep runs it compiled;
 * measured rounds run until both {@code repetitions} rounds and {@code minSeconds} have
 * passed (at most {@link #MAX_ROUNDS}), so small, fast cases get many more rounds.
 *
 * <p>Reported: ratio = median(solve_e + estimator_e) / median(solve_LAST(1)); the
 * estimator's own share extra = median(estimator_e) / median(solve_LAST(1)); and the same
 * ratio from the fastest round of each, min(solve_e + estimator_e) / min(solve_LAST(1)).
 */
public final class EstimatorBenchmark {

  /** Estimator-only warm-up calls (see the class comment). */
  public static final int ESTIMATOR_WARMUP_CALLS = 6000;

  /** Cap on measured rounds. */
  public static final int MAX_ROUNDS = 200;

  /** Keeps one number of every product so the JIT cannot remove the work. */
  private static volatile double sink;

  private final int warmup;
  private final int repetitions;
  private final double minSeconds;
  private final BenchClock clock;

  /**
   * @param warmup      minimum rounds discarded, ≥ 0.
   * @param repetitions minimum rounds measured, ≥ 1 (at most {@link #MAX_ROUNDS}).
   * @param minSeconds  minimum measured wall time per case, ≥ 0 (warm-up: a quarter of it).
   * @param clock       what a time is: wall time, or this thread's CPU time.
   */
  public EstimatorBenchmark(int warmup, int repetitions, double minSeconds, BenchClock clock) {
    if (warmup < 0) {
      throw new IllegalArgumentException("warmup must be >= 0, got " + warmup);
    }
    if (repetitions < 1 || repetitions > MAX_ROUNDS) {
      throw new IllegalArgumentException("repetitions must be in [1, " + MAX_ROUNDS + "], got "
          + repetitions);
    }
    if (!(minSeconds >= 0) || !Double.isFinite(minSeconds)) {
      throw new IllegalArgumentException("min seconds must be finite and >= 0, got "
          + minSeconds);
    }
    this.warmup = warmup;
    this.repetitions = repetitions;
    this.minSeconds = minSeconds;
    if (clock == null) {
      throw new IllegalArgumentException("clock: null");
    }
    this.clock = clock;
  }

  /** Measures every estimator of the case; a failing estimator gives a row with its error. */
  public List<BenchRow> measure(BenchCase c) {
    int e = c.estimators().size();
    String[] status = new String[e];
    Arrays.fill(status, "ok");
    double[][] last = new double[e][];
    Rounds warm = new Rounds(e, MAX_ROUNDS);
    long start = System.nanoTime();
    while (warm.count < warmup || seconds(start) < minSeconds / 4) {
      round(c, clock, warm, status, last);
      if (warm.count == MAX_ROUNDS) {
        warm.count = 0;
      }
    }
    warmEstimators(c, status);
    Rounds measured = new Rounds(e, MAX_ROUNDS);
    start = System.nanoTime();
    while (measured.count < MAX_ROUNDS
        && (measured.count < repetitions || seconds(start) < minSeconds)) {
      round(c, clock, measured, status, last);
    }
    int n = measured.count;
    double base = median(measured.baseline, n);
    int ref = -1;
    for (int j = 0; j < e; j++) {
      if (c.estimators().get(j).name().equals(c.reference()) && "ok".equals(status[j])) {
        ref = j;
      }
    }
    List<BenchRow> rows = new ArrayList<>();
    for (int j = 0; j < e; j++) {
      EstimatorRun run = c.estimators().get(j);
      boolean ok = "ok".equals(status[j]);
      double est = ok ? median(measured.estimate[j], n) : Double.NaN;
      double error = Double.NaN;
      if (ok && ref >= 0 && run.product().equals(c.estimators().get(ref).product())) {
        error = relativeDifference(last[j], last[ref]);
      }
      rows.add(new BenchRow(c.setting(), c.parametrization(), c.n(), c.m(),
          measured.iterations, n, run.name(), run.product(), describe(run.storage()), base,
          ok ? median(measured.solve[j], n) : Double.NaN, est,
          ok ? median(measured.total[j], n) / base : Double.NaN, est / base,
          ok ? min(measured.total[j], n) / min(measured.baseline, n) : Double.NaN, error,
          status[j]));
    }
    return rows;
  }

  /** Calls each estimator alone on one solution (JIT warm-up of its call path). */
  private void warmEstimators(BenchCase c, String[] status) {
    if (!(minSeconds > 0)) {
      return; // no time budget: rounds only
    }
    for (int j = 0; j < status.length; j++) {
      if (!"ok".equals(status[j])) {
        continue;
      }
      EstimatorRun run = c.estimators().get(j);
      try {
        Solution sol = c.solve().apply(run.storage());
        long start = System.nanoTime();
        for (int call = 0; call < ESTIMATOR_WARMUP_CALLS && seconds(start) < minSeconds / 2;
            call++) {
          double[] product = run.run().apply(sol);
          sink += product.length > 0 ? product[0] : 0;
        }
      } catch (RuntimeException ex) {
        status[j] = ex.getClass().getSimpleName() + ": " + ex.getMessage();
      }
    }
  }

  /** One round: the baseline solve, then each estimator's solve and call. */
  private static void round(BenchCase c, BenchClock clock, Rounds r, String[] status,
      double[][] last) {
    int slot = r.count;
    long t0 = clock.nanos();
    Solution base = c.solve().apply(Storage.lastTwo());
    r.baseline[slot] = millis(clock.nanos() - t0);
    r.iterations = base.iterations();
    sink += base.residual();
    for (int j = 0; j < status.length; j++) {
      if (!"ok".equals(status[j])) {
        continue;
      }
      EstimatorRun run = c.estimators().get(j);
      try {
        long s0 = clock.nanos();
        Solution sol = c.solve().apply(run.storage());
        long s1 = clock.nanos();
        double[] product = run.run().apply(sol);
        long s2 = clock.nanos();
        sink += product.length > 0 ? product[0] : 0;
        last[j] = product;
        r.solve[j][slot] = millis(s1 - s0);
        r.estimate[j][slot] = millis(s2 - s1);
        r.total[j][slot] = millis(s2 - s0);
      } catch (RuntimeException ex) {
        status[j] = ex.getClass().getSimpleName() + ": " + ex.getMessage();
      }
    }
    r.count++;
  }

  /** Times of the rounds so far, in milliseconds. */
  private static final class Rounds {
    final double[] baseline;
    final double[][] solve;
    final double[][] estimate;
    final double[][] total;
    int count;
    int iterations = -1;

    Rounds(int estimators, int capacity) {
      baseline = new double[capacity];
      solve = new double[estimators][capacity];
      estimate = new double[estimators][capacity];
      total = new double[estimators][capacity];
    }
  }

  /** The median of the first n values (mean of the two middle ones for an even count). */
  static double median(double[] values, int n) {
    double[] v = Arrays.copyOf(values, n);
    Arrays.sort(v);
    int h = n / 2;
    return n % 2 == 1 ? v[h] : 0.5 * (v[h - 1] + v[h]);
  }

  /** The smallest of the first n values. */
  static double min(double[] values, int n) {
    double m = Double.POSITIVE_INFINITY;
    for (int i = 0; i < n; i++) {
      m = Math.min(m, values[i]);
    }
    return m;
  }

  /** ‖a − b‖₂/‖b‖₂ (NaN if the lengths differ or b = 0). */
  static double relativeDifference(double[] a, double[] b) {
    if (a == null || b == null || a.length != b.length) {
      return Double.NaN;
    }
    double diff = 0;
    double norm = 0;
    for (int i = 0; i < a.length; i++) {
      diff += (a[i] - b[i]) * (a[i] - b[i]);
      norm += b[i] * b[i];
    }
    return norm == 0 ? Double.NaN : Math.sqrt(diff / norm);
  }

  /** LAST(1), LAST(10), FULL, CHECKPOINTED(√k). */
  static String describe(Storage s) {
    return switch (s.kind()) {
      case LAST -> "LAST(" + s.count() + ")";
      case FULL -> "FULL";
      case CHECKPOINTED -> "CHECKPOINTED(" + (s.count() == 0 ? "sqrt k" : s.count()) + ")";
    };
  }

  private static double seconds(long start) {
    return (System.nanoTime() - start) * 1e-9;
  }

  private static double millis(long nanos) {
    return nanos / 1e6;
  }
}
