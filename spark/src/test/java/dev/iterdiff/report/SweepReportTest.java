package dev.iterdiff.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.iterdiff.spark.SharedSparkSession;
import dev.iterdiff.spark.config.SweepConfig;
import dev.iterdiff.spark.sweep.SweepJob;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/**
 * The sweep writes report.html beside its rows on a real local Spark: every number of
 * summary.json's per-estimator objects is in the page's table, every figure is a PNG that
 * decodes, failed rows show up by status with their messages; {@code output.report = false}
 * leaves no page (and removes a stale one).
 */
class SweepReportTest {

  static final String ALL = "[unrolled-forward, unrolled-reverse, truncated, one-step, implicit]";

  /** Ridge by GD with a tolerance (iterations vary), one invalid θ (a failed row). */
  static String config(String out, boolean report) {
    return """
        sweep {
          name = report-test
          data = [ { name = diabetes, path = "data-samples/diabetes.libsvm" } ]
          problem { name = ridge }
          solver { name = gd, iterations = 400, tol = 1e-6 }
          theta { coordinates = [ { values = [-1.0, 0.01, 0.1, 1.0, 10.0] } ] }
          estimators = %s
          estimator-options { truncated-k = 5 }
          reference { estimator = implicit, solver = newton, iterations = 50, tol = 1e-12 }
          output { path = "%s", overwrite = true, report = %s }
        }
        """.formatted(ALL, out, report);
  }

  static SweepJob.Result run(String out, boolean report) {
    SparkSession spark = SharedSparkSession.get();
    return SweepJob.run(spark, SweepConfig.parse(config(out, report), Map.of()),
        new PrintWriter(new StringWriter()));
  }

  /** data-value of each cell of the table with this id, row by row. */
  static List<List<String>> tableCells(String html, String id) {
    int start = html.indexOf("<table id=\"" + id + "\"");
    assertTrue(start >= 0, "table " + id + " in the page");
    String table = html.substring(start, html.indexOf("</table>", start));
    List<List<String>> rows = new ArrayList<>();
    for (String tr : table.split("<tr>")) {
      if (!tr.contains("<td")) {
        continue;
      }
      List<String> cells = new ArrayList<>();
      Matcher m = Pattern.compile("<td[^>]*?(?: data-value=\"([^\"]*)\")?>([^<]*)</td>").matcher(tr);
      while (m.find()) {
        cells.add(m.group(1) != null ? m.group(1) : m.group(2));
      }
      rows.add(cells);
    }
    return rows;
  }

  @Test
  void theSweepWritesAPageWithTheSummarysNumbersAndDecodableFigures() throws Exception {
    // GIVEN a sweep with a reference, a tolerance and one invalid theta
    String out = new File("target/test-output/report-sweep").getAbsolutePath();
    // WHEN it runs with the report on (the default)
    run(out, true);
    // THEN report.html is beside results/ and summary.json
    Path page = Path.of(out, "report.html");
    assertTrue(Files.isRegularFile(page));
    String html = Files.readString(page);
    assertFalse(html.contains("http://") || html.contains("https://"),
        "self-contained: no network reference");
    JsonNode summary = new ObjectMapper().readTree(Path.of(out, "summary.json").toFile());
    // summary.json says what the run was: version, solver, iterations, reference, config,
    // the solve time once, and quantiles beside the medians
    assertFalse(summary.path("version").asText().isEmpty());
    assertEquals("gd", summary.at("/solver/name").asText());
    assertEquals(400, summary.at("/solver/iterations").asInt());
    assertEquals(1e-6, summary.at("/solver/tol").asDouble());
    assertEquals("implicit", summary.at("/reference/estimator").asText());
    assertEquals("newton", summary.at("/reference/solver").asText());
    assertEquals(400, summary.at("/config/solver/iterations").asInt(), "the config as run");
    JsonNode solve = summary.get("solve_seconds");
    assertTrue(solve.get("p10").asDouble() > 0
        && solve.get("p10").asDouble() <= solve.get("median").asDouble()
        && solve.get("median").asDouble() <= solve.get("p90").asDouble(), solve.toString());
    for (JsonNode e : summary.get("estimators")) {
      assertFalse(e.has("median_solve_seconds"), "the solve time is not repeated: " + e);
      assertTrue(e.get("error_p10").asDouble() <= e.get("median_error").asDouble()
          && e.get("median_error").asDouble() <= e.get("error_p90").asDouble(), e.toString());
      assertTrue(e.get("cost_ratio_p10").asDouble() <= e.get("median_cost_ratio").asDouble()
          && e.get("median_cost_ratio").asDouble() <= e.get("cost_ratio_p90").asDouble(),
          e.toString());
    }
    List<List<String>> table = tableCells(html, "estimators");
    int i = 0;
    for (JsonNode e : summary.get("estimators")) {
      List<String> row = table.get(i++);
      assertEquals(e.get("estimator").asText(), row.get(0));
      int c = 1;
      for (var it = e.fields(); it.hasNext();) {
        var f = it.next();
        if (f.getKey().equals("estimator")) {
          continue;
        }
        if (f.getValue().isNumber()) {
          assertEquals(f.getValue().asDouble(), Double.parseDouble(row.get(c)),
              Math.abs(f.getValue().asDouble()) * 1e-12, f.getKey() + " of " + row.get(0));
        }
        c++;
      }
    }
    assertEquals(i, table.size());
    // every figure decodes as a PNG of real size
    Matcher m = Pattern.compile("<img id=\"([^\"]+)\"[^>]*src=\"data:image/png;base64,([^\"]+)\"")
        .matcher(html);
    List<String> ids = new ArrayList<>();
    while (m.find()) {
      BufferedImage img = ImageIO.read(new ByteArrayInputStream(
          Base64.getDecoder().decode(m.group(2))));
      assertNotNull(img, m.group(1) + " decodes");
      assertTrue(img.getWidth() >= 400 && img.getHeight() >= 300, m.group(1));
      ids.add(m.group(1));
    }
    assertEquals(List.of("error-vs-iterations", "error-vs-cost", "cost-ratio",
        "one-step-bound", "failures"), ids);
    // the invalid theta failed for every estimator, and its message is listed
    List<List<String>> statuses = tableCells(html, "statuses");
    assertEquals(5, statuses.size());
    for (List<String> r : statuses) {
      assertEquals(List.of("4", "1"), r.subList(1, 3), "4 ok rows and 1 failed per estimator: "
          + r);
    }
    assertTrue(html.contains("invalid-input"), "the failed rows' status");
    assertEquals(5, tableCells(html, "failure-messages").size());
  }

  @Test
  void reportFalseWritesNoPageAndRemovesAStaleOne() throws Exception {
    String out = new File("target/test-output/report-off").getAbsolutePath();
    run(out, true);
    assertTrue(Files.isRegularFile(Path.of(out, "report.html")));
    run(out, false);
    assertFalse(Files.exists(Path.of(out, "report.html")),
        "a page describing the previous rows is not left beside new ones");
  }

  @Test
  void aDirectoryWithoutAJobsOutputIsRefusedNamingIt() throws Exception {
    Path empty = Files.createDirectories(Path.of("target/test-output/report-empty"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Reports.write(SharedSparkSession.get(), empty.toString(), null));
    assertTrue(e.getMessage().contains("report-empty") && e.getMessage().contains("summary.json"),
        e.getMessage());
  }

  /**
   * A sweep over k (with a tolerance, so a solve may stop before its budget): the
   * error-against-iterations figure is drawn per budget k from max_iterations — one point per
   * estimator and budget, each the median of that budget's rows — and the by-iterations
   * table holds summary.json's numbers.
   */
  @Test
  void aSweptIterationCountIsTheFiguresAxis() throws Exception {
    String out = new File("target/test-output/report-iterations").getAbsolutePath();
    String text = config(out, true).replace("iterations = 400, tol = 1e-6",
        "iterations = [5, 40, 400], tol = 1e-4").replace("-1.0, ", "");
    SparkSession spark = SharedSparkSession.get();
    SweepJob.run(spark, SweepConfig.parse(text, Map.of()), new PrintWriter(new StringWriter()));
    JsonNode summary = new ObjectMapper().readTree(Path.of(out, "summary.json").toFile());
    var rows = spark.read().parquet(out + "/results");
    assertEquals("max_iterations", SweepReport.iterationColumn(summary, rows));
    List<org.apache.spark.sql.Row> data = SweepReport.errorByIterations(rows, "max_iterations",
        dev.iterdiff.spark.sweep.SummaryQuantiles.EXACT);
    List<dev.iterdiff.spark.sweep.SweepRow> all = new ArrayList<>();
    for (org.apache.spark.sql.Row r : rows.collectAsList()) {
      all.add(dev.iterdiff.spark.sweep.SweepRowSchema.fromRow(r));
    }
    assertTrue(all.stream().anyMatch(r -> r.maxIterations() == 400 && r.iterations() < 400),
        "the tolerance stops some solves before their budget");
    assertEquals(5 * 3, data.size(), "one point per estimator and budget");
    for (org.apache.spark.sql.Row d : data) {
      List<Double> errors = new ArrayList<>();
      for (var r : all) {
        if (r.estimator().equals(d.getString(0)) && r.maxIterations() == d.getInt(1)) {
          errors.add(r.jacobianError());
        }
      }
      assertEquals(4, errors.size());
      assertEquals(4, d.getLong(3));
      java.util.Collections.sort(errors);
      assertEquals(0.5 * (errors.get(1) + errors.get(2)), d.getDouble(2), 1e-15,
          d.getString(0) + " at k = " + d.getInt(1));
    }
    String html = Files.readString(Path.of(out, "report.html"));
    assertTrue(html.contains("<img id=\"error-vs-iterations\""), "the figure is drawn");
    assertTrue(html.contains("solver.iterations swept"), "its caption says what k is");
    assertFalse(tableCells(html, "run").stream().anyMatch(r -> r.toString().contains(
        "median_error")), "by_iterations has its own table, not a JSON dump in the run table");
    List<List<String>> table = tableCells(html, "by-iterations");
    JsonNode by = summary.get("by_iterations");
    assertEquals(by.size(), table.size());
    for (int i = 0; i < by.size(); i++) {
      assertEquals(by.get(i).get("iterations").asText(), table.get(i).get(0));
      assertEquals(by.get(i).get("estimator").asText(), table.get(i).get(1));
      assertEquals(by.get(i).get("median_error").asDouble(),
          Double.parseDouble(table.get(i).get(4)), 0.0);
    }
    // an output without the axis keeps grouping by the iterations each solve ran
    String plain = new File("target/test-output/report-sweep").getAbsolutePath();
    if (Files.isRegularFile(Path.of(plain, "summary.json"))) {
      assertEquals("iterations", SweepReport.iterationColumn(new ObjectMapper().readTree(
          Path.of(plain, "summary.json").toFile()), spark.read().parquet(plain + "/results")));
    }
  }
}
