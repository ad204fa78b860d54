package dev.iterdiff.cli;

import dev.iterdiff.bench.HyperoptBenchmark;
import dev.iterdiff.spark.SparkSessions;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code iterdiff bench hyperopt}: Spark ML CrossValidator + ParamGridBuilder over regParam vs
 * iterdiff hypergradient descent, same rows, folds and objective (see
 * {@link HyperoptBenchmark}). Prints the BENCHMARKS.md table rows.
 */
@Command(name = "hyperopt", mixinStandardHelpOptions = true,
    description = "CrossValidator grid search vs hypergradient descent (BENCHMARKS.md).")
public final class BenchHyperoptCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Option(names = "--grid", defaultValue = "20", description = "regParam grid size.")
  int grid;

  @Option(names = "--folds", defaultValue = "5", description = "K of K-fold CV.")
  int folds;

  @Option(names = "--repeats", defaultValue = "3",
      description = "Timed repeats after one warm-up (the minimum is reported).")
  int repeats;

  @Override
  public Integer call() throws Exception {
    if (grid < 2 || folds < 2 || repeats < 1) {
      throw new BadInputException("--grid, --folds must be >= 2 and --repeats >= 1, got "
          + grid + ", " + folds + ", " + repeats);
    }
    PrintWriter out = spec.commandLine().getOut();
    out.println("| data | method | best CV loss | lambda / regParam | seconds | inner solves "
        + "| speed-up vs CrossValidator |");
    out.println("|---|---|---|---|---|---|---|");
    HyperoptBenchmark.run(SparkSessions.getOrCreate("iterdiff bench hyperopt"), grid, folds,
        repeats, out);
    return 0;
  }
}
