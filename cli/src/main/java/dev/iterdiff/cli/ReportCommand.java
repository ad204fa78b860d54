package dev.iterdiff.cli;

import dev.iterdiff.report.Reports;
import dev.iterdiff.spark.SparkSessions;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code iterdiff report OUTPUT_DIR}: writes {@code OUTPUT_DIR/report.html}, one self-contained
 * page (tables and PNG plots inline, no network) for a finished sweep, hyperopt, metalearn or
 * distill output ({@link Reports}). The jobs write the same page themselves unless told not to
 * ({@code --no-report}; config keys {@code sweep.output.report}, {@code hyperopt.report}).
 */
@Command(name = "report", mixinStandardHelpOptions = true,
    description = "Write report.html (tables and plots, self-contained) for a finished sweep, "
        + "hyperopt, metalearn or distill output directory.")
public final class ReportCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Parameters(index = "0", paramLabel = "OUTPUT_DIR",
      description = "The job's output directory (any Hadoop path).")
  String output;

  @Option(names = "--job", paramLabel = "NAME", description = "The outer-loop job that wrote "
      + "the output, for the page's title: hyperopt, metalearn or distill (default: found "
      + "from the files).")
  String jobName;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    if (System.getProperty("spark.ui.enabled") == null) {
      System.setProperty("spark.ui.enabled", "false"); // a few reads: no UI to look at
    }
    boolean existing = SparkSession.getDefaultSession().isDefined();
    SparkSession spark = SparkSessions.getOrCreate("iterdiff report");
    try {
      org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(output);
      if (!p.getFileSystem(spark.sparkContext().hadoopConfiguration()).exists(p)) {
        throw new BadInputException("report: output directory " + output + " does not exist");
      }
      String job = jobName;
      if (job == null) {
        job = guessJob(spark, output);
      }
      out.println("report: " + Reports.write(spark, output, job));
    } catch (IllegalArgumentException e) {
      throw new BadInputException(e.getMessage(), e);
    } finally {
      if (!existing) {
        spark.stop();
      }
    }
    return 0;
  }

  /** distill writes distilled.png; metalearn's metrics name meta_train; else hyperopt. */
  private static String guessJob(SparkSession spark, String output) throws IOException {
    if (dev.iterdiff.report.ReportFiles.exists(spark, output, "distilled.png")) {
      return "distill";
    }
    if (dev.iterdiff.report.ReportFiles.exists(spark, output, "metrics.json")
        && dev.iterdiff.report.ReportFiles.text(spark, output, "metrics.json")
            .contains("meta_train")) {
      return "metalearn";
    }
    return "hyperopt";
  }

  /**
   * After a job: writes its report when asked, printing where; a report that cannot be
   * written is a warning on {@code out} (the job's outputs are complete already).
   */
  static void afterJob(SparkSession spark, boolean report, String output, String job,
      PrintWriter out) {
    if (!report) {
      return;
    }
    try {
      out.println("report: " + Reports.write(spark, output, job));
    } catch (IOException | RuntimeException e) {
      out.println("warning: " + Reports.FILE + " not written under " + output + ": "
          + e.getMessage());
    }
    out.flush();
  }
}
