package dev.iterdiff.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.SparkSession;

/**
 * The HTML report of an outer-loop output — hyperopt, metalearn and distill all write
 * {@code trajectory.csv}, {@code theta.json} and {@code metrics.json}
 * ({@link dev.iterdiff.spark.hyperopt.HyperoptOutput}): the final metrics and θ as tables, the
 * trajectory figure ({@link TrajectoryPlot}: objective, its gap to the best value and the
 * hypergradient norm on log scales, θ per coordinate), the trajectory as a table (every step
 * up to {@value #STEPS}, then the last ones), and {@code distilled.png} when the output has it;
 * for hyperopt's independent mode, {@code tunings-summary.csv} as a table.
 */
public final class TrajectoryReport {

  /** Trajectory rows listed at most. */
  public static final int STEPS = 60;
  /** θ coordinates listed at most in the θ table. */
  public static final int THETA_CELLS = 24;

  private TrajectoryReport() {}

  /**
   * The page for an outer-loop output.
   *
   * @param kind the job ("hyperopt", "metalearn", "distill"), for the title.
   * @throws IOException if a file cannot be read or trajectory.csv is malformed (naming it).
   */
  public static String html(SparkSession spark, String output, String kind)
      throws IOException {
    HtmlPage page = new HtmlPage("iterdiff " + kind + ": " + output);
    page.note("Output " + output + "; regenerate with: iterdiff report " + output);
    if (ReportFiles.exists(spark, output, "tunings-summary.csv")) {
      Csv t = Csv.parse(ReportFiles.text(spark, output, "tunings-summary.csv"),
          ReportFiles.path(output, "tunings-summary.csv"));
      page.heading("Tunings");
      page.table("tunings", t.header(), t.cells(0, t.rows()));
      return page.html();
    }
    JsonNode metrics = ReportFiles.json(spark, output, "metrics.json");
    JsonNode theta = ReportFiles.json(spark, output, "theta.json");
    page.heading("Result");
    page.table("metrics", List.of("metric", "value"), ReportFiles.scalars(metrics));
    List<List<Object>> th = new ArrayList<>();
    for (var it = theta.fields(); it.hasNext();) {
      var e = it.next();
      if (e.getValue().isArray()) {
        int n = e.getValue().size();
        StringBuilder b = new StringBuilder();
        for (int j = 0; j < Math.min(n, THETA_CELLS); j++) {
          b.append(j == 0 ? "" : ", ").append(HtmlPage.format(e.getValue().get(j).asDouble()));
        }
        th.add(Arrays.asList(e.getKey() + (n > THETA_CELLS ? " (first " + THETA_CELLS + " of "
            + n + ")" : " (" + n + ")"), b.toString()));
      } else {
        th.add(Arrays.asList(e.getKey(), ReportFiles.cell(e.getValue())));
      }
    }
    page.table("theta", List.of("key", "value"), th);
    Csv t = Csv.parse(ReportFiles.text(spark, output, "trajectory.csv"),
        ReportFiles.path(output, "trajectory.csv"));
    int n = t.rows();
    double[] values = t.column("value");
    double[] norms = t.has("gradient_norm") ? t.column("gradient_norm") : null;
    List<String> thetaCols = new ArrayList<>();
    for (String h : t.header()) {
      if (h.startsWith("theta_")) {
        thetaCols.add(h);
      }
    }
    double[][] thetas = new double[n][thetaCols.size()];
    for (int j = 0; j < thetaCols.size() && j < TrajectoryPlot.MAX_SERIES; j++) {
      double[] c = t.column(thetaCols.get(j));
      for (int i = 0; i < n; i++) {
        thetas[i][j] = c[i];
      }
    }
    page.heading("Trajectory");
    if (n > 0 && !thetaCols.isEmpty()) {
      page.figure("trajectory", TrajectoryPlot.figure(kind, values, norms, thetas).png(),
          "outer objective, its gap to the best value, hypergradient norm and theta per "
          + "outer iteration", "Per outer iteration: the outer objective; its gap to the "
          + "best value reached (log scale); the hypergradient norm (log scale); θ.");
    }
    if (ReportFiles.exists(spark, output, "distilled.png")) {
      page.figure("distilled", ReportFiles.bytes(spark, output, "distilled.png"),
          "the distilled images", "distilled.png: the learned images, one column per class.");
    }
    // a regression's trajectory carries a misclassification column the metrics leave out
    boolean regression = metrics.has("outer_loss")
        && !metrics.has("validation_misclassification");
    List<String> shown = new ArrayList<>();
    for (String h : t.header()) {
      if ((!h.startsWith("theta_") || thetaCols.indexOf(h) < 4)
          && !(regression && h.equals("misclassification"))) {
        shown.add(h);
      }
    }
    int from = Math.max(0, n - STEPS);
    if (from > 0) {
      page.note("The last " + STEPS + " of " + n + " outer steps (all in trajectory.csv).");
    }
    page.table("steps", shown, t.cells(from, n, shown));
    return page.html();
  }
}
