package dev.iterdiff.bench;

import dev.iterdiff.linalg.Blas;
import dev.iterdiff.linalg.Lapack;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.netlib.util.intW;

/**
 * Dense kernels through the Blas/Lapack facade, in GFLOP/s: dgemm (C ← AB, 2n³ flops) and
 * dpotrf (Cholesky of an SPD matrix, n³/3 flops) at size n, on the calling thread. Each kernel
 * runs {@code warmup} discarded rounds, then {@code repetitions} measured ones; a row reports
 * the median on the wall clock and on this thread's CPU clock (equal on a quiet machine with
 * one OpenBLAS thread; the CPU figure is what other processes barely disturb). dpotrf's input
 * is copied before each round, outside the timed region. A benchmark: it asserts nothing.
 */
public final class KernelBenchmark {

  /**
   * One kernel's figures.
   *
   * @param kernel      dgemm or dpotrf.
   * @param n           matrix size.
   * @param wallMs      median wall-clock milliseconds per call.
   * @param cpuMs       median CPU milliseconds per call (this thread).
   * @param wallGflops  flops / wall time.
   * @param cpuGflops   flops / CPU time.
   */
  public record Row(String kernel, int n, double wallMs, double cpuMs, double wallGflops,
      double cpuGflops) {

    /** A Markdown table row: kernel, n, wall ms, wall GFLOP/s, CPU ms, CPU GFLOP/s. */
    public String describe() {
      return String.format(Locale.ROOT, "| %s | %d | %.1f | %.1f | %.1f | %.1f |", kernel, n,
          wallMs, wallGflops, cpuMs, cpuGflops);
    }
  }

  /** The Markdown header of {@link Row#describe()}. */
  public static final String HEADER =
      "| kernel | n | wall ms | wall GFLOP/s | CPU ms | CPU GFLOP/s |"
      + "\n|---|---:|---:|---:|---:|---:|";

  private KernelBenchmark() {}

  /**
   * @throws IllegalArgumentException if n &lt; 1, warmup &lt; 0 or repetitions &lt; 1.
   */
  public static List<Row> run(int n, int warmup, int repetitions, long seed) {
    if (n < 1 || warmup < 0 || repetitions < 1) {
      throw new IllegalArgumentException("kernel benchmark: need n >= 1, warmup >= 0, "
          + "repetitions >= 1, got n = " + n + ", warmup = " + warmup + ", repetitions = "
          + repetitions);
    }
    Random rnd = new Random(seed);
    double[] a = new double[n * n];
    double[] b = new double[n * n];
    for (int i = 0; i < a.length; i++) {
      a[i] = rnd.nextGaussian();
      b[i] = rnd.nextGaussian();
    }
    double[] c = new double[n * n];
    double[] spd = new double[n * n];
    Blas.gramian(n, n, 1.0 / n, a, 0, spd);
    for (int i = 0; i < n; i++) {
      spd[i + i * n] += 1;
    }
    double[] work = new double[n * n];
    List<Row> rows = new ArrayList<>();
    rows.add(time("dgemm", n, 2.0 * n * n * n, warmup, repetitions, () -> { },
        () -> Blas.gemm(false, false, n, n, n, 1, a, b, 0, c)));
    rows.add(time("dpotrf", n, (double) n * n * n / 3, warmup, repetitions,
        () -> System.arraycopy(spd, 0, work, 0, work.length), () -> {
          intW info = new intW(0);
          Lapack.netlib().dpotrf("L", n, work, n, info);
          if (info.val != 0) {
            throw new IllegalStateException("dpotrf: info = " + info.val);
          }
        }));
    return rows;
  }

  private static Row time(String kernel, int n, double flops, int warmup, int repetitions,
      Runnable setup, Runnable call) {
    double[] wall = new double[repetitions];
    double[] cpu = new double[repetitions];
    for (int r = -warmup; r < repetitions; r++) {
      setup.run();
      long w0 = BenchClock.WALL.nanos();
      long c0 = BenchClock.CPU.nanos();
      call.run();
      long c1 = BenchClock.CPU.nanos();
      long w1 = BenchClock.WALL.nanos();
      if (r >= 0) {
        wall[r] = (w1 - w0) / 1e6;
        cpu[r] = (c1 - c0) / 1e6;
      }
    }
    double w = median(wall);
    double c = median(cpu);
    return new Row(kernel, n, w, c, flops / w / 1e6, flops / c / 1e6);
  }

  private static double median(double[] x) {
    double[] s = x.clone();
    Arrays.sort(s);
    int m = s.length / 2;
    return s.length % 2 == 1 ? s[m] : (s[m - 1] + s[m]) / 2;
  }
}
