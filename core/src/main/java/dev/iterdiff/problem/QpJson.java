package dev.iterdiff.problem;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A QP as one JSON object (a file, or one line of a JSON-lines instance file):
 * <pre>
 *   {"Q": [[…], …], "q": […], "A": [[…], …], "b": […], "G": [[…], …], "h": […],
 *    "theta": "b"}
 * </pre>
 * matrices as arrays of rows; A/b and G/h may be empty arrays or absent (no constraints of
 * that kind); {@code theta} (optional, default {@code b} when there are equalities, else
 * {@code q}) names the part θ replaces: q, b, h or Q-scale. NaN and Infinity are read as
 * numbers so that {@link QpData} names the entry. Every error is one line naming the source,
 * the field and the value.
 */
public final class QpJson {

  private final String text;
  private final String source;
  private int pos;

  private QpJson(String text, String source) {
    this.text = text;
    this.source = source;
  }

  /**
   * Parses and validates one QP.
   *
   * @param json   the JSON object.
   * @param source where it came from (a file, file:line), for messages.
   * @throws IllegalArgumentException naming the field: malformed JSON, a missing or unknown
   *         field, inconsistent dimensions, a non-finite entry, Q not PSD, A rank-deficient.
   */
  public static QuadraticProgram parse(String json, String source) {
    QpJson p = new QpJson(json, source);
    Object v = p.value();
    p.skip();
    if (p.pos != json.length() || !(v instanceof Map<?, ?> map)) {
      throw new IllegalArgumentException(source + ": expected one JSON object with fields Q, "
          + "q, A, b, G, h, theta");
    }
    for (Object k : map.keySet()) {
      if (!List.of("Q", "q", "A", "b", "G", "h", "theta").contains(k)) {
        throw new IllegalArgumentException(source + ": unknown field '" + k + "' (expected Q, "
            + "q, A, b, G, h, theta)");
      }
    }
    double[] q = vector(map, "q", source, true);
    int n = q.length;
    double[] b = vector(map, "b", source, false);
    double[] h = vector(map, "h", source, false);
    double[] q2 = matrix(map, "Q", n, n, source);
    double[] a = matrix(map, "A", b.length, n, source);
    double[] g = matrix(map, "G", h.length, n, source);
    Object t = map.get("theta");
    if (t != null && !(t instanceof String)) {
      throw new IllegalArgumentException(source + ": field theta must be one of \"q\", \"b\", "
          + "\"h\", \"Q-scale\", got " + t);
    }
    QuadraticProgram.Parameter part = t == null
        ? (b.length > 0 ? QuadraticProgram.Parameter.B : QuadraticProgram.Parameter.Q_LINEAR)
        : QuadraticProgram.Parameter.parse((String) t);
    return new QuadraticProgram(new QpData(n, q2, q, a, b, g, h, source), part);
  }

  private static double[] vector(Map<?, ?> map, String field, String source, boolean required) {
    Object v = map.get(field);
    if (v == null) {
      if (required) {
        throw new IllegalArgumentException(source + ": field " + field + " is missing");
      }
      return new double[0];
    }
    if (!(v instanceof List<?> list)) {
      throw new IllegalArgumentException(source + ": field " + field + " must be an array of "
          + "numbers, got " + v);
    }
    double[] out = new double[list.size()];
    for (int i = 0; i < out.length; i++) {
      if (!(list.get(i) instanceof Double d)) {
        throw new IllegalArgumentException(source + ": " + field + "[" + i + "] is not a "
            + "number: " + list.get(i));
      }
      out[i] = d;
    }
    return out;
  }

  /** Rows × cols column-major from an array of rows, each checked for its length. */
  private static double[] matrix(Map<?, ?> map, String field, int rows, int cols,
      String source) {
    Object v = map.get(field);
    List<?> list = v == null ? List.of() : v instanceof List<?> l ? l : null;
    if (list == null) {
      throw new IllegalArgumentException(source + ": field " + field + " must be an array of "
          + "rows, got " + v);
    }
    if (list.size() != rows) {
      throw new IllegalArgumentException(source + ": field " + field + " has " + list.size()
          + " rows, expected " + rows + " (inconsistent dimensions)");
    }
    double[] out = new double[rows * cols];
    for (int i = 0; i < rows; i++) {
      double[] row = vector(Map.of(field + "[" + i + "]", list.get(i)), field + "[" + i + "]",
          source, true);
      if (row.length != cols) {
        throw new IllegalArgumentException(source + ": row " + i + " of field " + field
            + " has " + row.length + " entries, expected n = " + cols
            + " (inconsistent dimensions)");
      }
      for (int j = 0; j < cols; j++) {
        out[i + j * rows] = row[j];
      }
    }
    return out;
  }

  private Object value() {
    skip();
    if (pos >= text.length()) {
      throw error("unexpected end of input");
    }
    char c = text.charAt(pos);
    if (c == '{') {
      pos++;
      Map<String, Object> map = new LinkedHashMap<>();
      skip();
      if (peek('}')) {
        return map;
      }
      do {
        skip();
        Object key = value();
        if (!(key instanceof String k)) {
          throw error("expected a field name");
        }
        skip();
        expect(':');
        map.put(k, value());
        skip();
      } while (peek(','));
      expect('}');
      return map;
    }
    if (c == '[') {
      pos++;
      List<Object> list = new ArrayList<>();
      skip();
      if (peek(']')) {
        return list;
      }
      do {
        list.add(value());
        skip();
      } while (peek(','));
      expect(']');
      return list;
    }
    if (c == '"') {
      int end = text.indexOf('"', pos + 1);
      if (end < 0) {
        throw error("unterminated string");
      }
      String s = text.substring(pos + 1, end);
      pos = end + 1;
      return s;
    }
    int start = pos;
    while (pos < text.length() && "+-.eE0123456789NaInfity".indexOf(text.charAt(pos)) >= 0) {
      pos++;
    }
    String token = text.substring(start, pos);
    if (token.equals("null")) {
      return null;
    }
    try {
      return Double.parseDouble(token);
    } catch (NumberFormatException e) {
      throw error("'" + (token.isEmpty() ? String.valueOf(c) : token) + "' is not a number");
    }
  }

  private void skip() {
    while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
      pos++;
    }
  }

  private boolean peek(char c) {
    if (pos < text.length() && text.charAt(pos) == c) {
      pos++;
      return true;
    }
    return false;
  }

  private void expect(char c) {
    if (!peek(c)) {
      throw error("expected '" + c + "'");
    }
  }

  private IllegalArgumentException error(String what) {
    return new IllegalArgumentException(source + ": malformed JSON at character " + pos + ": "
        + what);
  }
}
