package dev.iterdiff.linalg;

import java.util.Random;

/**
 * The truncated Neumann series A⁻¹ b ≈ α Σ_{i&lt;K} (I − αA)^i b (Lorraine, Vicol &amp; Duvenaud
 * 2020, <i>Optimizing Millions of Hyperparameters by Implicit Differentiation</i>, AISTATS),
 * computed as Richardson's iteration xₖ₊₁ = xₖ + α rₖ, rₖ₊₁ = (I − αA) rₖ from x₀ (the series
 * itself when x₀ = 0): one application per term, and rₖ = (I − αA)^k r₀ is the exact residual.
 * The iteration budget is the number of terms K.
 *
 * <p>It converges iff the spectral radius ρ(I − αA) &lt; 1, e.g. for symmetric A with spectrum
 * in [μ, L] (0 &lt; μ) and 0 &lt; α &lt; 2/L, at rate 1 − αμ for α = 1/L. Unless α is given,
 * it is chosen as sign(vᵀAv)/‖A‖ₑₛₜ from {@value #POWER_ITERATIONS} (at most) power
 * iterations from a fixed pseudo-random start (extra applications, not counted as terms); the
 * sign makes negative definite A (the fixed-point condition ∂ₓG = −tH) work too.
 *
 * <p>Fails loudly: when the residual grows past 10⁸ times its start (I − αA is not a
 * contraction) and when K terms do not reach the tolerance — both name α.
 */
public final class NeumannSeries extends IterativeLinearSolver {

  /** Maximum power iterations for the automatic α. */
  public static final int POWER_ITERATIONS = 50;

  private static final double DIVERGENCE_GROWTH = 1e8;

  private final double fixedAlpha;
  private double alpha = Double.NaN;
  private double[] r = new double[0];
  private double[] ar = new double[0];

  /** With α chosen by power iteration at every solve. */
  public NeumannSeries(double tolerance, int maxTerms) {
    this(tolerance, maxTerms, Double.NaN);
  }

  /**
   * @param tolerance relative residual tolerance, > 0.
   * @param maxTerms  number of terms K allowed, > 0.
   * @param alpha     the step α (finite, ≠ 0), or NaN to estimate it per solve.
   * @throws IllegalArgumentException if alpha is 0 or infinite.
   */
  public NeumannSeries(double tolerance, int maxTerms, double alpha) {
    super(tolerance, maxTerms);
    if (!Double.isNaN(alpha) && (alpha == 0 || Double.isInfinite(alpha))) {
      throw new IllegalArgumentException("alpha must be finite and != 0 (or NaN for automatic), "
          + "got " + alpha);
    }
    this.fixedAlpha = alpha;
  }

  @Override
  public String name() {
    return "neumann";
  }

  /** The α of the last solve (NaN before the first). */
  public double lastAlpha() {
    return alpha;
  }

  @Override
  protected void allocate(int n) {
    if (r.length != n) {
      r = new double[n];
      ar = new double[n];
    }
  }

  @Override
  protected LinearSolveResult iterate(LinearOperator a, int n, double[] b, double bNorm,
      double[] x) {
    alpha = Double.isNaN(fixedAlpha) ? estimateAlpha(a, n) : fixedAlpha;
    double target = tolerance() * bNorm;
    double rNorm = residual(a, b, x, ar, r);
    double start = rNorm;
    if (rNorm <= target) {
      return converged(0, rNorm / bNorm);
    }
    for (int k = 1; k <= maxIterations(); k++) {
      Blas.axpy(alpha, r, x);
      a.apply(r, ar);
      Blas.axpy(-alpha, ar, r);
      rNorm = Blas.nrm2(r);
      if (!(rNorm <= DIVERGENCE_GROWTH * start)) {
        throw new LinearSolveException("neumann: series diverges (relative residual "
            + LinearSolveException.format(rNorm / bNorm) + " after " + k + " terms, alpha = "
            + LinearSolveException.format(alpha) + "): I - alpha*A is not a contraction (n = "
            + n + ")", new LinearSolveResult(name(), k, rNorm / bNorm, tolerance(), false));
      }
      if (rNorm <= target) {
        rNorm = residual(a, b, x, ar, r); // confirm against rounding drift
        if (rNorm <= target) {
          return converged(k, rNorm / bNorm);
        }
      }
    }
    throw LinearSolveException.missedTolerance(name(), rNorm / bNorm, tolerance(),
        maxIterations(), "terms", n, ", alpha = " + LinearSolveException.format(alpha));
  }

  /** sign(vᵀAv)/‖A v‖ at the power-iteration estimate v of the dominant eigenvector. */
  private double estimateAlpha(LinearOperator a, int n) {
    Random rnd = new Random(0x5eedL);
    for (int i = 0; i < n; i++) {
      r[i] = rnd.nextGaussian();
    }
    Blas.scal(1 / Blas.nrm2(r), r);
    double norm = 0;
    double rayleigh = 0;
    for (int k = 0; k < POWER_ITERATIONS; k++) {
      a.apply(r, ar);
      double next = Blas.nrm2(ar);
      rayleigh = Blas.dot(r, ar);
      if (!(next > 0) || !Double.isFinite(next)) {
        throw new LinearSolveException("neumann: cannot choose alpha, ‖A v‖ = "
            + LinearSolveException.format(next) + " in power iteration (n = " + n + ")",
            new LinearSolveResult(name(), 0, Double.NaN, tolerance(), false));
      }
      System.arraycopy(ar, 0, r, 0, n);
      Blas.scal(1 / next, r);
      boolean settled = Math.abs(next - norm) <= 1e-3 * next;
      norm = next;
      if (settled) {
        break;
      }
    }
    return (rayleigh < 0 ? -1 : 1) / norm;
  }
}
