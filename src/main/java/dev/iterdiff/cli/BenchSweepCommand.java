package dev.iterdiff.cli;

import dev.iterdiff.linalg.Blas;
import dev.iterdiff.spark.SweepBenchmark;
import dev.iterdiff.spark.SweepBenchmark.Measurement;
import dev.iterdiff.spark.SweepConfig;
import java.io.File;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code iterdiff bench sweep}: throughput of the sweep job (instances/s) for small instances
 * in-process, on local[1] and on local[2] ({@link SweepBenchmark}), the speed-up of local[2]
 * over local[1] (target ≥ 1.8) and Spark's overhead over the in-process loop (target ≤ 10 %),
 * then one large run (10⁵ instances by default) on local[2] with its time. A benchmark, not a
 * test: results go to BENCHMARKS.md.
 */
@Command(name = "sweep", mixinStandardHelpOptions = true,
    description = "Sweep throughput in-process vs Spark local[1] / local[2] (BENCHMARKS.md).")
public final class BenchSweepCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Option(names = "--instances", description = "Instances per timed run (default 10000).")
  int instances = 10_000;

  @Option(names = "--large", description = "Instances of the large local[2] run; 0 skips it "
      + "(default 100000).")
  int large = 100_000;

  @Option(names = "--iterations", description = "Gradient-descent iterations per instance "
      + "(default 20).")
  int iterations = 20;

  @Option(names = "--repeats", description = "Timed runs per mode; the median is reported "
      + "(default 3).")
  int repeats = 3;

  @Option(names = "--data", description = "LIBSVM data (default data-samples/diabetes.libsvm).")
  String data = "data-samples/diabetes.libsvm";

  @Override
  public Integer call() {
    if (instances < 1 || repeats < 1 || iterations < 1 || large < 0) {
      throw new BadInputException("--instances, --repeats, --iterations must be >= 1 and "
          + "--large >= 0, got " + instances + ", " + repeats + ", " + iterations + ", " + large);
    }
    PrintWriter out = spec.commandLine().getOut();
    File scratch = new File("target/bench-sweep");
    SweepConfig c = SweepBenchmark.config(instances, iterations, data, new File(scratch, "run"));
    SweepConfig warm = SweepBenchmark.config(Math.min(instances, 1000), iterations, data,
        new File(scratch, "warmup"));
    out.printf(Locale.ROOT, "bench sweep: ridge on %s, gd %d iterations, one-step + implicit, "
        + "%d instances, median of %d; BLAS %s, %d cores%n", data, iterations, instances,
        repeats, Blas.backend(), Runtime.getRuntime().availableProcessors());
    out.flush();
    List<Measurement> m = new ArrayList<>();
    m.add(SweepBenchmark.inProcess(c, warm, repeats));
    print(out, m.get(0));
    for (String master : new String[] {"local[1]", "local[2]"}) {
      m.add(SweepBenchmark.spark(master, c, warm, repeats));
      print(out, m.get(m.size() - 1));
    }
    double speedup = m.get(2).throughput() / m.get(1).throughput();
    double overhead = m.get(1).seconds() / m.get(0).seconds() - 1;
    out.printf(Locale.ROOT, "local[2] / local[1] = %.2f (target >= 1.8); Spark overhead "
        + "local[1] vs in-process = %+.1f %% (target <= 10 %%)%n", speedup, 100 * overhead);
    if (large > 0) {
      SweepConfig big = SweepBenchmark.config(large, iterations, data, new File(scratch, "large"));
      Measurement l = SweepBenchmark.spark("local[2]", big, warm, 1);
      print(out, l);
    }
    out.flush();
    return 0;
  }

  private static void print(PrintWriter out, Measurement m) {
    out.printf(Locale.ROOT, "%-11s %8d instances  %8.2f s  %9.0f instances/s  (job total "
        + "%.2f s)%n", m.mode(), m.instances(), m.seconds(), m.throughput(), m.totalSeconds());
    out.flush();
  }
}
