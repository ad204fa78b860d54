package dev.iterdiff.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.iterdiff.diff.Diagnostics;
import dev.iterdiff.diff.JacobianEstimate;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The JSON contract and the table, on a report built by hand (n = 3, m = 2). */
class JacobianOutputTest {

  // column-major 3x2: J(i, j) = 10 i + j
  private static final double[] J = {0, 10, 20, 1, 11, 21};
  private static final double[] J2 = {0, 10, 20, 1, 11, 22};

  private static JacobianReport report() {
    Diagnostics implicit = new Diagnostics(50, 1e-9, "cholesky", 0, 1e-16, Double.NaN,
        Double.NaN, Double.NaN);
    Diagnostics oneStep = new Diagnostics(50, 1e-9, null, -1, Double.NaN, 1.5, 2.0, 9.0,
        "from powers of J_sF");
    return new JacobianReport("ridge", "d.libsvm", 7, 3, new double[] {0.1, 0.2}, "gd", "1/L",
        50, true, 1e-9, 0.25, new double[] {1, -2, 3},
        List.of(new JacobianEstimate("one-step", J2, 3, 2, oneStep, 0.001),
            new JacobianEstimate("implicit", J, 3, 2, implicit, 0.002)));
  }

  @Test
  void jsonHasRowsOfPartialsAndNullsForWhatDoesNotApply() throws IOException {
    StringWriter out = new StringWriter();
    JacobianJson.write(report(), out);
    String text = out.toString();
    assertTrue(text.endsWith("}\n") && text.indexOf('\n') == text.length() - 1, text);
    JsonNode root = new ObjectMapper().readTree(text);
    assertEquals("ridge", root.get("problem").asText());
    assertEquals("gd", root.get("solver").asText());
    assertEquals(50, root.get("iterations").asInt());
    assertEquals(1e-9, root.get("residual").asDouble());
    assertEquals(3, root.get("x").size());
    assertEquals(-2.0, root.get("x").get(1).asDouble());
    JsonNode implicit = root.get("estimates").get(1);
    assertEquals("implicit", implicit.get("estimator").asText());
    JsonNode jac = implicit.get("jacobian");
    assertEquals(3, jac.size(), "n rows");
    for (int i = 0; i < 3; i++) {
      assertEquals(2, jac.get(i).size(), "m columns");
      for (int j = 0; j < 2; j++) {
        assertEquals(10.0 * i + j, jac.get(i).get(j).asDouble(), "jacobian[" + i + "][" + j + "]");
      }
    }
    JsonNode d = implicit.get("diagnostics");
    assertEquals("cholesky", d.get("linearSolver").asText());
    assertEquals(0, d.get("linearIterations").asInt());
    assertTrue(d.get("rho").isNull());
    assertTrue(d.get("oneStepBound").isNull());
    assertTrue(d.get("oneStepBoundNote") == null, "no note where there is none");
    JsonNode os = root.get("estimates").get(0).get("diagnostics");
    assertTrue(os.get("linearSolver").isNull());
    assertTrue(os.get("linearIterations").isNull());
    assertTrue(os.get("linearResidual").isNull());
    assertEquals(1.5, os.get("rho").asDouble());
    assertEquals(9.0, os.get("oneStepBound").asDouble());
    assertEquals("from powers of J_sF", os.get("oneStepBoundNote").asText());
  }

  @Test
  void nonFiniteNumbersAreWrittenAsNull() throws IOException {
    JacobianReport r = report();
    JacobianReport bad = new JacobianReport(r.problem(), r.data(), 7, 3, r.theta(), "newton",
        null, 3, false, Double.POSITIVE_INFINITY, 0.1, new double[] {Double.NaN, 1, 2}, List.of());
    StringWriter out = new StringWriter();
    JacobianJson.write(bad, out);
    JsonNode root = new ObjectMapper().readTree(out.toString());
    assertTrue(root.get("residual").isNull());
    assertTrue(root.get("x").get(0).isNull());
    assertTrue(root.get("step").isNull());
    assertEquals(false, root.get("converged").asBoolean());
  }

  @Test
  void tableShowsEachEstimatorAndTheDistanceToImplicit() {
    StringWriter out = new StringWriter();
    JacobianTable.write(report(), new PrintWriter(out));
    String text = out.toString();
    assertTrue(text.contains("problem   ridge on d.libsvm (7 samples x 3 features), theta = [0.1, 0.2]"),
        text);
    assertTrue(text.contains("solver    gd (step 1/L): 50 iterations"), text);
    // |J2 - J|_F / |J|_F = 1 / sqrt(0 + 100 + 400 + 1 + 121 + 441)
    String rel = JacobianTable.num(1 / Math.sqrt(1063));
    String oneStepLine = text.lines().filter(l -> l.startsWith("one-step")).findFirst().orElseThrow();
    assertTrue(oneStepLine.contains(rel), oneStepLine + " should contain " + rel);
    assertTrue(text.contains("cholesky, 0 it"), text);
    assertTrue(text.contains("J = dx/dtheta by implicit (3 x 2):"), text);
    assertTrue(text.lines().anyMatch(l -> l.startsWith("  x3") && l.contains("21")), text);
  }

  @Test
  void numbersAreShortAndNaNIsADash() {
    assertEquals("0.1", JacobianTable.num(0.1));
    assertEquals("-", JacobianTable.num(Double.NaN));
    assertEquals("1.000e-09", JacobianTable.num(1e-9));
    assertEquals("0", JacobianTable.num(0));
    assertEquals("123.5", JacobianTable.num(123.456));
  }
}
