package dev.iterdiff.cli;

import dev.iterdiff.diff.Diagnostics;
import dev.iterdiff.diff.JacobianEstimate;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * The {@code --format table} output of {@code iterdiff jacobian}: a summary for a person
 * (not a contract — scripts use JSON). The solve, one line per estimator (time, ‖J‖_F,
 * relative Frobenius distance ‖J − J_ref‖_F/‖J_ref‖_F to the reference estimate — implicit
 * when present, else the first — and the diagnostics), then the reference Jacobian's top-left
 * corner.
 */
final class JacobianTable {

  /** Rows and columns of J (and entries of x) shown. */
  static final int SHOWN = 8;

  private JacobianTable() {}

  /** Writes the summary to {@code out} (flushed). */
  static void write(JacobianReport r, PrintWriter out) {
    out.printf(Locale.ROOT, "problem   %s on %s (%d samples x %d features), theta = %s%n",
        r.problem(), r.data(), r.samples(), r.features(), vector(r.theta()));
    out.printf(Locale.ROOT, "solver    %s%s: %d iterations, residual %s, %s, %.4f s%n",
        r.solver(), " (step " + (r.step() == null ? "default" : r.step()) + ")", r.iterations(),
        num(r.residual()), r.converged() == null ? "no tolerance"
            : r.converged() ? "converged" : "NOT converged", r.solveSeconds());
    out.printf(Locale.ROOT, "x         %s (n = %d)%n%n", vector(r.x()), r.x().length);
    JacobianEstimate ref = reference(r);
    out.printf(Locale.ROOT, "%-22s %10s %11s %13s %9s %11s  %s%n", "estimator", "seconds",
        "|J|_F", "rel.diff", "rho", "1-step bnd", "linear solve");
    for (JacobianEstimate e : r.estimates()) {
      Diagnostics d = e.diagnostics();
      String linear = d.linearSolver() == null ? "-"
          : String.format(Locale.ROOT, "%s, %d it, residual %s", d.linearSolver(),
              d.linearIterations(), num(d.linearResidual()));
      out.printf(Locale.ROOT, "%-22s %10.6f %11s %13s %9s %11s  %s%n", e.estimator(),
          e.seconds(), num(frobenius(e, null)), num(frobenius(e, ref) / frobenius(ref, null)),
          num(d.rho()), num(d.oneStepBound()), linear);
    }
    out.printf(Locale.ROOT, "(rel.diff = |J - J_%s|_F / |J_%s|_F)%n%n", ref.estimator(),
        ref.estimator());
    out.printf(Locale.ROOT, "J = dx/dtheta by %s (%d x %d)%s:%n", ref.estimator(), ref.rows(),
        ref.cols(), ref.rows() > SHOWN || ref.cols() > SHOWN ? ", top-left corner" : "");
    for (int i = 0; i < Math.min(SHOWN, ref.rows()); i++) {
      StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "  x%-4d", i + 1));
      for (int j = 0; j < Math.min(SHOWN, ref.cols()); j++) {
        line.append(String.format(Locale.ROOT, " %12s", num(ref.get(i, j))));
      }
      out.println(line);
    }
    out.flush();
  }

  private static JacobianEstimate reference(JacobianReport r) {
    for (JacobianEstimate e : r.estimates()) {
      if (e.estimator().equals("implicit")) {
        return e;
      }
    }
    return r.estimates().get(0);
  }

  /** ‖a − b‖_F (b null: ‖a‖_F). */
  static double frobenius(JacobianEstimate a, JacobianEstimate b) {
    double s = 0;
    for (int k = 0; k < a.jacobian().length; k++) {
      double d = a.jacobian()[k] - (b == null ? 0 : b.jacobian()[k]);
      s += d * d;
    }
    return Math.sqrt(s);
  }

  private static String vector(double[] v) {
    StringBuilder s = new StringBuilder("[");
    for (int i = 0; i < Math.min(SHOWN, v.length); i++) {
      s.append(i > 0 ? ", " : "").append(num(v[i]));
    }
    return s.append(v.length > SHOWN ? ", ...]" : "]").toString();
  }

  /** 4 significant digits, "-" for NaN. */
  static String num(double v) {
    if (Double.isNaN(v)) {
      return "-";
    }
    if (v == 0 || (Math.abs(v) >= 1e-3 && Math.abs(v) < 1e5)) {
      return String.format(Locale.ROOT, "%.4g", v).replaceAll("(\\.\\d*?)0+$", "$1")
          .replaceAll("\\.$", "");
    }
    return String.format(Locale.ROOT, "%.3e", v);
  }
}
