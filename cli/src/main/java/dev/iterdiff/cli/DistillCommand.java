package dev.iterdiff.cli;

import dev.iterdiff.spark.SparkSessions;
import dev.iterdiff.spark.config.DistillConfig;
import dev.iterdiff.spark.config.DistillSettings;
import dev.iterdiff.spark.distill.DistillJob;
import java.io.File;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code iterdiff distill --config conf/distill-example.conf [--set key=value]… [--output DIR]
 * [--resume]}: dataset distillation (issue 11; the JAXopt paper's experiment) — synthetic
 * images learned by implicit (or unrolled) hypergradients, the outer loss reduced over the
 * partitions of the real training set. Prints the metrics; images, trajectory and checkpoint
 * are under the output path.
 */
@Command(name = "distill", mixinStandardHelpOptions = true,
    description = "Dataset distillation: learn synthetic images by hypergradient descent on "
        + "Spark.")
public final class DistillCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Mixin
  OuterJobOptions job;

  @Override
  public Integer call() throws Exception {
    DistillSettings s = DistillConfig.load(job.config, job.overrides, job.output);
    PrintWriter out = spec.commandLine().getOut();
    SparkSession spark = SparkSessions.getOrCreate("iterdiff distill");
    DistillJob.Result r = DistillJob.run(spark, s, job.resume, job.stopAfter);
    if (!r.finished()) {
      out.printf("stopped after outer iteration %d (checkpoint in %s/checkpoint; continue with "
          + "--resume)%n", r.state().iteration, s.output());
      return 0;
    }
    for (Map.Entry<String, Object> e : r.metrics().entrySet()) {
      out.printf("%s = %s%n", e.getKey(), e.getValue());
    }
    out.printf("output: %s (distilled.png, trajectory/, trajectory.csv, theta.json, "
        + "metrics.json, trajectory.png)%n", s.output());
    ReportCommand.afterJob(spark, !job.noReport, s.output(), "distill", out);
    return 0;
  }
}
