package dev.iterdiff.cli;

import dev.iterdiff.problem.LabeledData;
import dev.iterdiff.spark.SparkSessions;
import dev.iterdiff.spark.config.MetalearnConfig;
import dev.iterdiff.spark.config.MetalearnSettings;
import dev.iterdiff.spark.metalearn.MetalearnJob;
import java.io.File;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code iterdiff metalearn --config conf/metalearn-example.conf [--set key=value]…
 * [--output DIR] [--resume]}: iMAML meta-learning of a softmax prior mean on N-way K-shot
 * tasks (issue 11). Config, data and tasks are checked before Spark starts.
 */
@Command(name = "metalearn", mixinStandardHelpOptions = true,
    description = "Meta-learning (iMAML, convex inner problem) on Spark.")
public final class MetalearnCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Mixin
  OuterJobOptions job;

  @Override
  public Integer call() throws Exception {
    MetalearnSettings s = MetalearnConfig.load(job.config, job.overrides, job.output);
    LabeledData data = MetalearnJob.read(s.data());
    MetalearnJob.tasks(s, data); // N, K + Q against the classes: refused before Spark starts
    PrintWriter out = spec.commandLine().getOut();
    MetalearnJob.Result r = MetalearnJob.run(SparkSessions.getOrCreate("iterdiff metalearn"),
        s, data, job.resume, job.stopAfter);
    if (!r.finished()) {
      out.printf("stopped after outer iteration %d (checkpoint in %s/checkpoint; continue with "
          + "--resume)%n", r.state().iteration, s.output());
      return 0;
    }
    for (Map.Entry<String, Object> e : r.metrics().entrySet()) {
      out.printf("%s = %s%n", e.getKey(), e.getValue());
    }
    out.printf("output: %s (trajectory/, trajectory.csv, theta.json, metrics.json, "
        + "trajectory.png)%n", s.output());
    ReportCommand.afterJob(SparkSessions.getOrCreate("iterdiff metalearn"), !job.noReport, s.output(), "metalearn", out);
    return 0;
  }
}
