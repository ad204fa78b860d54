package dev.iterdiff.report;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import dev.iterdiff.spark.config.SweepConfig;
import dev.iterdiff.spark.sweep.SummaryQuantiles;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.knowm.xchart.XYChart;

/**
 * The HTML report of a sweep output ({@code results/} + {@code summary.json}): the run and the
 * per-estimator summary as tables (every number of summary.json), and XChart figures computed
 * by Spark from the rows — median Jacobian error per estimator against the iterations, the
 * error of each instance against its differentiation time, the cost ratio (differentiation /
 * solve) per estimator, the one-step bound ρ/(1−ρ)·‖J_θF‖_F (Bolte, Pauwels &amp; Vaiter 2023)
 * against the measured ‖J_OS − J_ref‖_F, and the failures by status with their messages. The
 * driver collects aggregates and at most {@value #POINTS} points per estimator per scatter
 * (every s-th instance id, and never more than that many rows whatever the ids), so the report
 * of 10⁶ instances costs a few Spark jobs and collects no more for 10⁷. Medians and
 * percentiles are computed as summary.json says its own were ({@code "quantiles"}: exact, or
 * {@code percentile_approx} above {@code sweep.summary.exact-quantiles-max-rows} rows,
 * {@link SummaryQuantiles}), so neither holds every value of a large sweep in one buffer.
 */
public final class SweepReport {

  /** Scatter points per estimator at most. */
  public static final int POINTS = 2000;
  /** Failure messages listed at most. */
  public static final int MESSAGES = 20;

  private SweepReport() {}

  /**
   * The page for a sweep output.
   *
   * @param spark   the session that reads the rows.
   * @param output  the sweep's output path (holding results/ and summary.json).
   * @throws IOException if summary.json or the rows cannot be read.
   */
  public static String html(SparkSession spark, String output) throws IOException {
    JsonNode summary = ReportFiles.json(spark, output, "summary.json");
    Dataset<Row> rows = spark.read().parquet(ReportFiles.path(output, "results"));
    List<String> estimators = new ArrayList<>();
    for (JsonNode e : summary.path("estimators")) {
      estimators.add(e.path("estimator").asText());
    }
    HtmlPage page = new HtmlPage("iterdiff sweep: " + summary.path("name").asText("sweep"));
    page.note("Output " + output + ". Every number below is read from summary.json and the "
        + "Parquet rows under results/; regenerate with: iterdiff report " + output);
    page.heading("Run");
    page.table("run", List.of("key", "value"), ReportFiles.scalars(summary, "estimators",
        "config", "by_iterations"));
    page.heading("Summary per estimator");
    estimatorTable(page, summary);
    page.note("error: relative Frobenius error ‖J − J_ref‖_F / ‖J_ref‖_F against the "
        + "reference; cost ratio: differentiation time / solve time (ok rows).");
    long instances = summary.path("instances").asLong(0);
    long stride = Math.max(1, (instances + POINTS - 1) / POINTS);
    SummaryQuantiles q = quantiles(summary, estimators.size());
    errorAgainstIterations(page, rows, estimators, q, iterationColumn(summary, rows));
    byIterationsTable(page, summary);
    errorAgainstCost(page, rows, estimators, stride);
    costRatio(page, rows, estimators, q);
    oneStepBound(page, rows, stride);
    failures(page, rows, estimators);
    if (summary.hasNonNull("config")) {
      page.heading("Config");
      page.pre("config", summary.get("config").isTextual() ? summary.get("config").asText()
          : summary.get("config").toPrettyString());
    }
    return page.html();
  }

  /**
   * How summary.json's quantiles were computed (its {@code "quantiles"}); for a summary written
   * before that field existed, by its row count against the default threshold.
   *
   * @throws IllegalArgumentException if {@code "quantiles"} is neither exact nor approx.
   */
  static SummaryQuantiles quantiles(JsonNode summary, int estimators) {
    if (summary.hasNonNull("quantiles")) {
      return SummaryQuantiles.parse(summary.get("quantiles").asText());
    }
    long rows = summary.path("rows").asLong(summary.path("instances").asLong(0) * estimators);
    return SummaryQuantiles.forRows(rows, SweepConfig.SummarySpec.DEFAULT.exactQuantilesMaxRows(),
        SweepConfig.SummarySpec.DEFAULT.quantileAccuracy());
  }

  /** One row per estimator, one column per field of summary.json's estimator objects. */
  private static void estimatorTable(HtmlPage page, JsonNode summary) {
    Set<String> columns = new LinkedHashSet<>();
    List<Map<String, JsonNode>> flat = new ArrayList<>();
    for (JsonNode e : summary.path("estimators")) {
      Map<String, JsonNode> f = new LinkedHashMap<>();
      ReportFiles.flatten("", e, f);
      columns.addAll(f.keySet());
      flat.add(f);
    }
    List<List<Object>> body = new ArrayList<>();
    for (Map<String, JsonNode> f : flat) {
      List<Object> r = new ArrayList<>();
      for (String c : columns) {
        r.add(ReportFiles.cell(f.get(c)));
      }
      body.add(r);
    }
    page.table("estimators", List.copyOf(columns), body);
  }

  /**
   * The column the error-against-iterations figure groups by: the iteration budget
   * {@code max_iterations} when the sweep swept it ({@code solver.iterations} a list in
   * summary.json), else the iterations each solve ran.
   */
  static String iterationColumn(JsonNode summary, Dataset<Row> rows) {
    boolean swept = summary.path("solver").path("iterations").isArray();
    return swept && java.util.Arrays.asList(rows.columns()).contains("max_iterations")
        ? "max_iterations" : "iterations";
  }

  /** summary.json's {@code by_iterations}: per budget and estimator, when k was swept. */
  private static void byIterationsTable(HtmlPage page, JsonNode summary) {
    JsonNode by = summary.path("by_iterations");
    if (!by.isArray() || by.isEmpty()) {
      return;
    }
    List<String> columns = new ArrayList<>();
    by.get(0).fieldNames().forEachRemaining(columns::add);
    List<List<Object>> body = new ArrayList<>();
    for (JsonNode e : by) {
      List<Object> r = new ArrayList<>();
      for (String c : columns) {
        r.add(ReportFiles.cell(e.get(c)));
      }
      body.add(r);
    }
    page.table("by-iterations", columns, body);
    page.note("Per iteration budget k and estimator (summary.json's by_iterations): the "
        + "median and 10th / 90th percentile of the Jacobian error and the median cost ratio "
        + "over ok rows.");
  }

  /**
   * The data of the error-against-iterations figure: per (estimator, k of {@code column}) the
   * median Jacobian error over the ok rows (by {@code q}) and their count, ordered by
   * estimator and k.
   */
  static List<Row> errorByIterations(Dataset<Row> rows, String column, SummaryQuantiles q) {
    return rows.where("status = 'ok' AND jacobian_error IS NOT NULL "
            + "AND " + column + " IS NOT NULL")
        .groupBy(col("estimator"), col(column).as("iterations"))
        .agg(expr(q.sql("jacobian_error", "0.5")).as("median"), count(lit(1)).as("n"))
        .orderBy("estimator", "iterations").collectAsList();
  }

  private static void errorAgainstIterations(HtmlPage page, Dataset<Row> rows,
      List<String> estimators, SummaryQuantiles q, String column) throws IOException {
    page.heading("Jacobian error against iterations");
    boolean budgets = column.equals("max_iterations");
    List<Row> agg = errorByIterations(rows, column, q);
    if (agg.isEmpty()) {
      page.note("No Jacobian errors: the sweep had no reference (or no ok row).");
      return;
    }
    int lo = Integer.MAX_VALUE;
    int hi = 0;
    for (Row r : agg) {
      lo = Math.min(lo, r.getInt(1));
      hi = Math.max(hi, r.getInt(1));
    }
    FigureGrid fig = new FigureGrid(1, ReportCharts.WIDTH, ReportCharts.HEIGHT);
    XYChart c = fig.panel("Jacobian error against solver iterations",
        "solver iterations k", "median relative error ‖J − J_ref‖_F / ‖J_ref‖_F",
        hi > 10.0 * Math.max(lo, 1), true);
    ReportCharts.markers(c, 8);
    for (int i = 0; i < estimators.size(); i++) {
      String e = estimators.get(i);
      List<double[]> pts = new ArrayList<>();
      for (Row r : agg) {
        if (r.getString(0).equals(e)) {
          pts.add(new double[] {r.getInt(1), r.getDouble(2)});
        }
      }
      ReportCharts.lineWithMarkers(c, e, column(pts, 0), column(pts, 1), i);
    }
    page.figure("error-vs-iterations", fig.png(), "median Jacobian error per estimator "
        + "against the solver's iterations", budgets
        ? "Median over the θ instances at each iteration budget k of the sweep "
        + "(solver.iterations swept; log scale; quantiles " + q.label() + ")."
        : "Median over the instances that ran k iterations "
        + "(log scale; quantiles " + q.label() + "). With a fixed k every estimator is one "
        + "point; sweep solver.iterations (a list, e.g. [10, 100, 1000]) to see the error "
        + "fall with k.");
  }

  private static void errorAgainstCost(HtmlPage page, Dataset<Row> rows,
      List<String> estimators, long stride) throws IOException {
    page.heading("Jacobian error against cost");
    List<Row> pts = rows.where("status = 'ok' AND jacobian_error IS NOT NULL AND "
        + "diff_seconds > 0 AND pmod(instance_id, " + stride + ") = 0")
        .select("estimator", "diff_seconds", "jacobian_error")
        .limit(POINTS * Math.max(1, estimators.size())).collectAsList();
    if (pts.isEmpty()) {
      page.note("No Jacobian errors to draw.");
      return;
    }
    FigureGrid fig = new FigureGrid(1, ReportCharts.WIDTH, ReportCharts.HEIGHT);
    XYChart c = fig.panel("Jacobian error against differentiation time",
        "differentiation time (s)", "relative error ‖J − J_ref‖_F / ‖J_ref‖_F", true, true);
    ReportCharts.markers(c, 5);
    for (int i = 0; i < estimators.size(); i++) {
      List<double[]> p = new ArrayList<>();
      for (Row r : pts) {
        if (r.getString(0).equals(estimators.get(i))) {
          p.add(new double[] {r.getDouble(1), r.getDouble(2)});
        }
      }
      ReportCharts.scatter(c, estimators.get(i), column(p, 0), column(p, 1), i);
    }
    page.figure("error-vs-cost", fig.png(), "Jacobian error of each instance against its "
        + "differentiation time, per estimator", "One point per instance and estimator"
        + (stride > 1 ? " (every " + stride + "-th instance)" : "") + "; lower left is "
        + "better.");
  }

  private static void costRatio(HtmlPage page, Dataset<Row> rows, List<String> estimators,
      SummaryQuantiles q) throws IOException {
    page.heading("Cost ratio per estimator");
    List<Row> agg = rows.where("status = 'ok' AND solve_seconds > 0")
        .groupBy("estimator").agg(expr(q.sql("diff_seconds / solve_seconds",
            "array(0.1, 0.5, 0.9)")).as("q"))
        .collectAsList();
    double[][] v = new double[3][estimators.size()];
    for (double[] a : v) {
      java.util.Arrays.fill(a, Double.NaN);
    }
    for (Row r : agg) {
      int i = estimators.indexOf(r.getString(0));
      List<Object> values = r.getList(1);
      for (int j = 0; i >= 0 && j < 3; j++) {
        v[j][i] = ((Number) values.get(j)).doubleValue();
      }
    }
    if (agg.isEmpty()) {
      page.note("No ok row with a solve time.");
      return;
    }
    page.figure("cost-ratio", ReportCharts.bars("Differentiation cost relative to the solve",
        "estimator", "differentiation time / solve time", estimators,
        List.of("10th percentile", "median", "90th percentile"), v, true, false),
        "cost ratio quantiles per estimator", "Per estimator, the 10th percentile, median "
        + "and 90th percentile over ok rows of differentiation time / solve time (log "
        + "scale; quantiles " + q.label() + "): 1 means the derivative costs as much as the "
        + "solve.");
  }

  private static void oneStepBound(HtmlPage page, Dataset<Row> rows, long stride)
      throws IOException {
    page.heading("One-step bound against the measured error");
    List<Row> pts = rows.where("status = 'ok' AND estimator = 'one-step' AND "
        + "one_step_bound IS NOT NULL AND jacobian_error_abs IS NOT NULL AND "
        + "pmod(instance_id, " + stride + ") = 0")
        .select("one_step_bound", "jacobian_error_abs").limit(POINTS).collectAsList();
    if (pts.isEmpty()) {
      page.note("No one-step row with both the bound (needs diagnostics and ρ < 1) and a "
          + "measured error (needs a reference).");
      return;
    }
    double[] b = new double[pts.size()];
    double[] e = new double[pts.size()];
    double lo = Double.POSITIVE_INFINITY;
    double hi = 0;
    int below = 0;
    for (int i = 0; i < b.length; i++) {
      b[i] = pts.get(i).getDouble(0);
      e[i] = pts.get(i).getDouble(1);
      if (e[i] <= b[i]) {
        below++;
      }
      for (double v : new double[] {b[i], e[i]}) {
        if (v > 0 && Double.isFinite(v)) {
          lo = Math.min(lo, v);
          hi = Math.max(hi, v);
        }
      }
    }
    FigureGrid fig = new FigureGrid(1, ReportCharts.WIDTH, ReportCharts.HEIGHT);
    XYChart c = fig.panel("One-step: error bound against measured error",
        "bound ρ/(1−ρ)·‖J_θF‖_F", "measured ‖J_OS − J_ref‖_F", true, true);
    ReportCharts.markers(c, 5);
    boolean drawn = ReportCharts.scatter(c, "one-step instances", b, e, 3);
    if (hi > lo) {
      FigureGrid.series(c, "error = bound", new double[] {lo, hi}, new double[] {lo, hi}, 6,
          FigureGrid.Line.DASHED);
      drawn = true;
    }
    if (!drawn) {
      page.note("Bounds and errors are all zero or not finite: nothing to draw.");
      return;
    }
    page.figure("one-step-bound", fig.png(), "one-step error bound against the measured "
        + "error", String.format(java.util.Locale.ROOT, "Points below the dashed line are "
        + "within the bound: %d of %d drawn.", below, b.length));
  }

  private static void failures(HtmlPage page, Dataset<Row> rows, List<String> estimators)
      throws IOException {
    page.heading("Failures by status");
    List<Row> agg = rows.groupBy("estimator", "status").agg(count(lit(1)).as("n"))
        .collectAsList();
    Set<String> statuses = new LinkedHashSet<>();
    statuses.add("ok");
    for (Row r : agg) {
      statuses.add(r.getString(1));
    }
    List<String> st = List.copyOf(statuses);
    long[][] n = new long[estimators.size()][st.size()];
    for (Row r : agg) {
      int i = estimators.indexOf(r.getString(0));
      if (i >= 0) {
        n[i][st.indexOf(r.getString(1))] = r.getLong(2);
      }
    }
    List<String> header = new ArrayList<>(List.of("estimator"));
    header.addAll(st);
    List<List<Object>> body = new ArrayList<>();
    for (int i = 0; i < estimators.size(); i++) {
      List<Object> r = new ArrayList<>(List.of(estimators.get(i)));
      for (int j = 0; j < st.size(); j++) {
        r.add(n[i][j]);
      }
      body.add(r);
    }
    page.table("statuses", header, body);
    if (st.size() == 1) {
      page.note("No failed row.");
      return;
    }
    List<String> failed = st.subList(1, st.size());
    double[][] v = new double[failed.size()][estimators.size()];
    for (int j = 0; j < failed.size(); j++) {
      for (int i = 0; i < estimators.size(); i++) {
        v[j][i] = n[i][j + 1];
      }
    }
    page.figure("failures", ReportCharts.bars("Failed rows by status", "estimator",
        "rows", estimators, failed, v, false, true), "failed rows per estimator and status",
        "Rows whose status is not ok, stacked by status.");
    List<Row> msgs = rows.where(col("status").notEqual("ok"))
        .select("instance_id", "estimator", "status", "message")
        .orderBy("instance_id", "estimator").limit(MESSAGES).collectAsList();
    List<List<Object>> m = new ArrayList<>();
    for (Row r : msgs) {
      m.add(java.util.Arrays.asList(r.getLong(0), r.getString(1), r.getString(2),
          r.isNullAt(3) ? "" : r.getString(3)));
    }
    page.table("failure-messages", List.of("instance", "estimator", "status", "message"), m);
  }

  private static double[] column(List<double[]> pts, int j) {
    double[] c = new double[pts.size()];
    for (int i = 0; i < c.length; i++) {
      c[i] = pts.get(i)[j];
    }
    return c;
  }
}
