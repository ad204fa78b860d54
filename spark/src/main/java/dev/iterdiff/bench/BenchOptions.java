package dev.iterdiff.bench;

import dev.iterdiff.data.TwoGaussianClasses;
import java.util.List;
import java.util.Set;

/**
 * What {@code iterdiff bench estimators} measures.
 *
 * @param settings          which settings: {@link #NEWTON_LOGISTIC} (per-feature λ),
 *                          {@link #NEWTON_WEIGHTED_LOGISTIC} (per-sample weights),
 *                          {@link #GD_RIDGE}.
 * @param newtonSizes       n₁ = p of the two-Gaussian logistic data (N = 2p).
 * @param ridgeSizes        p of the ridge data (N = 2p).
 * @param warmup            minimum rounds discarded before measuring.
 * @param repetitions       minimum rounds measured (the median is reported).
 * @param minSeconds        minimum measured seconds per case: fast cases run more rounds.
 * @param forwardMaxTheta   unrolled-forward (m JVPs per iteration) is timed only when m ≤ this.
 * @param newtonTolerance   Newton stops when ‖∇f‖ ≤ this.
 * @param newtonMaxIterations Newton iteration cap.
 * @param ridgeIterations   gradient-descent iterations k (fixed, no tolerance).
 * @param ridgeKappa        condition number of AᵀA/N of the ridge data.
 * @param ridgeLambda       per-feature λ of ridge.
 * @param truncation        K of truncated(K).
 * @param seed              data seed.
 * @param clock             wall time, or the benchmark thread's CPU time.
 * @param qpSizes           n of the paper's QPs ({@link #IPM_QP}; 600–1000 where minutes allow).
 * @param qpTolerance       the interior-point method stops at KKT residual and gap ≤ this.
 * @param lassoSizes        p of the lasso data ({@link #PROX_LASSO}, N = 2p).
 * @param lassoTolerance    FISTA stops at prox-gradient mapping ≤ this.
 * @param lassoMaxIterations FISTA iteration cap.
 */
public record BenchOptions(Set<String> settings, List<Integer> newtonSizes,
    List<Integer> ridgeSizes, int warmup, int repetitions, double minSeconds,
    int forwardMaxTheta,
    double newtonTolerance, int newtonMaxIterations, int ridgeIterations, double ridgeKappa,
    double ridgeLambda, int truncation, long seed, BenchClock clock, List<Integer> qpSizes,
    double qpTolerance, List<Integer> lassoSizes, double lassoTolerance,
    int lassoMaxIterations) {

  /** Newton on logistic regression, θ = per-feature λ (m = p). */
  public static final String NEWTON_LOGISTIC = "newton-logistic";

  /** Newton on logistic regression, θ = per-sample weights (m = N = 2p), as in the paper. */
  public static final String NEWTON_WEIGHTED_LOGISTIC = "newton-weighted-logistic";

  /** Gradient descent (step 1/L) on ridge, θ = per-feature λ. */
  public static final String GD_RIDGE = "gd-ridge";

  /** The one-step paper's QP, interior point, θ = b (issue 13). */
  public static final String IPM_QP = "ipm-qp";

  /** FISTA on the lasso, θ = θ₁ (issue 12). */
  public static final String PROX_LASSO = "prox-lasso";

  /** All settings, in table order. */
  public static final List<String> ALL_SETTINGS =
      List.of(NEWTON_LOGISTIC, NEWTON_WEIGHTED_LOGISTIC, GD_RIDGE, IPM_QP, PROX_LASSO);

  /** Default n of {@link #IPM_QP}. */
  public static final List<Integer> QP_SIZES = List.of(100, 200, 400);

  /** Default p of {@link #PROX_LASSO}. */
  public static final List<Integer> LASSO_SIZES = List.of(100, 300, 1000);

  /** The one-step paper's λ = e⁻⁵. */
  public static final double PAPER_LAMBDA = Math.exp(-5);

  /**
   * @throws IllegalArgumentException naming the option and value on an unknown setting, an
   *         empty or non-positive size, or non-positive counts.
   */
  public BenchOptions {
    settings = Set.copyOf(settings);
    newtonSizes = List.copyOf(newtonSizes);
    ridgeSizes = List.copyOf(ridgeSizes);
    qpSizes = List.copyOf(qpSizes);
    lassoSizes = List.copyOf(lassoSizes);
    checkSizes("--qp-sizes", qpSizes);
    checkSizes("--lasso-sizes", lassoSizes);
    positive("--lasso-max-iterations", lassoMaxIterations);
    if (!(qpTolerance > 0) || !(lassoTolerance > 0)) {
      throw new IllegalArgumentException("--qp-tol and --lasso-tol must be > 0, got "
          + qpTolerance + ", " + lassoTolerance);
    }
    for (String s : settings) {
      if (!ALL_SETTINGS.contains(s)) {
        throw new IllegalArgumentException("--settings: unknown setting '" + s
            + "' (expected one of " + String.join(", ", ALL_SETTINGS) + ")");
      }
    }
    checkSizes("--newton-sizes", newtonSizes);
    checkSizes("--ridge-sizes", ridgeSizes);
    if (warmup < 0) {
      throw new IllegalArgumentException("--warmup must be >= 0, got " + warmup);
    }
    positive("--repetitions", repetitions);
    if (!(minSeconds >= 0) || !Double.isFinite(minSeconds)) {
      throw new IllegalArgumentException("--min-seconds must be finite and >= 0, got "
          + minSeconds);
    }
    positive("--newton-max-iterations", newtonMaxIterations);
    positive("--ridge-iterations", ridgeIterations);
    positive("--truncation", truncation);
    if (!(newtonTolerance > 0)) {
      throw new IllegalArgumentException("--newton-tol must be > 0, got " + newtonTolerance);
    }
    if (!(ridgeKappa >= 1)) {
      throw new IllegalArgumentException("--ridge-kappa must be >= 1, got " + ridgeKappa);
    }
    if (clock == null) {
      throw new IllegalArgumentException("--clock: null (expected wall or cpu)");
    }
    if (!(ridgeLambda > 0)) {
      throw new IllegalArgumentException("--ridge-lambda must be > 0, got " + ridgeLambda);
    }
  }

  /**
   * The options without the QP and lasso settings' own (their defaults: {@link #QP_SIZES} to
   * 1e-8, {@link #LASSO_SIZES} to 1e-8 in at most 20 000 FISTA iterations).
   */
  public BenchOptions(Set<String> settings, List<Integer> newtonSizes,
      List<Integer> ridgeSizes, int warmup, int repetitions, double minSeconds,
      int forwardMaxTheta, double newtonTolerance, int newtonMaxIterations, int ridgeIterations,
      double ridgeKappa, double ridgeLambda, int truncation, long seed, BenchClock clock) {
    this(settings, newtonSizes, ridgeSizes, warmup, repetitions, minSeconds, forwardMaxTheta,
        newtonTolerance, newtonMaxIterations, ridgeIterations, ridgeKappa, ridgeLambda,
        truncation, seed, clock, QP_SIZES, 1e-8, LASSO_SIZES, 1e-8, 20_000);
  }

  /** The defaults of the issue: the paper's sizes, 500 GD iterations, κ = 30. */
  public static BenchOptions defaults() {
    return new BenchOptions(Set.copyOf(ALL_SETTINGS), List.of(50, 106, 224, 473, 1000),
        List.of(100, 300, 1000), 2, 5, 3.0, 224, 1e-10, 50, 500, 30, 1e-3, 10,
        TwoGaussianClasses.DEFAULT_SEED, BenchClock.WALL);
  }

  private static void checkSizes(String option, List<Integer> sizes) {
    for (int s : sizes) {
      if (s <= 0) {
        throw new IllegalArgumentException(option + ": sizes must be > 0, got " + s);
      }
    }
  }

  private static void positive(String option, int v) {
    if (v <= 0) {
      throw new IllegalArgumentException(option + " must be > 0, got " + v);
    }
  }
}
