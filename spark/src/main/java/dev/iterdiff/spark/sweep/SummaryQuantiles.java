package dev.iterdiff.spark.sweep;

import java.io.Serializable;
import java.util.Locale;

/**
 * How a sweep's summary (and its report) computes medians and percentiles over the rows:
 * Spark SQL's exact {@code percentile}, or {@code percentile_approx} with an accuracy A.
 *
 * <p>The exact aggregate holds every distinct value of a group in one buffer (an open hash map
 * of boxed values, sorted into (value, count) pairs when evaluated), and in local mode that
 * buffer is in the driver's heap: measured here, the summary of 2·10⁶ rows (10⁶ instances ×
 * two estimators) fitted a 256 MiB driver, and that of 2·10⁷ rows ran a 1 GiB driver out of
 * heap. {@code percentile_approx} (Greenwald–Khanna summaries, Spark's
 * {@code ApproximatePercentile}) needs memory of order A·log(N/A) per group, whatever N, and
 * returns a value of the group whose rank is within N/A of the exact rank p·N (the
 * "relative rank error 1/A"); the exact percentile interpolates between the two values around
 * p·(N − 1), the approximate one returns one of the values.
 *
 * @param exact    whether the quantiles are exact.
 * @param accuracy A of {@code percentile_approx} (0 for exact).
 */
public record SummaryQuantiles(boolean exact, int accuracy) implements Serializable {

  /** Exact quantiles. */
  public static final SummaryQuantiles EXACT = new SummaryQuantiles(true, 0);

  /**
   * @throws IllegalArgumentException for an approximate method with accuracy &lt; 1.
   */
  public SummaryQuantiles {
    if (!exact && accuracy < 1) {
      throw new IllegalArgumentException("quantile accuracy must be >= 1, got " + accuracy);
    }
  }

  /**
   * The method for a sweep of {@code rows} result rows: exact up to {@code exactMaxRows},
   * approximate with {@code accuracy} above.
   */
  public static SummaryQuantiles forRows(long rows, long exactMaxRows, int accuracy) {
    return rows <= exactMaxRows ? EXACT : new SummaryQuantiles(false, accuracy);
  }

  /**
   * The aggregate of {@code column} (a SQL expression) at {@code percentages} (a SQL literal:
   * {@code 0.5} or {@code array(0.1, 0.9)}), as SQL text.
   */
  public String sql(String column, String percentages) {
    return exact ? "percentile(" + column + ", " + percentages + ")"
        : "percentile_approx(" + column + ", " + percentages + ", " + accuracy + ")";
  }

  /** What summary.json says: {@code exact} or {@code approx (relative rank error 1/A)}. */
  public String label() {
    return exact ? "exact"
        : String.format(Locale.ROOT, "approx (relative rank error 1/%d)", accuracy);
  }

  /**
   * The method summary.json names ({@link #label}); null or absent (a summary written before
   * the field existed) is exact.
   *
   * @throws IllegalArgumentException for any other text, naming it.
   */
  public static SummaryQuantiles parse(String label) {
    if (label == null || label.equals("exact")) {
      return EXACT;
    }
    java.util.regex.Matcher m = java.util.regex.Pattern
        .compile("approx \\(relative rank error 1/([1-9]\\d{0,8})\\)").matcher(label);
    if (!m.matches()) {
      throw new IllegalArgumentException("summary.json quantiles: expected 'exact' or "
          + "'approx (relative rank error 1/A)' with 1 <= A < 10^9, got '" + label + "'");
    }
    return new SummaryQuantiles(false, Integer.parseInt(m.group(1)));
  }
}
