package dev.iterdiff.spark.config;

import com.typesafe.config.ConfigValueType;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;

/**
 * The iteration budgets k of a sweep ({@code sweep.solver.iterations}): one integer (every
 * instance runs k), a list {@code [10, 100, 1000]} (or the string {@code "10,100,1000"} that
 * {@code --set} and {@code --iterations} pass), or a grid written as a θ coordinate is —
 * {@code { values = [...] }}, {@code { linear { from, to, count } }},
 * {@code { log { from, to, count } }} — whose points are rounded to the nearest integer, the
 * repeats that rounding makes dropped. With more than one budget the iteration count is a
 * sweep axis: every θ instance runs once per budget.
 */
final class IterationGrid {

  private IterationGrid() {}

  /** What a value may be, for the messages. */
  static final String FORMS = "an integer >= 1, a list of them ([10, 100, 1000]) or a grid "
      + "({ values = [...] }, { linear { from, to, count } }, { log { from, to, count } })";

  /**
   * @param so       the solver object.
   * @param fallback the budget when the key is absent.
   * @return the budgets, in the order given, distinct, each ≥ 1; never empty.
   * @throws JobConfigException naming {@code sweep.solver.iterations} and the value: a
   *         non-integer, a value ≤ 0 or above 2³¹ − 1, an empty list, a repeat in a list.
   */
  static List<Integer> read(StrictConfig so, String key, int fallback) {
    if (!so.present(key)) {
      return List.of(fallback);
    }
    ConfigValueType type = so.type(key);
    if (type == ConfigValueType.OBJECT) {
      return fromRange(so, key);
    }
    List<String> items;
    if (type == ConfigValueType.NUMBER) {
      items = List.of(String.valueOf(so.number(key)));
    } else if (type == ConfigValueType.STRING || type == ConfigValueType.LIST) {
      try {
        items = so.strings(key);
      } catch (JobConfigException e) {
        throw bad(so, key, "expected " + FORMS + ", got " + so.rendered(key));
      }
    } else {
      throw bad(so, key, "expected " + FORMS + ", got " + so.rendered(key));
    }
    if (items.isEmpty()) {
      throw bad(so, key, "empty list: give at least one iteration count, got "
          + so.rendered(key));
    }
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      String item = items.get(i);
      String where = items.size() == 1 ? "" : "item " + (i + 1) + " of ";
      double d;
      try {
        d = Double.parseDouble(item);
      } catch (NumberFormatException e) {
        throw bad(so, key, "expected " + FORMS + ", " + where + "got " + so.rendered(key));
      }
      String shown = type == ConfigValueType.STRING && items.size() == 1
          ? item + so.origin(key) : so.rendered(key);
      String got = where.isEmpty() ? "got " + shown : where + shown + " is " + item;
      if (d != Math.rint(d)) {
        throw bad(so, key, got + ", not an integer");
      }
      if (d < 1 || d > Integer.MAX_VALUE) {
        throw bad(so, key, got + ": an iteration count must be >= 1 (and at most "
            + Integer.MAX_VALUE + ")");
      }
      if (out.contains((int) d)) {
        throw bad(so, key, "repeated iteration count " + (int) d + " in " + so.rendered(key));
      }
      out.add((int) d);
    }
    return List.copyOf(out);
  }

  /** A values / linear / log grid, rounded to integers, repeats dropped. */
  private static List<Integer> fromRange(StrictConfig so, String key) {
    ThetaCoordinate c = ThetaCoordinate.read(so.object(key));
    LinkedHashSet<Integer> out = new LinkedHashSet<>();
    for (double p : c.points()) {
      if (c instanceof ThetaCoordinate.Values && p != Math.rint(p)) {
        throw bad(so, key, "values " + so.rendered(key) + " hold " + fmt(p)
            + ", not an integer");
      }
      double r = Math.rint(p);
      if (r < 1 || r > Integer.MAX_VALUE) {
        throw bad(so, key, "the grid " + so.rendered(key) + " gives " + fmt(p)
            + ": an iteration count must be >= 1 (and at most " + Integer.MAX_VALUE + ")");
      }
      if (!out.add((int) r) && c instanceof ThetaCoordinate.Values) {
        throw bad(so, key, "repeated iteration count " + (int) r + " in " + so.rendered(key));
      }
    }
    return List.copyOf(out);
  }

  private static String fmt(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v)
        : String.format(Locale.ROOT, "%.6g", v);
  }

  private static JobConfigException bad(StrictConfig so, String key, String message) {
    return new JobConfigException(so.key(key), message);
  }
}
