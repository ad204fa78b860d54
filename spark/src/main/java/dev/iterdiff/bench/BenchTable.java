package dev.iterdiff.bench;

import java.util.List;
import java.util.Locale;

/** Renders benchmark rows as a fixed-width table for a person, or as CSV for a script. */
public final class BenchTable {

  private static final String CSV_HEADER = "setting,parametrization,n,m,iterations,rounds,"
      + "estimator,product,storage,baseline_ms,solve_ms,estimator_ms,ratio,extra,min_ratio,rel_error,status";

  private BenchTable() {}

  /** A fixed-width table, one line per row, with a header line. */
  public static String fixedWidth(List<BenchRow> rows) {
    StringBuilder sb = new StringBuilder();
    String head = String.format(Locale.ROOT,
        "%-24s %-18s %5s %5s %3s %4s  %-30s %-8s %-20s %10s %10s %10s %7s %7s %7s %8s  %s%n",
        "setting", "theta", "n", "m", "k", "runs", "estimator", "product", "storage", "solve0 ms",
        "solve ms", "est ms", "ratio", "extra", "ratio<", "rel.err", "status");
    sb.append(head);
    sb.append("-".repeat(head.length() - 1)).append('\n');
    for (BenchRow r : rows) {
      sb.append(String.format(Locale.ROOT,
          "%-24s %-18s %5d %5d %3d %4d  %-30s %-8s %-20s %10.2f %10.2f %10.2f %7.3f %7.3f %7.3f %8.1e  %s%n",
          r.setting(), r.parametrization(), r.n(), r.m(), r.iterations(), r.rounds(),
          r.estimator(), r.product(), r.storage(), r.baselineMs(), r.solveMs(), r.estimatorMs(), r.ratio(),
          r.extra(), r.minRatio(), r.relativeError(), r.status()));
    }
    return sb.toString();
  }

  /** CSV with a header line; text fields are quoted when they contain a comma or quote. */
  public static String csv(List<BenchRow> rows) {
    StringBuilder sb = new StringBuilder(CSV_HEADER).append('\n');
    for (BenchRow r : rows) {
      sb.append(String.join(",", quote(r.setting()), quote(r.parametrization()),
          Integer.toString(r.n()), Integer.toString(r.m()), Integer.toString(r.iterations()),
          Integer.toString(r.rounds()), quote(r.estimator()), quote(r.product()),
          quote(r.storage()), num(r.baselineMs()),
          num(r.solveMs()), num(r.estimatorMs()), num(r.ratio()), num(r.extra()),
          num(r.minRatio()), num(r.relativeError()), quote(r.status()))).append('\n');
    }
    return sb.toString();
  }

  private static String num(double v) {
    return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.6g", v);
  }

  private static String quote(String s) {
    if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0) {
      return s;
    }
    return '"' + s.replace("\"", "\"\"").replace('\n', ' ') + '"';
  }
}
