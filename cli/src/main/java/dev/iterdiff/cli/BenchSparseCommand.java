package dev.iterdiff.cli;

import dev.iterdiff.bench.BenchClock;
import dev.iterdiff.bench.MachineInfo;
import dev.iterdiff.bench.SparseHypergradientBenchmark;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code iterdiff bench sparse}: hypergradient / solve on a sparse text-like logistic problem
 * ({@link SparseHypergradientBenchmark}). A benchmark, not a test: it asserts nothing.
 */
@Command(name = "sparse", mixinStandardHelpOptions = true,
    description = "Sparse logistic (p = 1e5, 0.1 %% density by default): implicit hypergradient "
        + "by CG on Hessian-vector products as a ratio to the Newton-CG solve.")
public final class BenchSparseCommand implements Callable<Integer> {

  @Option(names = "--rows", paramLabel = "N", description = "Samples N (default: ${DEFAULT-VALUE}).")
  int rows = 5000;

  @Option(names = "--features", paramLabel = "P", description = "Features p (default: ${DEFAULT-VALUE}).")
  int features = 100_000;

  @Option(names = "--density", paramLabel = "D", description = "Stored entries per row / p "
      + "(default: ${DEFAULT-VALUE}).")
  double density = 0.001;

  @Option(names = "--reg-param", paramLabel = "LAMBDA", description = "Spark ML regParam (default: ${DEFAULT-VALUE}).")
  double regParam = 1e-3;

  @Option(names = "--rounds", paramLabel = "R", description = "Measured rounds after one warm-up "
      + "(default: ${DEFAULT-VALUE}).")
  int rounds = 5;

  @Option(names = "--clock", paramLabel = "wall|cpu", description = "wall or cpu (default: ${DEFAULT-VALUE}).")
  String clock = "cpu";

  @Option(names = "--seed", paramLabel = "S", description = "Data seed (default: ${DEFAULT-VALUE}).")
  long seed = 1;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    out.println("# iterdiff bench sparse");
    out.println("# " + MachineInfo.current().describe());
    out.println("# regParam " + regParam + ", density " + density + ", clock " + clock
        + ", median of " + rounds + " rounds");
    out.flush();
    SparseHypergradientBenchmark.Result r = SparseHypergradientBenchmark.run(rows, features,
        density, regParam, rounds, BenchClock.parse(clock), seed);
    out.println(SparseHypergradientBenchmark.HEADER);
    out.println(r.describe());
    out.flush();
    return 0;
  }
}
