package dev.iterdiff.spark.hyperopt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.iterdiff.spark.sweep.SweepSummary;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** theta.json, metrics.json and summary.json are JSON a parser reads back value for value. */
class HyperoptOutputJsonTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  @Test
  void stringsAreEscapedNotMangled() throws Exception {
    // before: quotes became apostrophes and backslashes / newlines went out raw
    String nasty = "say \"hi\" \\ to\nme\t\u0001 é";
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("stop", nasty);
    m.put("theta", new double[] {0.5, Double.NaN, 3.0});
    m.put("value", 1e-300);
    m.put("folds", 5);
    m.put("inner_iterations", 1L << 40);
    String text = HyperoptOutput.json(m);
    assertTrue(text.endsWith("}\n") && text.indexOf('\n') == text.length() - 1, text);
    JsonNode n = MAPPER.readTree(text);
    assertEquals(nasty, n.get("stop").textValue());
    assertEquals(0.5, n.get("theta").get(0).doubleValue(), 0);
    assertTrue(n.get("theta").get(1).isNull(), "NaN as null");
    assertEquals(1e-300, n.get("value").doubleValue(), 0);
    assertEquals(5, n.get("folds").intValue());
    assertEquals(1L << 40, n.get("inner_iterations").longValue());
  }

  @Test
  void theLayoutOfTheFilesIsKept() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("theta", new double[] {1.0, 0.25});
    m.put("value", 2.0);
    m.put("stop", "gradient-norm");
    assertEquals("{\"theta\": [1.0, 0.25], \"value\": 2.0, \"stop\": \"gradient-norm\"}\n",
        HyperoptOutput.json(m));
  }

  @Test
  void sweepSummaryIsValidJsonWithTheSameKeys() throws Exception {
    SweepSummary s = new SweepSummary("a \"job\"\n", 80, 1.5, List.of(
        new dev.iterdiff.spark.sweep.EstimatorSummary("implicit", 80, 2, 1e-9, Double.NaN,
            0.01)));
    String text = s.json();
    assertEquals("{\"name\":\"a \\\"job\\\"\\n\",\"instances\":80,\"seconds\":1.5,"
        + "\"median_solve_seconds\":0.01,"
        + "\"estimators\":[{\"estimator\":\"implicit\",\"rows\":80,\"failures\":2,"
        + "\"median_error\":1.0E-9,\"median_cost_ratio\":null}]}\n",
        text);
    assertEquals("a \"job\"\n", MAPPER.readTree(text).get("name").textValue());
  }
}
