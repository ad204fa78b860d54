package dev.iterdiff.cli;

import dev.iterdiff.bench.KernelBenchmark;
import dev.iterdiff.bench.MachineInfo;
import dev.iterdiff.linalg.NativeBlas;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code iterdiff bench kernels}: dgemm and dpotrf at size n in GFLOP/s through the BLAS and
 * LAPACK the library uses (the bundled OpenBLAS by default; {@code ITERDIFF_BLAS=java} for the
 * Java fallback), wall and CPU clocks. A benchmark, not a test: it asserts nothing.
 */
@Command(name = "kernels", mixinStandardHelpOptions = true,
    description = "Dense kernels (dgemm, dpotrf) in GFLOP/s on one thread, with the BLAS in use.")
public final class BenchKernelsCommand implements Callable<Integer> {

  @Option(names = "--size", paramLabel = "N",
      description = "Matrix size (default: ${DEFAULT-VALUE}).")
  int size = 1000;

  @Option(names = "--repetitions", description = "Measured calls (default: ${DEFAULT-VALUE}).")
  int repetitions = 9;

  @Option(names = "--warmup", description = "Discarded calls (default: ${DEFAULT-VALUE}).")
  int warmup = 3;

  @Option(names = "--seed", description = "Data seed (default: ${DEFAULT-VALUE}).")
  long seed = 1;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    out.println("# iterdiff bench kernels");
    out.println("# BLAS " + NativeBlas.describe());
    out.println("# " + MachineInfo.current().describe());
    out.println("# n = " + size + ", warmup " + warmup + ", median of " + repetitions);
    out.flush();
    List<KernelBenchmark.Row> rows = KernelBenchmark.run(size, warmup, repetitions, seed);
    out.println(KernelBenchmark.HEADER);
    rows.forEach(r -> out.println(r.describe()));
    out.flush();
    return 0;
  }
}
