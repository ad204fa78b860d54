package dev.iterdiff.cli;

import dev.iterdiff.spark.config.DistillConfig;
import dev.iterdiff.spark.config.DistillSettings;
import dev.iterdiff.spark.distill.DistillBenchmark;
import java.io.File;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code iterdiff bench distill}: wall time of one dataset-distillation step by phase,
 * implicit vs unrolled-reverse, on each of the given local masters (see
 * {@link DistillBenchmark}). Prints the BENCHMARKS.md table rows.
 */
@Command(name = "distill", mixinStandardHelpOptions = true,
    description = "Distillation step cost: implicit vs unrolled, local[1] vs local[2] "
        + "(BENCHMARKS.md).")
public final class BenchDistillCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Option(names = "--config", defaultValue = "conf/distill-example.conf",
      description = "Distill job config (default: ${DEFAULT-VALUE}).")
  File config;

  @Option(names = "--set", description = "Override a config key (relative to distill.).")
  List<String> overrides;

  @Option(names = "--steps", defaultValue = "5", description = "Timed outer steps per master.")
  int steps;

  @Option(names = "--masters", defaultValue = "local[1],local[2]", split = ",",
      description = "Spark masters, one session each, in order (default: ${DEFAULT-VALUE}).")
  List<String> masters;

  @Override
  public Integer call() throws Exception {
    if (steps < 1) {
      throw new BadInputException("--steps must be >= 1, got " + steps);
    }
    DistillSettings s = DistillConfig.load(config, overrides, null);
    PrintWriter out = spec.commandLine().getOut();
    DistillBenchmark.run(s, masters, steps, out);
    return 0;
  }
}
