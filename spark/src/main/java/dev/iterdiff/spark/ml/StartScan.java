package dev.iterdiff.spark.ml;

import dev.iterdiff.bilevel.OuterEvaluation;
import dev.iterdiff.bilevel.OuterEvaluator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The tuner's start when the learner's regParam is 0 (Spark's default): the mean validation
 * loss at {@code points} log-spaced regParam values in [10^{@value #LOW_EXPONENT}, 10^{@value #HIGH_EXPONENT}] (one
 * point: 10^−1.5), evaluated at inner tolerance {@value #TOLERANCE} from the largest down so
 * that each fold's inner solve is warm-started from the previous, smoother one, and stopped at
 * the first value 0.1 % above the best once the best is 0.1 % below the first (off the plateau
 * of large regParams, where all coefficients are ≈ 0; the validation curve of an ℓ₂ path is
 * taken as unimodal in log regParam; the descent refines from there). The start is the vertex
 * of the parabola through the best point and its neighbours (log regParam vs loss: no extra
 * evaluation; {@link #vertex}). A point whose evaluation fails (an inner solve that does not
 * converge) is skipped. Every evaluation is kept ({@link Result#points}) for the trajectory.
 */
final class StartScan {

  /** log₁₀ of the smallest regParam scanned. */
  static final int LOW_EXPONENT = -5;
  /** log₁₀ of the largest regParam scanned. */
  static final int HIGH_EXPONENT = 2;
  /** Inner tolerance of the scan's evaluations. */
  static final double TOLERANCE = 1e-4;

  /**
   * One evaluation of the scan.
   *
   * @param regParam     the value evaluated.
   * @param value        the mean validation loss (at inner tolerance {@value #TOLERANCE}).
   * @param gradientNorm the norm of the hypergradient in log θ, ‖θ ∘ ∇_θG‖.
   * @param seconds      wall time of the evaluation.
   */
  record Point(double regParam, double value, double gradientNorm, double seconds) {}

  /**
   * @param start  the regParam the descent starts from.
   * @param points the evaluations, in the order made (largest regParam first).
   * @param best   index in {@code points} of the least loss.
   */
  record Result(double start, List<Point> points, int best) {}

  private StartScan() {}

  /**
   * Scans {@code points} values (≥ 1) with {@code ev} (θ = the value in every coordinate).
   *
   * @throws IllegalStateException (with the last failure as cause) if no point could be
   *         evaluated.
   */
  static Result run(OuterEvaluator ev, int points) {
    double[] exponents = new double[points];
    double[] values = new double[points];
    Arrays.fill(values, Double.NaN);
    List<Point> evaluated = new ArrayList<>();
    int best = -1;
    int bestPoint = -1;
    double first = Double.NaN;
    RuntimeException last = null;
    for (int i = points - 1; i >= 0; i--) {
      exponents[i] = points == 1 ? -1.5
          : LOW_EXPONENT + (double) (HIGH_EXPONENT - LOW_EXPONENT) * i / (points - 1);
      double reg = Math.pow(10, exponents[i]);
      double[] theta = new double[ev.thetaDim()];
      Arrays.fill(theta, reg);
      try {
        long t0 = System.nanoTime();
        OuterEvaluation e = ev.evaluate(theta, TOLERANCE);
        double v = e.value();
        if (!Double.isFinite(v)) { // a failed point, like a thrown one (NaN would stay "best")
          throw new IllegalStateException("HypergradientTuner start scan: validation loss " + v
              + " at regParam " + reg);
        }
        values[i] = v;
        evaluated.add(new Point(reg, v, logGradientNorm(theta, e.gradient()),
            (System.nanoTime() - t0) * 1e-9));
        if (Double.isNaN(first)) {
          first = v;
        }
        if (best < 0 || v < values[best]) {
          best = i;
          bestPoint = evaluated.size() - 1;
        } else if (v > values[best] + 1e-3 * Math.abs(values[best])
            && values[best] < first - 1e-3 * Math.abs(first)) {
          break; // off the large-regParam plateau and past the minimum: the smaller regParams
                 // left are the costliest solves
        }
      } catch (RuntimeException e) {
        last = e;
      }
    }
    if (best < 0) {
      throw new IllegalStateException("HypergradientTuner: no start point could be evaluated",
          last);
    }
    return new Result(Math.pow(10, vertex(exponents, values, best)), List.copyOf(evaluated),
        bestPoint);
  }

  /** ‖θ ∘ g‖: the hypergradient in φ = log θ. */
  private static double logGradientNorm(double[] theta, double[] g) {
    double s = 0;
    for (int j = 0; j < theta.length; j++) {
      double t = theta[j] * g[j];
      s += t * t;
    }
    return Math.sqrt(s);
  }

  /**
   * The vertex of the parabola through the best scanned point and its two neighbours (in log
   * regParam), kept between the neighbours; the best point itself when a neighbour is missing
   * or the three points are not convex.
   */
  static double vertex(double[] x, double[] f, int b) {
    if (b == 0 || b == x.length - 1 || Double.isNaN(f[b - 1]) || Double.isNaN(f[b + 1])) {
      return x[b];
    }
    double da = x[b] - x[b - 1];
    double dc = x[b] - x[b + 1];
    double fa = f[b] - f[b - 1];
    double fc = f[b] - f[b + 1];
    double den = da * fc - dc * fa;
    if (!(Math.abs(den) > 0)) {
      return x[b];
    }
    double v = x[b] - 0.5 * (da * da * fc - dc * dc * fa) / den;
    return Double.isFinite(v) ? Math.max(x[b - 1], Math.min(x[b + 1], v)) : x[b];
  }
}
