package dev.iterdiff.spark.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.iterdiff.spark.SharedSparkSession;
import dev.iterdiff.spark.config.JobConfigException;
import dev.iterdiff.spark.config.SweepConfig;
import java.io.File;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The summary's quantile method ({@link SummaryQuantiles}): exact up to
 * {@code sweep.summary.exact-quantiles-max-rows} result rows, {@code percentile_approx} above,
 * stated in summary.json; and the approximate medians and percentiles of a real sweep are
 * within the stated rank error of the exact ones computed here from the same Parquet rows.
 */
class SummaryQuantilesTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void exactUpToTheThresholdApproximateAbove() {
    assertEquals(SummaryQuantiles.EXACT, SummaryQuantiles.forRows(1000, 1000, 50));
    SummaryQuantiles a = SummaryQuantiles.forRows(1001, 1000, 50);
    assertFalse(a.exact());
    assertEquals("percentile(x, 0.5)", SummaryQuantiles.EXACT.sql("x", "0.5"));
    assertEquals("percentile_approx(x, array(0.1, 0.9), 50)", a.sql("x", "array(0.1, 0.9)"));
    assertEquals("exact", SummaryQuantiles.EXACT.label());
    assertEquals("approx (relative rank error 1/50)", a.label());
    assertEquals(a, SummaryQuantiles.parse(a.label()));
    assertEquals(SummaryQuantiles.EXACT, SummaryQuantiles.parse("exact"));
    assertEquals(SummaryQuantiles.EXACT, SummaryQuantiles.parse(null));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SummaryQuantiles.parse("roughly"));
    assertTrue(e.getMessage().contains("'roughly'"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new SummaryQuantiles(false, 0));
    assertEquals("quantile accuracy must be >= 1, got 0", e.getMessage());
  }

  @Test
  void theThresholdCountsInstancesTimesEstimators() {
    SweepConfig c = SweepConfig.parse(config("q-threshold", 10, 100, 50), Map.of());
    assertTrue(SweepJob.quantiles(c, 50).exact(), "50 instances x 2 estimators = 100 rows");
    assertFalse(SweepJob.quantiles(c, 51).exact(), "102 rows");
    assertFalse(SweepJob.quantiles(c, Long.MAX_VALUE).exact(), "no overflow");
    SweepConfig d = SweepConfig.parse(config("q-default", 10, -1, -1), Map.of());
    assertEquals(SweepConfig.SummarySpec.DEFAULT, d.summary());
    assertTrue(SweepJob.quantiles(d, 500_000).exact());
    assertFalse(SweepJob.quantiles(d, 500_001).exact());
  }

  @Test
  void badSummaryKeysNameTheKey() {
    JobConfigException e = assertThrows(JobConfigException.class,
        () -> SweepConfig.parse(config("q-bad", 10, -1, -1),
            Map.of("summary.exact-quantiles-max-rows", "-3")));
    assertTrue(e.getMessage().startsWith("sweep.summary.exact-quantiles-max-rows: must be >= 0,"
        + " got -3"), e.getMessage());
    e = assertThrows(JobConfigException.class,
        () -> SweepConfig.parse(config("q-bad", 10, -1, -1),
            Map.of("summary.quantile-accuracy", "0")));
    assertTrue(e.getMessage().startsWith("sweep.summary.quantile-accuracy: must be >= 1, got 0"),
        e.getMessage());
  }

  /**
   * 400 ridge instances × 2 estimators = 800 rows with the threshold at 100 rows and A = 50:
   * every median and percentile of summary.json (and the summary record) is a value of its
   * group whose rank is within N/A (+1 for rounding) of the exact rank p·N.
   */
  @Test
  void aboveTheThresholdTheQuantilesAreWithinTheStatedRankError() throws Exception {
    int instances = 400;
    int accuracy = 50;
    SweepConfig c = SweepConfig.parse(config("q-approx", instances, 100, accuracy), Map.of());
    SweepJob.Result result = SweepJobTest.runOnSpark(c);
    JsonNode summary = JSON.readTree(new File(result.summaryPath()));
    assertEquals("approx (relative rank error 1/50)", summary.get("quantiles").asText());
    assertFalse(result.summary().quantiles().exact());
    assertTrue(result.summary().table().contains(
        "(medians: approx (relative rank error 1/50), Spark's percentile_approx"),
        result.summary().table());

    List<SweepRow> rows = SweepJobTest.readBack(SharedSparkSession.get(),
        result.resultsPath());
    assertEquals(2 * instances, rows.size());
    Map<String, List<Double>> errors = new HashMap<>();
    Map<String, List<Double>> ratios = new HashMap<>();
    Map<Long, Double> solves = new HashMap<>();
    for (SweepRow r : rows) {
      assertTrue(r.ok(), r.message());
      errors.computeIfAbsent(r.estimator(), k -> new ArrayList<>()).add(r.jacobianError());
      ratios.computeIfAbsent(r.estimator(), k -> new ArrayList<>())
          .add(r.diffSeconds() / r.solveSeconds());
      solves.merge(r.instanceId(), r.solveSeconds(), Math::min);
    }
    double eps = 1.0 / accuracy;
    JsonNode solve = summary.get("solve_seconds");
    double[] s = sorted(new ArrayList<>(solves.values()));
    assertWithinRank(s, 0.1, solve.get("p10").asDouble(), eps, "solve p10");
    assertWithinRank(s, 0.5, solve.get("median").asDouble(), eps, "solve median");
    assertWithinRank(s, 0.9, solve.get("p90").asDouble(), eps, "solve p90");
    int i = 0;
    for (JsonNode e : summary.get("estimators")) {
      String name = e.get("estimator").asText();
      EstimatorSummary es = result.summary().estimators().get(i++);
      assertEquals(name, es.estimator());
      assertEquals(instances, e.get("rows").asLong());
      double[] err = sorted(errors.get(name));
      double[] rat = sorted(ratios.get(name));
      assertWithinRank(err, 0.5, es.medianError(), eps, name + " median error");
      assertEquals(es.medianError(), e.get("median_error").asDouble(), 0);
      assertWithinRank(err, 0.1, e.get("error_p10").asDouble(), eps, name + " error p10");
      assertWithinRank(err, 0.9, e.get("error_p90").asDouble(), eps, name + " error p90");
      assertWithinRank(rat, 0.5, es.medianCostRatio(), eps, name + " median cost");
      assertWithinRank(rat, 0.1, e.get("cost_ratio_p10").asDouble(), eps, name + " cost p10");
      assertWithinRank(rat, 0.9, e.get("cost_ratio_p90").asDouble(), eps, name + " cost p90");
      assertWithinRank(s, 0.5, es.medianSolveSeconds(), eps, name + " median solve");
    }
    // the report computed its quantiles the same way, and says so
    String html = Files.readString(new File(c.output().path(), "report.html").toPath());
    assertTrue(html.contains("quantiles approx (relative rank error 1/50)"));
  }

  /**
   * {@code value} is one of {@code sorted} and some index it sits at is within
   * ε·N + 1 of p·N.
   */
  private static void assertWithinRank(double[] sorted, double p, double value, double eps,
      String what) {
    int n = sorted.length;
    int lo = -1;
    int hi = -1;
    for (int k = 0; k < n; k++) {
      if (sorted[k] == value) {
        lo = lo < 0 ? k : lo;
        hi = k;
      }
    }
    assertTrue(lo >= 0, what + ": " + value + " is not one of the " + n + " values");
    double target = p * n;
    double band = eps * n + 1;
    assertTrue(hi >= target - band && lo <= target + band, what + ": " + value + " has ranks "
        + lo + ".." + hi + ", exact rank " + target + " ± " + band + " of " + n);
  }

  private static double[] sorted(List<Double> v) {
    double[] a = v.stream().mapToDouble(Double::doubleValue).toArray();
    Arrays.sort(a);
    return a;
  }

  /** Ridge on diabetes, random λ, one-step and implicit against an implicit reference. */
  private static String config(String name, int samples, long maxRows, int accuracy) {
    String summary = maxRows < 0 ? "" : "summary { exact-quantiles-max-rows = " + maxRows
        + ", quantile-accuracy = " + accuracy + " }";
    return """
        sweep {
          name = %s
          data = [ { name = diabetes, path = "data-samples/diabetes.libsvm" } ]
          problem { name = ridge }
          solver { name = gd, iterations = 5 }
          theta { mode = random, samples = %d, seed = 1,
                  coordinates = [ { log { from = 0.01, to = 10, count = 1 } } ] }
          estimators = [one-step, implicit]
          reference { estimator = implicit, solver = newton, iterations = 20, tol = 1e-10 }
          output { path = "%s", overwrite = true }
          %s
        }
        """.formatted(name, samples, SweepJobTest.out(name), summary);
  }
}
