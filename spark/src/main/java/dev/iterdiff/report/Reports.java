package dev.iterdiff.report;

import java.io.IOException;
import org.apache.spark.sql.SparkSession;

/**
 * {@code report.html} for a job's output directory, the kind told by the files in it: a sweep
 * ({@code summary.json} and {@code results/}: {@link SweepReport}) or an outer loop — hyperopt,
 * metalearn, distill ({@code trajectory.csv} or {@code tunings-summary.csv}:
 * {@link TrajectoryReport}). The jobs call {@link #write} after publishing their output;
 * {@code iterdiff report DIR} calls it on any finished output.
 */
public final class Reports {

  /** The report's file name, beside the output's other files. */
  public static final String FILE = "report.html";

  private Reports() {}

  /**
   * The kind of output in {@code output}: "sweep" or "outer-loop".
   *
   * @throws IllegalArgumentException if it holds neither (naming the directory and what
   *         was looked for).
   */
  public static String kind(SparkSession spark, String output) throws IOException {
    if (ReportFiles.exists(spark, output, "summary.json")
        && ReportFiles.exists(spark, output, "results")) {
      return "sweep";
    }
    if (ReportFiles.exists(spark, output, "trajectory.csv")
        || ReportFiles.exists(spark, output, "tunings-summary.csv")) {
      return "outer-loop";
    }
    throw new IllegalArgumentException("report: " + output + " holds neither a sweep's output "
        + "(summary.json and results/) nor a finished hyperopt, metalearn or distill output "
        + "(trajectory.csv or tunings-summary.csv)");
  }

  /**
   * Writes {@code output/report.html}.
   *
   * @param job the job's name for an outer loop ("hyperopt", "metalearn", "distill"); null
   *            to take it from the output.
   * @return the written file's qualified path.
   */
  public static String write(SparkSession spark, String output, String job) throws IOException {
    String kind = kind(spark, output);
    String html = kind.equals("sweep") ? SweepReport.html(spark, output)
        : TrajectoryReport.html(spark, output, job == null ? "outer loop" : job);
    return ReportFiles.write(spark, output, FILE, html);
  }
}
