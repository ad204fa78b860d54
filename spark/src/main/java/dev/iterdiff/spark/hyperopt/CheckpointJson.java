package dev.iterdiff.spark.hyperopt;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.iterdiff.bilevel.OptimizerState;
import dev.iterdiff.bilevel.OuterState;
import dev.iterdiff.bilevel.OuterStep;
import dev.iterdiff.bilevel.Parametrization;
import dev.iterdiff.bilevel.Parametrizations;
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
 *
 * <p>Version 2 (the generic outer loop) holds the parametrization (name and bounds of φ) and
 * the optimizer's state as one object ({@code anchor}, {@code step}, {@code tolerance},
 * {@code moments}, {@code updates}). Version 1 (φ = log θ, the anchor and Adam's m, v, t as
 * separate fields) is still read: its parametrization is {@code log}, with the bounds the
 * resuming config gives ({@link OuterState#withParametrization}).
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
    root.put("config_fingerprint", s.fingerprint());
    ArrayNode data = root.putArray("data");
    for (HyperoptCheckpoint.DataDigest d : cp.data()) {
      data.addObject().put("path", d.path()).put("sha256", d.sha256());
    }
    root.put("warm_starts", cp.warmDir());
    ObjectNode o = root.putObject("state");
    o.put("iteration", s.iteration);
    array(o, "phi", s.phi());
    ObjectNode p = o.putObject("parametrization");
    p.put("name", s.parametrization().name());
    num(p, "lower", s.parametrization().lower());
    num(p, "upper", s.parametrization().upper());
    OptimizerState os = s.optimizer();
    ObjectNode opt = o.putObject("optimizer");
    if (os.anchor() == null) {
      opt.putNull("anchor");
    } else {
      ObjectNode a = opt.putObject("anchor");
      array(a, "phi", os.anchor().phi());
      array(a, "gradient", os.anchor().gradient());
      num(a, "value", os.anchor().value());
      num(a, "tolerance", os.anchor().tolerance());
    }
    num(opt, "step", os.step());
    num(opt, "tolerance", os.tolerance());
    ArrayNode moments = opt.putArray("moments");
    for (double[] v : os.moments()) {
      ArrayNode n = moments.addArray();
      for (double x : v) {
        element(n, x);
      }
    }
    opt.put("updates", os.updates());
    array(o, "best_phi", s.bestPhi());
    num(o, "best_value", s.bestValue());
    o.put("stop_reason", s.stopReason());
    ArrayNode history = o.putArray("history");
    for (OuterStep h : s.history()) {
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
    if (version == null || !version.isInt() || (version.intValue() != HyperoptCheckpoint.VERSION
        && version.intValue() != 1)) {
      throw new IllegalArgumentException("checkpoint " + file + " has version "
          + (version == null ? "(none)" : version.toString()) + "; this iterdiff reads versions "
          + "1 and " + HyperoptCheckpoint.VERSION + " only");
    }
    boolean v1 = version.intValue() == 1;
    JsonNode o = r.field(root, "state", "");
    double[] phi = r.array(o, "phi", "state.", false);
    String fingerprint = r.text(root, "config_fingerprint", "", false);
    int iteration = r.integer(o, "iteration", "state.");
    Parametrization param = v1 ? Parametrizations.create("log", -25, 25) : r.parametrization(o);
    OptimizerState os = v1 ? r.optimizerV1(o, phi.length) : r.optimizer(o, phi.length);
    double[] bestPhi = r.array(o, "best_phi", "state.", true);
    double bestValue = r.num(o, "best_value", "state.");
    String stop = r.text(o, "stop_reason", "state.", true);
    JsonNode history = r.field(o, "history", "state.");
    if (!history.isArray()) {
      throw r.bad("state.history", "an array", history);
    }
    List<OuterStep> steps = new ArrayList<>();
    for (int k = 0; k < history.size(); k++) {
      JsonNode h = history.get(k);
      String at = "state.history[" + k + "].";
      steps.add(new OuterStep(r.integer(h, "iteration", at), r.array(h, "theta", at, false),
          r.num(h, "value", at), r.num(h, "gradient_norm", at), r.bool(h, "accepted", at),
          r.num(h, "misclassification", at), r.longInteger(h, "inner_iterations", at),
          r.integer(h, "solves", at), r.num(h, "inner_tolerance", at), r.num(h, "step", at),
          r.num(h, "seconds", at)));
    }
    OuterState s;
    try {
      s = new OuterState(fingerprint, param, iteration, phi, os, bestPhi, bestValue, steps,
          stop);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("checkpoint " + file + ": the state's vectors have "
          + "different lengths (" + e.getMessage() + ")");
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

  /** Version 2: {@code state.parametrization}. */
  private Parametrization parametrization(JsonNode o) {
    JsonNode p = field(o, "parametrization", "state.");
    String name = text(p, "name", "state.parametrization.", false);
    double lower = num(p, "lower", "state.parametrization.");
    double upper = num(p, "upper", "state.parametrization.");
    try {
      return Parametrizations.create(name, lower, upper);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("checkpoint " + file + ": state.parametrization: "
          + e.getMessage());
    }
  }

  /** Version 2: {@code state.optimizer}. */
  private OptimizerState optimizer(JsonNode o, int dim) {
    JsonNode opt = field(o, "optimizer", "state.");
    String at = "state.optimizer.";
    JsonNode a = field(opt, "anchor", at);
    OptimizerState.Anchor anchor = null;
    if (!a.isNull()) {
      anchor = anchor(array(a, "phi", at + "anchor.", false),
          array(a, "gradient", at + "anchor.", false), num(a, "value", at + "anchor."),
          num(a, "tolerance", at + "anchor."), dim);
    }
    JsonNode m = field(opt, "moments", at);
    if (!m.isArray()) {
      throw bad(at + "moments", "an array of arrays", m);
    }
    double[][] moments = new double[m.size()][];
    for (int i = 0; i < moments.length; i++) {
      moments[i] = array(m, i, at + "moments");
    }
    return new OptimizerState(anchor, num(opt, "step", at), num(opt, "tolerance", at),
        moments, integer(opt, "updates", at));
  }

  /** Version 1: the anchor and Adam's moments as separate fields of {@code state}. */
  private OptimizerState optimizerV1(JsonNode o, int dim) {
    double[] anchorPhi = array(o, "anchor_phi", "state.", true);
    double[] anchorGradient = array(o, "anchor_gradient", "state.", true);
    OptimizerState.Anchor anchor = anchorPhi == null || anchorGradient == null ? null
        : anchor(anchorPhi, anchorGradient, num(o, "anchor_value", "state."),
            num(o, "anchor_tolerance", "state."), dim);
    double[][] moments = {array(o, "adam_m", "state.", false),
        array(o, "adam_v", "state.", false)};
    return new OptimizerState(anchor, num(o, "step", "state."), num(o, "tolerance", "state."),
        moments, integer(o, "adam_t", "state."));
  }

  private OptimizerState.Anchor anchor(double[] phi, double[] gradient, double value,
      double tolerance, int dim) {
    if (phi.length != dim || gradient.length != dim) {
      throw new IllegalArgumentException("checkpoint " + file + ": the state's vectors have "
          + "different lengths (" + dim + " and " + (phi.length != dim ? phi.length
              : gradient.length) + ")");
    }
    return new OptimizerState.Anchor(phi, gradient, value, tolerance);
  }

  private double[] array(JsonNode list, int i, String key) {
    JsonNode v = list.get(i);
    if (!v.isArray()) {
      throw bad(key + "[" + i + "]", "an array of numbers", v);
    }
    double[] a = new double[v.size()];
    for (int j = 0; j < a.length; j++) {
      a[j] = toDouble(v.get(j), key + "[" + i + "][" + j + "]");
    }
    return a;
  }

  private static void element(ArrayNode n, double v) {
    if (Double.isFinite(v)) {
      n.add(v);
    } else {
      n.add(Double.toString(v));
    }
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
