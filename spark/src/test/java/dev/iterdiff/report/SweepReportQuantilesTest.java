package dev.iterdiff.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.iterdiff.spark.sweep.SummaryQuantiles;
import org.junit.jupiter.api.Test;

/**
 * The report computes its quantiles as summary.json says its own were; a summary written
 * before {@code "quantiles"} existed is judged by its row count against the default threshold.
 */
class SweepReportQuantilesTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void theReportFollowsSummaryJson() throws Exception {
    assertEquals(new SummaryQuantiles(false, 50), SweepReport.quantiles(JSON.readTree(
        "{\"rows\": 10, \"quantiles\": \"approx (relative rank error 1/50)\"}"), 2));
    assertEquals(SummaryQuantiles.EXACT, SweepReport.quantiles(JSON.readTree(
        "{\"rows\": 5000000, \"quantiles\": \"exact\"}"), 2));
    // older summaries: by rows, or instances x estimators, against 10^6
    assertEquals(SummaryQuantiles.EXACT, SweepReport.quantiles(JSON.readTree(
        "{\"rows\": 1000000}"), 2));
    assertEquals(new SummaryQuantiles(false, 10_000), SweepReport.quantiles(JSON.readTree(
        "{\"rows\": 1000001}"), 2));
    assertEquals(new SummaryQuantiles(false, 10_000), SweepReport.quantiles(JSON.readTree(
        "{\"instances\": 600000}"), 2));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SweepReport.quantiles(JSON.readTree("{\"quantiles\": \"median-ish\"}"), 2));
    assertEquals("summary.json quantiles: expected 'exact' or 'approx (relative rank error "
        + "1/A)' with 1 <= A < 10^9, got 'median-ish'", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> SweepReport.quantiles(JSON.readTree(
        "{\"quantiles\": \"approx (relative rank error 1/99999999999)\"}"), 2));
    assertEquals("summary.json quantiles: expected 'exact' or 'approx (relative rank error "
        + "1/A)' with 1 <= A < 10^9, got 'approx (relative rank error 1/99999999999)'",
        e.getMessage());
  }
}
