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
 * fresh solve with the storage that estimator needs followed by the estimator call; the
 * first {@code warmup} rounds are discarded (JIT compilation, class loading, native library
 * loading) and the median of the remaining {@code repetitions} is reported. Interleaving
 * the runs round by round spreads slow drifts of the machine's load over all columns alike.
 *
 * <p>ratio = median over rounds of (solve_e + estimator_e) / median(solve_LAST(1)); the
 * estimator's own share is median(estimator_e) / median(solve_LAST(1)).
 */
public final class EstimatorBenchmark {

  /** Keeps one number of every product so the JIT cannot remove the work. */
  private static volatile double sink;

  private final int warmup;
  private final int repetitions;

  /**
   * @param warmup      rounds discarded, ≥ 0.
   * @param repetitions rounds measured, ≥ 1.
   */
  public EstimatorBenchmark(int warmup, int repetitions) {
    if (warmup < 0) {
      throw new IllegalArgumentException("warmup must be >= 0, got " + warmup);
    }
    if (repetitions < 1) {
      throw new IllegalArgumentException("repetitions must be >= 1, got " + repetitions);
    }
    this.warmup = warmup;
    this.repetitions = repetitions;
  }

  /** Measures every estimator of the case; a failing estimator gives a row with its error. */
  public List<BenchRow> measure(BenchCase c) {
    int e = c.estimators().size();
    double[] baseline = new double[repetitions];
    double[][] solve = new double[e][repetitions];
    double[][] estimate = new double[e][repetitions];
    double[][] total = new double[e][repetitions];
    double[][] last = new double[e][];
    String[] status = new String[e];
    Arrays.fill(status, "ok");
    int iterations = -1;
    for (int round = 0; round < warmup + repetitions; round++) {
      int slot = round - warmup;
      long t0 = System.nanoTime();
      Solution base = c.solve().apply(Storage.lastTwo());
      long t1 = System.nanoTime();
      iterations = base.iterations();
      sink += base.residual();
      if (slot >= 0) {
        baseline[slot] = millis(t1 - t0);
      }
      for (int j = 0; j < e; j++) {
        if (!"ok".equals(status[j])) {
          continue;
        }
        EstimatorRun run = c.estimators().get(j);
        try {
          long s0 = System.nanoTime();
          Solution sol = c.solve().apply(run.storage());
          long s1 = System.nanoTime();
          double[] product = run.run().apply(sol);
          long s2 = System.nanoTime();
          sink += product.length > 0 ? product[0] : 0;
          last[j] = product;
          if (slot >= 0) {
            solve[j][slot] = millis(s1 - s0);
            estimate[j][slot] = millis(s2 - s1);
            total[j][slot] = millis(s2 - s0);
          }
        } catch (RuntimeException ex) {
          status[j] = ex.getClass().getSimpleName() + ": " + ex.getMessage();
        }
      }
    }
    double base = median(baseline);
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
      double est = ok ? median(estimate[j]) : Double.NaN;
      double error = Double.NaN;
      if (ok && ref >= 0 && run.product().equals(c.estimators().get(ref).product())) {
        error = relativeDifference(last[j], last[ref]);
      }
      rows.add(new BenchRow(c.setting(), c.parametrization(), c.n(), c.m(), iterations,
          run.name(), run.product(), describe(run.storage()), base,
          ok ? median(solve[j]) : Double.NaN, est, ok ? median(total[j]) / base : Double.NaN,
          est / base, error, status[j]));
    }
    return rows;
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

  /** The median of the values (mean of the two middle ones for an even count). */
  static double median(double[] values) {
    double[] v = values.clone();
    Arrays.sort(v);
    int h = v.length / 2;
    return v.length % 2 == 1 ? v[h] : 0.5 * (v[h - 1] + v[h]);
  }

  /** LAST(1), LAST(10), FULL, CHECKPOINTED(√k). */
  static String describe(Storage s) {
    return switch (s.kind()) {
      case LAST -> "LAST(" + s.count() + ")";
      case FULL -> "FULL";
      case CHECKPOINTED -> "CHECKPOINTED(" + (s.count() == 0 ? "sqrt k" : s.count()) + ")";
    };
  }

  private static double millis(long nanos) {
    return nanos / 1e6;
  }
}
