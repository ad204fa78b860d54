package dev.iterdiff.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code iterdiff bench}: the group of benchmarks (not tests). Each benchmark is a
 * subcommand that other packages add to the list below: {@code estimators} (cost of each
 * estimator as a ratio to the solve), {@code sweep} (instances/s in-process and on Spark),
 * {@code hyperopt}, {@code kernels} (dgemm, dpotrf GFLOP/s with the BLAS in use).
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Benchmarks: print cost ratios and throughput (see BENCHMARKS.md).",
    subcommands = {
        BenchEstimatorsCommand.class,
        BenchHyperoptCommand.class,
        BenchKernelsCommand.class,
        BenchDistillCommand.class,
        BenchSweepCommand.class,
        BenchSparseCommand.class,
    })
public final class BenchCommand implements Runnable {

  @Spec
  CommandSpec spec;

  @Override
  public void run() {
    String names = spec.subcommands().isEmpty() ? "none available yet"
        : "one of " + String.join(", ", spec.subcommands().keySet());
    throw new ParameterException(spec.commandLine(), "missing benchmark (" + names
        + "; see iterdiff bench --help)");
  }
}
