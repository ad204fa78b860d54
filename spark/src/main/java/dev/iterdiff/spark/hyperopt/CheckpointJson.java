package dev.iterdiff.spark.hyperopt;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.iterdiff.bilevel.OuterState;
import dev.iterdiff.bilevel.OuterStep;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The JSON document of a {@link HyperoptCheckpoint} (format
 * {@value HyperoptCheckpoint#FORMAT}, version {@value HyperoptCheckpoint#VERSION}), written and
 * read field by field with Jackson's tree model: no class names in the file and nothing but
 * numbers, strings and arrays of numbers come out of it, so a hostile file can at worst be
 * refused. Doubles are written by {@link Double#toString} and read by the parser's
 * {@code Double.parseDouble}, which round-trip every double bit for bit (−0.0 included); NaN and
 * ±∞, which JSON has no numbers for, are the strings {@code "NaN"}, {@code "Infinity"},
 * {@code "-Infinity"}.
 */
final class CheckpointJson {

  static final ObjectMapper MAPPER = new ObjectMapper();

  private final String file;

  private CheckpointJson(String file) {
    this.file = file;
  }

  /** The document of a checkpoint, as UTF-8 bytes. */
  static byte[] encode(HyperoptCheckpoint cp) throws IOException {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("format", HyperoptCheckpoint.FORMAT);
    root.put("version", HyperoptCheckpoint.VERSION);
    OuterState s = cp.state();
    root.put("config_fingerprint", s.fingerprint);
    ArrayNode data = root.putArray("data");
    for (HyperoptCheckpoint.DataDigest d : cp.data()) {
      data.addObject().put("path", d.path()).put("sha256", d.sha256());
    }
    root.put("warm_starts", cp.warmDir());
    ObjectNode o = root.putObject("state");
    o.put("iteration", s.iteration);
    array(o, "phi", s.phi);
    array(o, "anchor_phi", s.anchorPhi);
    array(o, "anchor_gradient", s.anchorGradient);
    num(o, "anchor_value", s.anchorValue);
    num(o, "anchor_tolerance", s.anchorTolerance);
    num(o, "step", s.step);
    num(o, "tolerance", s.tolerance);
    array(o, "adam_m", s.adamM);
    array(o, "adam_v", s.adamV);
    o.put("adam_t", s.adamT);
    array(o, "best_phi", s.bestPhi);
    num(o, "best_value", s.bestValue);
    o.put("stop_reason", s.stopReason);
    ArrayNode history = o.putArray("history");
    for (OuterStep h : s.history) {
      ObjectNode r = history.addObject();
      r.put("iteration", h.iteration());
      array(r, "theta", h.theta());
      num(r, "value", h.value());
      num(r, "gradient_norm", h.gradientNorm());
      r.put("accepted", h.accepted());
      num(r, "misclassification", h.misclassification());
      r.put("inner_iterations", h.innerIterations());
      r.put("solves", h.solves());
      num(r, "inner_tolerance", h.innerTolerance());
      num(r, "step", h.stepSize());
      num(r, "seconds", h.seconds());
    }
    return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
  }

  /**
   * Reads a checkpoint document.
   *
   * @param file named in messages.
   * @throws IllegalArgumentException naming the file (and the field) when the bytes are not
   *         JSON, not a checkpoint, of another version, or miss or mistype a field.
   */
  static HyperoptCheckpoint decode(byte[] bytes, String file) {
    JsonNode root;
    try {
      root = MAPPER.readTree(bytes);
    } catch (JsonProcessingException e) {
      String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr()
          + ", column " + e.getLocation().getColumnNr();
      throw new IllegalArgumentException("checkpoint " + file + " is not valid JSON ("
          + e.getOriginalMessage() + where + "): it was cut short or is not a checkpoint");
    } catch (IOException e) {
      throw new IllegalArgumentException("checkpoint " + file + ": " + e.getMessage());
    }
    CheckpointJson r = new CheckpointJson(file);
    if (root == null || !root.isObject()
        || !HyperoptCheckpoint.FORMAT.equals(root.path("format").asText(null))) {
      throw new IllegalArgumentException("checkpoint " + file + " is not an iterdiff hyperopt "
          + "checkpoint (no \"format\": \"" + HyperoptCheckpoint.FORMAT + "\")");
    }
    JsonNode version = root.get("version");
    if (version == null || !version.isInt() || version.intValue() != HyperoptCheckpoint.VERSION) {
      throw new IllegalArgumentException("checkpoint " + file + " has version "
          + (version == null ? "(none)" : version.toString()) + "; this iterdiff reads version "
          + HyperoptCheckpoint.VERSION + " only");
    }
    JsonNode o = r.field(root, "state", "");
    double[] phi = r.array(o, "phi", "state.", false);
    OuterState s = new OuterState(r.text(root, "config_fingerprint", "", false), phi,
        r.num(o, "tolerance", "state."));
    s.iteration = r.integer(o, "iteration", "state.");
    s.anchorPhi = r.array(o, "anchor_phi", "state.", true);
    s.anchorGradient = r.array(o, "anchor_gradient", "state.", true);
    s.anchorValue = r.num(o, "anchor_value", "state.");
    s.anchorTolerance = r.num(o, "anchor_tolerance", "state.");
    s.step = r.num(o, "step", "state.");
    s.adamM = r.array(o, "adam_m", "state.", false);
    s.adamV = r.array(o, "adam_v", "state.", false);
    s.adamT = r.integer(o, "adam_t", "state.");
    s.bestPhi = r.array(o, "best_phi", "state.", true);
    s.bestValue = r.num(o, "best_value", "state.");
    s.stopReason = r.text(o, "stop_reason", "state.", true);
    JsonNode history = r.field(o, "history", "state.");
    if (!history.isArray()) {
      throw r.bad("state.history", "an array", history);
    }
    for (int k = 0; k < history.size(); k++) {
      JsonNode h = history.get(k);
      String at = "state.history[" + k + "].";
      s.history.add(new OuterStep(r.integer(h, "iteration", at), r.array(h, "theta", at, false),
          r.num(h, "value", at), r.num(h, "gradient_norm", at), r.bool(h, "accepted", at),
          r.num(h, "misclassification", at), r.longInteger(h, "inner_iterations", at),
          r.integer(h, "solves", at), r.num(h, "inner_tolerance", at), r.num(h, "step", at),
          r.num(h, "seconds", at)));
    }
    for (double[] a : new double[][] {s.anchorPhi, s.anchorGradient, s.adamM, s.adamV,
        s.bestPhi}) {
      if (a != null && a.length != phi.length) {
        throw new IllegalArgumentException("checkpoint " + file + ": the state's vectors have "
            + "different lengths (" + phi.length + " and " + a.length + ")");
      }
    }
    List<HyperoptCheckpoint.DataDigest> data = new ArrayList<>();
    JsonNode d = r.field(root, "data", "");
    if (!d.isArray()) {
      throw r.bad("data", "an array", d);
    }
    for (int k = 0; k < d.size(); k++) {
      data.add(new HyperoptCheckpoint.DataDigest(r.text(d.get(k), "path", "data[" + k + "].",
          false), r.text(d.get(k), "sha256", "data[" + k + "].", false)));
    }
    return new HyperoptCheckpoint(s, r.text(root, "warm_starts", "", true), data);
  }

  private static void num(ObjectNode o, String key, double v) {
    if (Double.isFinite(v)) {
      o.put(key, v);
    } else {
      o.put(key, Double.toString(v));
    }
  }

  private static void array(ObjectNode o, String key, double[] a) {
    if (a == null) {
      o.putNull(key);
      return;
    }
    ArrayNode n = o.putArray(key);
    for (double v : a) {
      if (Double.isFinite(v)) {
        n.add(v);
      } else {
        n.add(Double.toString(v));
      }
    }
  }

  private JsonNode field(JsonNode o, String key, String at) {
    JsonNode v = o == null ? null : o.get(key);
    if (v == null) {
      throw new IllegalArgumentException("checkpoint " + file + ": missing field " + at + key);
    }
    return v;
  }

  private IllegalArgumentException bad(String key, String expected, JsonNode got) {
    String shown = got.toString();
    return new IllegalArgumentException("checkpoint " + file + ": field " + key + " must be "
        + expected + ", got " + (shown.length() > 40 ? shown.substring(0, 40) + "…" : shown));
  }

  private double num(JsonNode o, String key, String at) {
    return toDouble(field(o, key, at), at + key);
  }

  private double toDouble(JsonNode v, String key) {
    if (v.isNumber()) {
      return v.doubleValue();
    }
    switch (v.isTextual() ? v.textValue() : "") {
      case "NaN": return Double.NaN;
      case "Infinity": return Double.POSITIVE_INFINITY;
      case "-Infinity": return Double.NEGATIVE_INFINITY;
      default: throw bad(key, "a number", v);
    }
  }

  private double[] array(JsonNode o, String key, String at, boolean nullable) {
    JsonNode v = field(o, key, at);
    if (v.isNull() && nullable) {
      return null;
    }
    if (!v.isArray()) {
      throw bad(at + key, "an array of numbers", v);
    }
    double[] a = new double[v.size()];
    for (int j = 0; j < a.length; j++) {
      a[j] = toDouble(v.get(j), at + key + "[" + j + "]");
    }
    return a;
  }

  private int integer(JsonNode o, String key, String at) {
    JsonNode v = field(o, key, at);
    if (!v.isInt()) {
      throw bad(at + key, "an integer", v);
    }
    return v.intValue();
  }

  private long longInteger(JsonNode o, String key, String at) {
    JsonNode v = field(o, key, at);
    if (!v.isIntegralNumber() || !v.canConvertToLong()) {
      throw bad(at + key, "an integer", v);
    }
    return v.longValue();
  }

  private boolean bool(JsonNode o, String key, String at) {
    JsonNode v = field(o, key, at);
    if (!v.isBoolean()) {
      throw bad(at + key, "true or false", v);
    }
    return v.booleanValue();
  }

  private String text(JsonNode o, String key, String at, boolean nullable) {
    JsonNode v = field(o, key, at);
    if (v.isNull() && nullable) {
      return null;
    }
    if (!v.isTextual()) {
      throw bad(at + key, "a string", v);
    }
    return v.textValue();
  }
}
