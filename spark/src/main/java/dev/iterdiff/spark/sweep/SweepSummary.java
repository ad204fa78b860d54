package dev.iterdiff.spark.sweep;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The per-estimator summary of a sweep (rows, failures, median Jacobian error, median cost
 * ratio to the solve), as printed at the end of a run and written as {@code summary.json}
 * beside the Parquet. Medians are exact, the mean of the two middle values for an even
 * count — Spark SQL's {@code percentile(col, 0.5)}, so a summary computed here from rows and
 * one aggregated by Spark agree — unless the sweep has more rows than
 * {@code sweep.summary.exact-quantiles-max-rows}: then Spark aggregates them with
 * {@code percentile_approx} ({@link SummaryQuantiles}), and summary.json says so
 * ({@code "quantiles"}).
 *
 * @param name       job name.
 * @param instances  number of instances.
 * @param seconds    wall time of the run.
 * @param estimators one summary per estimator, in config order.
 * @param quantiles  how the medians (and the context's percentiles) were computed.
 */
public record SweepSummary(String name, long instances, double seconds,
    List<EstimatorSummary> estimators, SummaryQuantiles quantiles) {

  /** A summary with exact medians. */
  public SweepSummary(String name, long instances, double seconds,
      List<EstimatorSummary> estimators) {
    this(name, instances, seconds, estimators, SummaryQuantiles.EXACT);
  }

  /**
   * What the run was, written into summary.json beside the per-estimator numbers.
   *
   * @param version        the iterdiff version.
   * @param config         the config (its {@code resolved} text becomes {@code "config"}).
   * @param solveQuantiles 10th, 50th, 90th percentile of the solve time per instance (ok).
   * @param errorQuantiles per estimator, 10th and 90th percentile of the Jacobian error.
   * @param costQuantiles  per estimator, 10th and 90th percentile of the cost ratio.
   */
  public record Context(String version, dev.iterdiff.spark.config.SweepConfig config,
      double[] solveQuantiles, java.util.Map<String, double[]> errorQuantiles,
      java.util.Map<String, double[]> costQuantiles, List<IterationSummary> byIterations) {

    /** Without an iteration axis. */
    public Context(String version, dev.iterdiff.spark.config.SweepConfig config,
        double[] solveQuantiles, java.util.Map<String, double[]> errorQuantiles,
        java.util.Map<String, double[]> costQuantiles) {
      this(version, config, solveQuantiles, errorQuantiles, costQuantiles, List.of());
    }
  }

  /** Summarizes rows computed in this process, estimators in the given order. */
  public static SweepSummary of(String name, long instances, double seconds,
      List<String> estimatorOrder, List<SweepRow> rows) {
    List<EstimatorSummary> out = new ArrayList<>();
    for (String e : estimatorOrder) {
      long count = 0;
      long failures = 0;
      List<Double> errors = new ArrayList<>();
      List<Double> ratios = new ArrayList<>();
      List<Double> solves = new ArrayList<>();
      for (SweepRow r : rows) {
        if (!r.estimator().equals(e)) {
          continue;
        }
        count++;
        if (!r.ok()) {
          failures++;
          continue;
        }
        if (!Double.isNaN(r.jacobianError())) {
          errors.add(r.jacobianError());
        }
        if (r.solveSeconds() > 0) {
          ratios.add(r.diffSeconds() / r.solveSeconds());
        }
        solves.add(r.solveSeconds());
      }
      out.add(new EstimatorSummary(e, count, failures, median(errors), median(ratios),
          median(solves)));
    }
    return new SweepSummary(name, instances, seconds, out);
  }

  /** Exact median; NaN for no values. */
  static double median(List<Double> values) {
    if (values.isEmpty()) {
      return Double.NaN;
    }
    double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
    Arrays.sort(v);
    int n = v.length;
    return n % 2 == 1 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
  }

  /** A table for a person. */
  public String table() {
    StringBuilder b = new StringBuilder();
    b.append(String.format(Locale.ROOT, "%s: %d instances in %.2f s (%.1f instances/s)%n", name,
        instances, seconds, seconds > 0 ? instances / seconds : Double.NaN));
    b.append(String.format(Locale.ROOT, "median solve: %s s per instance%n",
        fmt(medianSolveSeconds())));
    b.append(String.format(Locale.ROOT, "%-18s %8s %8s %14s %14s%n", "estimator", "rows",
        "failed", "median error", "median cost"));
    for (EstimatorSummary e : estimators) {
      b.append(String.format(Locale.ROOT, "%-18s %8d %8d %14s %14s%n", e.estimator(),
          e.rows(), e.failures(), fmt(e.medianError()), fmt(e.medianCostRatio())));
    }
    b.append("(error: relative Frobenius error against the reference; cost: "
        + "differentiation time / solve time)\n");
    if (!quantiles.exact()) {
      b.append("(medians: " + quantiles.label() + ", Spark's percentile_approx: more rows "
          + "than sweep.summary.exact-quantiles-max-rows)\n");
    }
    return b.toString();
  }

  /**
   * The median solve time: one solve per instance is shared by all estimators, so it is the
   * same for each (the first estimator's with ok rows).
   */
  public double medianSolveSeconds() {
    for (EstimatorSummary e : estimators) {
      if (!Double.isNaN(e.medianSolveSeconds())) {
        return e.medianSolveSeconds();
      }
    }
    return Double.NaN;
  }

  private static String fmt(double v) {
    return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.3e", v);
  }

  /** The JSON written as summary.json (Jackson, one line); NaN as null. */
  public String json() {
    return json(null);
  }

  /**
   * The JSON written as summary.json (Jackson, one line; NaN as null), with the run id that
   * wrote the rows and the total row count it was computed from ({@code "run_id"},
   * {@code "rows"}; left out for a null run id).
   */
  public String json(String runId) {
    return json(runId, null);
  }

  /**
   * The same with what the run was ({@code context}, may be null): the version, the problem,
   * the solver (name, step, iterations, tolerance), the reference, the solve time's quantiles
   * (once: the solve is shared by the estimators), per estimator the 10th and 90th percentiles
   * of the error and the cost ratio, and the whole config ({@code "config"}); with a context
   * (and always for approximate quantiles) {@code "quantiles"} names how medians and
   * percentiles were computed ({@link SummaryQuantiles#label}).
   */
  public String json(String runId, Context context) {
    StringWriter text = new StringWriter();
    try (JsonGenerator g = new JsonFactory().createGenerator(text)) {
      g.writeStartObject();
      g.writeStringField("name", name);
      if (runId != null) {
        g.writeStringField("run_id", runId);
        g.writeNumberField("rows", estimators.stream().mapToLong(EstimatorSummary::rows).sum());
      }
      g.writeNumberField("instances", instances);
      number(g, "seconds", seconds);
      if (context != null || !quantiles.exact()) {
        g.writeStringField("quantiles", quantiles.label());
      }
      if (context != null) {
        g.writeStringField("version", context.version());
        var c = context.config();
        g.writeStringField("problem", c.problem().name());
        g.writeObjectFieldStart("solver");
        g.writeStringField("name", c.solver().name());
        g.writeStringField("step", c.solver().step());
        iterations(g, c);
        number(g, "tol", c.solver().tolerance());
        g.writeEndObject();
        if (c.reference() == null) {
          g.writeNullField("reference");
        } else {
          var r = c.reference();
          g.writeObjectFieldStart("reference");
          g.writeStringField("estimator", r.estimator());
          g.writeStringField("solver", r.solver() != null ? r.solver() : c.solver().name());
          if (r.iterations() > 0) {
            g.writeNumberField("iterations", r.iterations());
          } else {
            iterations(g, c); // the instance's own budget
          }
          number(g, "tol", r.tolerance());
          g.writeEndObject();
        }
        double[] q = context.solveQuantiles();
        g.writeObjectFieldStart("solve_seconds");
        number(g, "p10", q[0]);
        number(g, "median", q[1]);
        number(g, "p90", q[2]);
        g.writeEndObject();
      } else {
        number(g, "median_solve_seconds", medianSolveSeconds());
      }
      g.writeArrayFieldStart("estimators");
      for (EstimatorSummary e : estimators) {
        g.writeStartObject();
        g.writeStringField("estimator", e.estimator());
        g.writeNumberField("rows", e.rows());
        g.writeNumberField("failures", e.failures());
        number(g, "median_error", e.medianError());
        if (context != null) {
          double[] eq = context.errorQuantiles().getOrDefault(e.estimator(), NONE);
          number(g, "error_p10", eq[0]);
          number(g, "error_p90", eq[1]);
        }
        number(g, "median_cost_ratio", e.medianCostRatio());
        if (context != null) {
          double[] cq = context.costQuantiles().getOrDefault(e.estimator(), NONE);
          number(g, "cost_ratio_p10", cq[0]);
          number(g, "cost_ratio_p90", cq[1]);
        }
        g.writeEndObject();
      }
      g.writeEndArray();
      if (context != null && !context.byIterations().isEmpty()) {
        byIterations(g, context.byIterations());
      }
      if (context != null && context.config().resolved() != null) {
        g.writeFieldName("config");
        g.writeRawValue(context.config().resolved());
      }
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return text.append('\n').toString();
  }

  private static final double[] NONE = {Double.NaN, Double.NaN};

  /** The solver's budget: a number, or the list of budgets when k is a sweep axis. */
  private static void iterations(JsonGenerator g,
      dev.iterdiff.spark.config.SweepConfig c) throws IOException {
    if (!c.sweepsIterations()) {
      g.writeNumberField("iterations", c.solver().iterations());
      return;
    }
    g.writeArrayFieldStart("iterations");
    for (int k : c.iterationGrid()) {
      g.writeNumber(k);
    }
    g.writeEndArray();
  }

  /** {@code "by_iterations"}: per (k, estimator) the numbers of {@link IterationSummary}. */
  private static void byIterations(JsonGenerator g, List<IterationSummary> entries)
      throws IOException {
    g.writeArrayFieldStart("by_iterations");
    for (IterationSummary s : entries) {
      g.writeStartObject();
      g.writeNumberField("iterations", s.k());
      g.writeStringField("estimator", s.estimator());
      g.writeNumberField("rows", s.rows());
      g.writeNumberField("failures", s.failures());
      number(g, "median_error", s.medianError());
      number(g, "error_p10", s.errorP10());
      number(g, "error_p90", s.errorP90());
      number(g, "median_cost_ratio", s.medianCostRatio());
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  private static void number(JsonGenerator g, String key, double v) throws IOException {
    if (Double.isFinite(v)) {
      g.writeNumberField(key, v);
    } else {
      g.writeNullField(key);
    }
  }
}
