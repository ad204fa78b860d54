package dev.iterdiff.cli;

import dev.iterdiff.spark.config.HyperoptConfig;
import dev.iterdiff.spark.hyperopt.HyperoptJob;
import dev.iterdiff.spark.config.HyperoptSettings;
import dev.iterdiff.spark.hyperopt.IndependentTunings;
import dev.iterdiff.spark.SparkSessions;
import java.io.File;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code iterdiff hyperopt --config conf/hyperopt-example.conf [--set key=value]… [--output DIR]
 * [--resume]}: distributed hypergradient descent (issue 4). Mode {@code folds} tunes θ by
 * K-fold cross validation with the folds solved on executors, checkpointing after every outer
 * step; mode {@code independent} runs many tunings (data sets × starts), each inside a task.
 * Prints the final θ and metrics; everything else is under the output path.
 */
@Command(name = "hyperopt", mixinStandardHelpOptions = true,
    description = "Hyperparameter optimization by hypergradient descent on Spark.")
public final class HyperoptCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Mixin
  OuterJobOptions job;

  @Override
  public Integer call() throws Exception {
    HyperoptSettings s = HyperoptConfig.load(job.config, job.overrides, job.output);
    PrintWriter out = spec.commandLine().getOut();
    SparkSession spark = SparkSessions.getOrCreate("iterdiff hyperopt");
    long started = java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime();
    double startup = (System.currentTimeMillis() - started) * 1e-3;
    if (s.mode().equals("independent")) {
      List<Row> rows = IndependentTunings.run(spark, s);
      out.printf("%d tunings; summary in %s/tunings-summary.csv%n", rows.size(), s.output());
      for (Row r : rows.subList(0, Math.min(rows.size(), 10))) {
        out.printf("  tuning %d (%s, start %d): validation %.6g, test %.6g, %d steps (%s)%n",
            r.getInt(0), r.getString(1), r.getInt(2), r.getDouble(5), r.getDouble(6),
            r.getInt(7), r.getString(8));
      }
      ReportCommand.afterJob(spark, s.report() && !job.noReport, s.output(), "hyperopt", out);
      return 0;
    }
    HyperoptJob.Result r = HyperoptJob.run(spark, s, job.resume, job.stopAfter);
    // --verbose (inherited from iterdiff): also the wall time of each phase
    var verbose = spec.findOption("--verbose");
    if (verbose != null && Boolean.TRUE.equals(verbose.getValue())) {
      StringBuilder b = new StringBuilder(String.format(java.util.Locale.ROOT,
          "phases (s): start %.2f", startup));
      double total = startup;
      for (Map.Entry<String, Double> e : r.phases().entrySet()) {
        b.append(String.format(java.util.Locale.ROOT, ", %s %.2f", e.getKey(), e.getValue()));
        total += e.getValue();
      }
      out.println(b.append(String.format(java.util.Locale.ROOT, "; total %.2f", total)));
    }
    if (!r.finished()) {
      out.printf("stopped after outer iteration %d (checkpoint in %s/checkpoint; continue with "
          + "--resume)%n", r.state().iteration, s.output());
      return 0;
    }
    out.printf("theta = %s%n", Arrays.toString(r.state().bestTheta()));
    for (Map.Entry<String, Object> e : r.metrics().entrySet()) {
      out.printf("%s = %s%n", e.getKey(), e.getValue());
    }
    boolean report = s.report() && !job.noReport;
    out.printf("output: %s (trajectory/, trajectory.csv, theta.json, metrics.json, "
        + "trajectory.png%s)%n", s.output(), report ? ", report.html" : "");
    ReportCommand.afterJob(spark, report, s.output(), "hyperopt", out);
    return 0;
  }
}
