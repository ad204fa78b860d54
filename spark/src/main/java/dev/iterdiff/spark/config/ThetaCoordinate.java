package dev.iterdiff.spark.config;

import java.io.Serializable;
import java.util.SplittableRandom;

/**
 * The values one coordinate θⱼ takes in a sweep: an explicit list, a linear range or a
 * logarithmic range. A grid takes the Cartesian product of the coordinates' {@link #points};
 * random sampling draws each coordinate with {@link #sample} (uniform over a list or a linear
 * range, log-uniform over a log range).
 */
public sealed interface ThetaCoordinate extends Serializable {

  /** The grid points, in order. Never empty. */
  double[] points();

  /** One random draw. */
  double sample(SplittableRandom rng);

  /** An explicit list of values. */
  record Values(double[] values) implements ThetaCoordinate {
    @Override
    public double[] points() {
      return values.clone();
    }

    @Override
    public double sample(SplittableRandom rng) {
      return values[rng.nextInt(values.length)];
    }
  }

  /** count points from..to, equally spaced (count = 1: from). */
  record Linear(double from, double to, int count) implements ThetaCoordinate {
    @Override
    public double[] points() {
      double[] p = new double[count];
      for (int i = 0; i < count; i++) {
        p[i] = count == 1 ? from : from + (to - from) * i / (count - 1);
      }
      return p;
    }

    @Override
    public double sample(SplittableRandom rng) {
      return from + (to - from) * rng.nextDouble();
    }
  }

  /** count points from..to (both > 0), equally spaced in log (count = 1: from). */
  record Log(double from, double to, int count) implements ThetaCoordinate {
    @Override
    public double[] points() {
      double[] p = new double[count];
      double a = Math.log(from);
      double b = Math.log(to);
      for (int i = 0; i < count; i++) {
        p[i] = count == 1 || i == 0 ? from : i == count - 1 ? to
            : Math.exp(a + (b - a) * i / (count - 1));
      }
      return p;
    }

    @Override
    public double sample(SplittableRandom rng) {
      return Math.exp(Math.log(from) + (Math.log(to) - Math.log(from)) * rng.nextDouble());
    }
  }

  /**
   * Reads one coordinate: {@code { values = [...] }}, {@code { linear { from, to, count } }}
   * or {@code { log { from, to, count } }}.
   *
   * @throws JobConfigException naming the key: unknown or missing form, empty list,
   *         count &lt; 1, a non-finite bound, a log bound ≤ 0.
   */
  static ThetaCoordinate read(StrictConfig c) {
    c.allowOnly("values", "linear", "log");
    int forms = (c.has("values") ? 1 : 0) + (c.has("linear") ? 1 : 0) + (c.has("log") ? 1 : 0);
    if (forms != 1) {
      throw new JobConfigException(c.path(), "give exactly one of values = [...], "
          + "linear { from, to, count }, log { from, to, count }; got " + forms);
    }
    if (c.has("values")) {
      double[] v = c.numbers("values");
      if (v.length == 0) {
        throw new JobConfigException(c.key("values"), "empty list: the grid would be empty");
      }
      for (int i = 0; i < v.length; i++) {
        if (!Double.isFinite(v[i])) {
          throw new JobConfigException(c.key("values"), "item " + (i + 1) + " is " + v[i]);
        }
      }
      return new Values(v);
    }
    boolean log = c.has("log");
    StrictConfig r = c.object(log ? "log" : "linear");
    r.allowOnly("from", "to", "count");
    double from = r.number("from");
    double to = r.number("to");
    int count = r.integer("count", -1);
    if (!r.has("count")) {
      throw new JobConfigException(r.key("count"), "missing (required)");
    }
    if (count < 1) {
      throw new JobConfigException(r.key("count"), "must be >= 1 (the grid would be empty), got "
          + count);
    }
    for (String k : new String[] {"from", "to"}) {
      double v = k.equals("from") ? from : to;
      if (!Double.isFinite(v) || (log && v <= 0)) {
        throw new JobConfigException(r.key(k), (log ? "must be finite and > 0 for a log range"
            : "must be finite") + ", got " + v);
      }
    }
    return log ? new Log(from, to, count) : new Linear(from, to, count);
  }
}
