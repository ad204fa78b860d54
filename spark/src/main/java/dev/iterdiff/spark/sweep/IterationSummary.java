package dev.iterdiff.spark.sweep;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import dev.iterdiff.spark.config.SweepConfig;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The summary of a sweep whose iteration count is an axis, per (iteration budget k,
 * estimator): rows, failures, the median and 10th / 90th percentile of the Jacobian error and
 * the median cost ratio (differentiation / solve) over the ok rows — what the error of each
 * estimator does as k grows, the curve of the one-step and curse-of-unrolling papers. By the
 * summary's quantile method ({@link SummaryQuantiles}), as the per-estimator summary.
 *
 * @param k          the budget ({@code max_iterations}).
 * @param estimator  estimator name.
 * @param rows       rows of this estimator at this budget.
 * @param failures   rows whose status is not ok.
 * @param medianError median relative Jacobian error (NaN without a reference).
 * @param errorP10   its 10th percentile.
 * @param errorP90   its 90th percentile.
 * @param medianCostRatio median of diff_seconds / solve_seconds.
 */
public record IterationSummary(int k, String estimator, long rows, long failures,
    double medianError, double errorP10, double errorP90, double medianCostRatio)
    implements Serializable {

  /**
   * One entry per (k, estimator), k ascending, estimators in config order; empty unless the
   * config sweeps the iteration count.
   */
  public static List<IterationSummary> of(Dataset<Row> rows, SweepConfig config) {
    return of(rows, config, SummaryQuantiles.EXACT);
  }

  /** The same with the summary's quantile method (exact, or approximate on many rows). */
  public static List<IterationSummary> of(Dataset<Row> rows, SweepConfig config,
      SummaryQuantiles q) {
    if (!config.sweepsIterations()) {
      return List.of();
    }
    Dataset<Row> ok = rows.withColumn("ok", col("status").equalTo(lit(SweepRow.OK)));
    List<IterationSummary> out = new ArrayList<>();
    for (Row r : ok.where(col(SweepRowSchema.MAX_ITERATIONS).isNotNull())
        .groupBy(SweepRowSchema.MAX_ITERATIONS, "estimator")
        .agg(count(lit(1)), sum(when(col("ok"), 0).otherwise(1)),
            expr(q.sql("CASE WHEN ok THEN jacobian_error END", "array(0.5, 0.1, 0.9)")),
            expr(q.sql("CASE WHEN ok AND solve_seconds > 0 THEN diff_seconds / "
                + "solve_seconds END", "0.5")))
        .collectAsList()) {
      double[] e = {Double.NaN, Double.NaN, Double.NaN};
      if (!r.isNullAt(4)) {
        List<Object> v = r.getList(4);
        for (int i = 0; i < 3; i++) {
          e[i] = ((Number) v.get(i)).doubleValue();
        }
      }
      out.add(new IterationSummary(r.getInt(0), r.getString(1), r.getLong(2), r.getLong(3),
          e[0], e[1], e[2], r.isNullAt(5) ? Double.NaN : ((Number) r.get(5)).doubleValue()));
    }
    List<String> order = config.estimators();
    out.sort(Comparator.comparingInt(IterationSummary::k)
        .thenComparingInt(s -> order.indexOf(s.estimator())));
    return List.copyOf(out);
  }

  /**
   * The median errors as a table for a person: one line per budget, one column per estimator
   * ("-" without a value); empty for no entries.
   */
  public static String table(List<IterationSummary> entries, List<String> estimators) {
    if (entries.isEmpty()) {
      return "";
    }
    StringBuilder b = new StringBuilder("median error by iterations k:\n");
    b.append(String.format(Locale.ROOT, "%8s", "k"));
    for (String e : estimators) {
      b.append(String.format(Locale.ROOT, " %16s", e));
    }
    b.append('\n');
    List<Integer> ks = entries.stream().map(IterationSummary::k).distinct().toList();
    for (int k : ks) {
      b.append(String.format(Locale.ROOT, "%8d", k));
      for (String e : estimators) {
        double v = Double.NaN;
        for (IterationSummary s : entries) {
          if (s.k() == k && s.estimator().equals(e)) {
            v = s.medianError();
          }
        }
        b.append(String.format(Locale.ROOT, " %16s", Double.isNaN(v) ? "-"
            : String.format(Locale.ROOT, "%.3e", v)));
      }
      b.append('\n');
    }
    return b.toString();
  }
}
