package dev.iterdiff.cli;

import java.io.File;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The options every outer-loop job shares (hyperopt, metalearn, distill), as a picocli mixin:
 * the config, its overrides, the output, resuming from the checkpoint, and a hidden stop for
 * the interruption tests. Keys of {@code --set} are relative to the job's top-level object
 * ({@code hyperopt.}, {@code metalearn.}, {@code distill.}).
 */
final class OuterJobOptions {

  @Option(names = "--config", required = true, description = "HOCON job config.")
  File config;

  @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override a config key "
      + "(relative to the job's top-level key, e.g. outer.max-iterations=20), HOCON value. "
      + "Repeatable.")
  List<String> overrides;

  @Option(names = "--output", description = "Output directory (overrides the config's output).")
  String output;

  @Option(names = "--resume", description = "Continue from the checkpoint under the output.")
  boolean resume;

  @Option(names = "--no-report", description = "Do not write report.html (the HTML page of "
      + "tables and plots) beside the outputs; hyperopt's config key: report = false.")
  boolean noReport;

  @Option(names = "--stop-after", hidden = true, defaultValue = "2147483647",
      description = "Stop after this many outer steps in this run (simulates an interruption).")
  int stopAfter;
}
