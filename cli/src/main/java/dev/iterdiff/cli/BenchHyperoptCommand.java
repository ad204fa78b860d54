package dev.iterdiff.cli;

import dev.iterdiff.bench.HyperoptBenchmark;
import dev.iterdiff.bench.MachineInfo;
import dev.iterdiff.bench.PipelineBenchmark;
import dev.iterdiff.spark.SparkSessions;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code iterdiff bench hyperopt}: Spark ML CrossValidator + ParamGridBuilder over regParam,
 * at Spark's defaults with parallelism = cores, vs iterdiff hypergradient descent, same rows,
 * folds and objective, every λ judged with tight fits on the same folds (see
 * {@link HyperoptBenchmark}); plus the whole {@code bin/iterdiff hyperopt} command timed.
 * A few minutes by default; {@code --full} adds the tight CrossValidator, warm-up fits and
 * the per-feature tuning. Prints the BENCHMARKS.md table rows.
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

  @Option(names = "--repeats", defaultValue = "1",
      description = "Timed repeats (the fastest is reported; default: ${DEFAULT-VALUE}).")
  int repeats;

  @Option(names = "--full", description = "Also CrossValidator with tol 1e-12 / maxIter 500, "
      + "a warm-up fit before each timed CrossValidator, and the per-feature tuning (long).")
  boolean full;

  @Option(names = "--launcher", paramLabel = "FILE", defaultValue = "bin/iterdiff",
      description = "Launcher whose whole `hyperopt` command is timed per data set "
          + "(default: ${DEFAULT-VALUE}).")
  Path launcher;

  @Option(names = "--no-command", description = "Do not time the whole hyperopt command.")
  boolean noCommand;

  @Option(names = "--pipeline", description = "The Spark ML stages instead: HypergradientTuner "
      + "vs CrossValidator at Spark's defaults, with intercept, on breast cancer, diabetes and "
      + "a sparse set with p = 10^4 (--folds 3 is a few minutes).")
  boolean pipeline;

  @Override
  public Integer call() throws Exception {
    if (grid < 2 || folds < 2 || repeats < 1) {
      throw new BadInputException("--grid, --folds must be >= 2 and --repeats >= 1, got "
          + grid + ", " + folds + ", " + repeats);
    }
    if (!noCommand && !Files.isExecutable(launcher)) {
      throw new BadInputException("--launcher " + launcher + ": not an executable file (run "
          + "from the repository root, or give --no-command)");
    }
    PrintWriter out = spec.commandLine().getOut();
    SparkSession spark = SparkSessions.getOrCreate("iterdiff bench hyperopt");
    if (pipeline) {
      out.println("# iterdiff bench hyperopt --pipeline");
      out.println("# " + MachineInfo.current().describe() + "; Spark " + spark.version() + ", "
          + spark.sparkContext().master() + ", load average at start " + loadAverage());
      out.println("| data | method | CV loss (tight fits, same folds) | regParam | seconds "
          + "| work | speed-up vs CrossValidator |");
      out.println("|---|---|---|---|---|---|---|");
      out.flush();
      PipelineBenchmark.run(spark, grid, folds, out);
      out.println("# load average at end " + loadAverage());
      out.flush();
      return 0;
    }
    out.println("# iterdiff bench hyperopt" + (full ? " --full" : ""));
    out.println("# " + MachineInfo.current().describe() + "; Spark " + spark.version() + ", "
        + spark.sparkContext().master() + ", load average at start " + loadAverage());
    out.println("| data | method | CV loss (tight fits, same folds) | lambda / regParam "
        + "| seconds | fits / inner solves | speed-up vs CrossValidator at defaults |");
    out.println("|---|---|---|---|---|---|---|");
    out.flush();
    HyperoptBenchmark.run(spark, new HyperoptBenchmark.Settings(grid, folds, repeats, full,
        noCommand ? null : launcher), out);
    out.println("# load average at end " + loadAverage());
    out.flush();
    return 0;
  }

  private static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }
}
