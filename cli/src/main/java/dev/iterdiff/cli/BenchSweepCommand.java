package dev.iterdiff.cli;

import dev.iterdiff.linalg.Blas;
import dev.iterdiff.bench.SweepBenchmark;
import dev.iterdiff.bench.SweepBenchmark.Result;
import java.io.File;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code iterdiff bench sweep}: throughput of the sweep job (instances/s) in-process, on
 * local[1] and on local[2], for workloads of several instance sizes ({@link SweepBenchmark}:
 * interleaved rounds, paired overheads, Spark's empty-write floor), against the targets
 * local[2] ≥ 1.8 × local[1] and Spark overhead ≤ 10 % over the in-process loop; then one
 * large run (10⁵ instances by default) on local[2] with its time. A benchmark, not a test:
 * results go to BENCHMARKS.md.
 */
@Command(name = "sweep", mixinStandardHelpOptions = true,
    description = "Sweep throughput in-process vs Spark local[1] / local[2] (BENCHMARKS.md).")
public final class BenchSweepCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Option(names = "--instances", description = "Instances per timed run (default 10000).")
  int instances = 10_000;

  @Option(names = "--large", split = ",", description = "Instance counts of the large local[2] "
      + "runs, each timed on its own (default 100000,1000000); 0 skips them.")
  List<Integer> large = new ArrayList<>(List.of(100_000, 1_000_000));

  @Option(names = "--huge", description = "Also run 10^7 instances on local[2] (about 10 "
      + "minutes on a quiet 2-core machine; the driver's heap stays flat: streaming plan).")
  boolean huge;

  @Option(names = "--iterations", split = ",", description = "Gradient-descent iterations "
      + "per instance, one workload each (default 20,100,200).")
  List<Integer> iterations = new ArrayList<>(List.of(20, 100, 200));

  @Option(names = "--rounds", description = "Rounds; each starts a local[1] and a local[2] "
      + "session (default 3).")
  int rounds = 3;

  @Option(names = "--runs", description = "Paired (in-process, Spark) runs per workload and "
      + "session (default 2).")
  int runs = 2;

  @Option(names = "--partitions", description = "Partitions of the Spark job (default 0: the "
      + "job's default, one per core).")
  int partitions = 0;

  @Option(names = "--data", description = "LIBSVM data (default data-samples/diabetes.libsvm).")
  String data = "data-samples/diabetes.libsvm";

  @Override
  public Integer call() {
    if (instances < 1 || rounds < 0 || runs < 1 || large.stream().anyMatch(l -> l == null
        || l < 0) || partitions < 0
        || iterations.isEmpty() || iterations.stream().anyMatch(i -> i == null || i < 1)) {
      throw new BadInputException("--instances, --runs and every --iterations must "
          + "be >= 1, --rounds (0: only the large runs), --large and --partitions >= 0; got --instances " + instances
          + " --rounds " + rounds + " --runs " + runs + " --iterations " + iterations
          + " --large " + large + " --partitions " + partitions);
    }
    PrintWriter out = spec.commandLine().getOut();
    File scratch = new File("target/bench-sweep");
    SweepBenchmark.Settings s = new SweepBenchmark.Settings(data, instances, iterations, rounds,
        runs, partitions, scratch);
    out.printf(Locale.ROOT, "bench sweep: ridge on %s, gd, one-step + implicit, %d instances, "
        + "%d rounds x %d paired runs, partitions %s; BLAS %s, %d cores%n", data, instances,
        rounds, runs, partitions == 0 ? "one per core" : String.valueOf(partitions),
        Blas.backend(), Runtime.getRuntime().availableProcessors());
    out.flush();
    if (rounds > 0) {
      paired(s, out);
    }
    List<Integer> counts = new ArrayList<>(large.stream().filter(l -> l > 0).toList());
    if (huge) {
      counts.add(10_000_000);
    }
    for (int n : counts) {
      String before = loadAverage();
      double[] l = SweepBenchmark.single(s, n, iterations.get(0), 2);
      out.printf(Locale.ROOT, "large: %d instances, %d iterations, local[2]: rows %.2f s "
          + "(%.0f instances/s), job total %.2f s; load average %s -> %s%n", n,
          iterations.get(0), l[0], n / l[0], l[1], before, loadAverage());
      out.flush();
    }
    return 0;
  }

  /** The first three fields of /proc/loadavg, or "n/a". */
  private static String loadAverage() {
    try {
      String[] f = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg"))
          .trim().split("\\s+");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (java.io.IOException | RuntimeException e) {
      return "n/a";
    }
  }

  /** The interleaved in-process vs local[1] / local[2] rounds and their table. */
  private void paired(SweepBenchmark.Settings s, PrintWriter out) {
    List<double[]> floors = new ArrayList<>();
    List<SweepBenchmark.Samples> samples = SweepBenchmark.measure(s, floors, out);
    out.println();
    out.println(" iter  us/inst | in-proc 1t  local[1]  overhead | in-proc 2t  local[2]  "
        + "overhead | local[2]/local[1]  2t/1t");
    double floor1 = Double.NaN;
    for (SweepBenchmark.Samples m : samples) {
      Result r = SweepBenchmark.result(m, instances);
      out.printf(Locale.ROOT, "%5d %8.1f | %8.3f s %7.3f s %+8.1f %% | %8.3f s %7.3f s %+8.1f %% "
          + "| %17.2f %6.2f%n", r.iterations(), r.microsPerInstance(), r.inProcess1(),
          r.local1(), 100 * r.overhead1(), r.inProcess2(), r.local2(), 100 * r.overhead2(),
          r.speedup(), r.threadSpeedup());
    }
    for (int cores = 1; cores <= 2; cores++) {
      double[] f = floorsOf(floors, cores);
      double med = SweepBenchmark.median(f);
      if (cores == 1) {
        floor1 = med;
      }
      out.printf(Locale.ROOT, "empty-write floor local[%d]: median %.3f s (%d sessions, %.3f to "
          + "%.3f s)%n", cores, med, f.length, min(f), max(f));
    }
    out.printf(Locale.ROOT, "targets: local[2]/local[1] >= 1.8; overhead <= 10 %%. With %d "
        + "instances the floor alone is 10 %% of the work below %.0f us per instance.%n",
        instances, 1e6 * floor1 / (0.1 * instances));
    out.flush();
  }

  private static double[] floorsOf(List<double[]> floors, int cores) {
    return floors.stream().filter(f -> f[0] == cores).mapToDouble(f -> f[1]).toArray();
  }

  private static double min(double[] v) {
    return Arrays.stream(v).min().orElse(Double.NaN);
  }

  private static double max(double[] v) {
    return Arrays.stream(v).max().orElse(Double.NaN);
  }
}
