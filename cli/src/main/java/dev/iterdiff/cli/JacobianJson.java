package dev.iterdiff.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.iterdiff.diff.Diagnostics;
import dev.iterdiff.diff.JacobianEstimate;
import java.io.IOException;
import java.io.Writer;

/**
 * The JSON output of {@code iterdiff jacobian} — a contract scripts rely on. One object, on
 * one line:
 *
 * <pre>
 * {"problem": …, "data": …, "samples": N, "features": p, "theta": [m numbers],
 *  "solver": …, "step": … | null, "iterations": k, "converged": bool, "residual": r,
 *  "solveSeconds": t, "x": [n numbers],
 *  "estimates": [{"estimator": "implicit", "jacobian": [[m numbers] × n rows],
 *                 "seconds": t, "diagnostics": {…}}, …]}
 * </pre>
 *
 * {@code jacobian[i][j]} = ∂xᵢ/∂θⱼ. Diagnostics carry the fields of {@link Diagnostics};
 * a NaN (or −1 count) that does not apply is written as null, and so is any non-finite
 * number, so the output is always valid JSON.
 */
final class JacobianJson {

  private static final JsonFactory FACTORY = new JsonFactory();

  private JacobianJson() {}

  /** Writes the report and a newline to {@code out} (flushed, not closed). */
  static void write(JacobianReport r, Writer out) throws IOException {
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
      g.writeStartObject();
      g.writeStringField("problem", r.problem());
      g.writeStringField("data", r.data());
      g.writeNumberField("samples", r.samples());
      g.writeNumberField("features", r.features());
      g.writeFieldName("theta");
      array(g, r.theta());
      g.writeStringField("solver", r.solver());
      g.writeStringField("step", r.step());
      g.writeNumberField("iterations", r.iterations());
      if (r.converged() == null) {
        g.writeNullField("converged");   // no tolerance asked: no criterion to report against
      } else {
        g.writeBooleanField("converged", r.converged());
      }
      g.writeFieldName("residual");
      number(g, r.residual());
      g.writeFieldName("solveSeconds");
      number(g, r.solveSeconds());
      g.writeFieldName("x");
      array(g, r.x());
      g.writeArrayFieldStart("estimates");
      for (JacobianEstimate e : r.estimates()) {
        estimate(g, e);
      }
      g.writeEndArray();
      g.writeEndObject();
    }
    out.write('\n');
    out.flush();
  }

  private static void estimate(JsonGenerator g, JacobianEstimate e) throws IOException {
    g.writeStartObject();
    g.writeStringField("estimator", e.estimator());
    g.writeArrayFieldStart("jacobian");
    for (int i = 0; i < e.rows(); i++) {
      g.writeStartArray();
      for (int j = 0; j < e.cols(); j++) {
        number(g, e.get(i, j));
      }
      g.writeEndArray();
    }
    g.writeEndArray();
    g.writeFieldName("seconds");
    number(g, e.seconds());
    g.writeObjectFieldStart("diagnostics");
    Diagnostics d = e.diagnostics();
    count(g, "iterations", d.iterations());
    g.writeFieldName("optimalityResidual");
    number(g, d.optimalityResidual());
    g.writeStringField("linearSolver", d.linearSolver());
    count(g, "linearIterations", d.linearIterations());
    g.writeFieldName("linearResidual");
    number(g, d.linearResidual());
    g.writeFieldName("rho");
    number(g, d.rho());
    g.writeFieldName("thetaJacobianNorm");
    number(g, d.thetaJacobianNorm());
    g.writeFieldName("oneStepBound");
    number(g, d.oneStepBound());
    if (d.oneStepBoundNote() != null) {
      g.writeStringField("oneStepBoundNote", d.oneStepBoundNote());
    }
    g.writeEndObject();
    g.writeEndObject();
  }

  private static void array(JsonGenerator g, double[] v) throws IOException {
    g.writeStartArray();
    for (double x : v) {
      number(g, x);
    }
    g.writeEndArray();
  }

  /** A finite number, or null. */
  private static void number(JsonGenerator g, double v) throws IOException {
    if (Double.isFinite(v)) {
      g.writeNumber(v);
    } else {
      g.writeNull();
    }
  }

  /** A count, or null when it does not apply (negative). */
  private static void count(JsonGenerator g, String name, int v) throws IOException {
    if (v >= 0) {
      g.writeNumberField(name, v);
    } else {
      g.writeNullField(name);
    }
  }
}
