package dev.iterdiff.problem;

import dev.iterdiff.linalg.Blas;
import dev.iterdiff.linalg.SymmetricEigenvalues;
import dev.iterdiff.map.Checks;
import java.util.Arrays;

/**
 * Weighted ridge regression — the least-squares experiment of Bolte, Pauwels &amp; Vaiter,
 * <i>One-step differentiation of iterative algorithms</i> (NeurIPS 2023):
 * <pre>
 *   f(x; θ) = ½·Σᵢ θᵢ (aᵢᵀx − bᵢ)² + α/2·‖x‖²,   α ≥ 0 fixed (CLI default 1),
 * </pre>
 * θ one weight per sample (length N) or a single weight shared by all samples (length 1,
 * θᵢ = θ₀). With r = Ax − b and Θ = diag θ:
 * <pre>
 *   ∇ₓf = AᵀΘr + αx,   ∇²ₓf = AᵀΘA + αI (constant in x: Dₓ∇²f = 0)
 *   (∂_θ∇ₓf) w = Aᵀ(w∘r),   (∂_θ∇ₓf)ᵀu = r∘(Au)       (shared: w₀Aᵀr and rᵀAu)
 *   D_θ(∇²ₓf)[w] d = Aᵀ(w∘Ad),   ∂_θ(uᵀ∇²ₓf d) = Au∘Ad  (shared: w₀AᵀAd and (Au)ᵀAd)
 * </pre>
 * L = λ_max(AᵀΘA) + α and μ = λ_min(AᵀΘA) + α depend on θ: computed exactly (dgemm + LAPACK
 * dsyev, O(N·p² + p³)) and cached by θ's content, so repeated calls with the same θ are free.
 *
 * <p>Workspaces (three of length N, N×p and p×p on first use of the dense Hessian or the
 * bounds) are per instance. Not thread-safe.
 */
public final class WeightedRidgeProblem implements Problem {

  private final DesignMatrix design;
  private final double[] b;
  private final double alpha;
  private final boolean shared;
  private final double[] r;
  private final double[] av;
  private final double[] ad;
  private double[] scaled;
  private double[] gram;
  private double[] cachedTheta;
  private double[] cachedExtremes;
  private final double[] sharedExtremes = new double[2];

  /**
   * @param data        design matrix and targets b (the labels, used as given).
   * @param thetaLength 1 (one shared weight) or N (one weight per sample).
   * @param alpha       the fixed ℓ₂ weight α, finite and ≥ 0.
   * @throws IllegalArgumentException on a wrong thetaLength or alpha.
   */
  public WeightedRidgeProblem(LabeledData data, int thetaLength, double alpha) {
    if (thetaLength != 1 && thetaLength != data.rows()) {
      throw lengthError(thetaLength, data.rows());
    }
    if (!Double.isFinite(alpha) || alpha < 0) {
      throw new IllegalArgumentException("alpha is " + alpha
          + " (weighted-ridge: must be finite and ≥ 0)");
    }
    this.design = new DesignMatrix(data);
    this.b = data.labels();
    this.alpha = alpha;
    this.shared = thetaLength == 1;
    this.r = new double[data.rows()];
    this.av = new double[data.rows()];
    this.ad = new double[data.rows()];
  }

  private static IllegalArgumentException lengthError(int length, int rows) {
    return new IllegalArgumentException("theta: length " + length + ", expected 1 or " + rows
        + " (weighted-ridge: one shared weight or one per sample)");
  }

  /** α. */
  public double alpha() {
    return alpha;
  }

  @Override
  public String name() {
    return "weighted-ridge";
  }

  @Override
  public int dim() {
    return design.cols;
  }

  @Override
  public int thetaDim() {
    return shared ? 1 : design.rows;
  }

  private void requireLength(double[] theta) {
    if (theta == null) {
      throw new IllegalArgumentException("theta: null, expected length " + thetaDim());
    }
    if (theta.length != thetaDim()) {
      if (theta.length == 1 || theta.length == design.rows) {
        throw new IllegalArgumentException("theta: length " + theta.length + ", expected "
            + thetaDim() + " (this weighted-ridge problem was built with "
            + (shared ? "one shared weight)" : "one weight per sample)"));
      }
      throw lengthError(theta.length, design.rows);
    }
  }

  @Override
  public void checkTheta(double[] theta) {
    requireLength(theta);
    Checks.finite("theta", theta);
    for (int i = 0; i < theta.length; i++) {
      if (theta[i] < 0) {
        throw new IllegalArgumentException("theta[" + i + "] is " + theta[i]
            + " (weighted-ridge: sample weights must be ≥ 0)");
      }
    }
  }

  private double weight(double[] theta, int i) {
    return shared ? theta[0] : theta[i];
  }

  /** r ← Ax − b. */
  private void residual(double[] x, double[] theta) {
    requireLength(theta);
    Checks.length("x", x, design.cols);
    System.arraycopy(b, 0, r, 0, b.length);
    design.times(1.0, x, -1.0, r);
  }

  @Override
  public double value(double[] x, double[] theta) {
    residual(x, theta);
    double s = 0;
    for (int i = 0; i < r.length; i++) {
      s += weight(theta, i) * r[i] * r[i];
    }
    double sq = 0;
    for (double v : x) {
      sq += v * v;
    }
    return 0.5 * s + 0.5 * alpha * sq;
  }

  @Override
  public void gradient(double[] x, double[] theta, double[] out) {
    residual(x, theta);
    for (int i = 0; i < r.length; i++) {
      r[i] *= weight(theta, i);
    }
    System.arraycopy(x, 0, out, 0, design.cols);
    design.transposeTimes(1.0, r, alpha, out);
  }

  @Override
  public void hvp(double[] x, double[] theta, double[] v, double[] out) {
    requireLength(theta);
    Checks.length("v", v, design.cols);
    design.times(1.0, v, 0.0, av);
    for (int i = 0; i < av.length; i++) {
      av[i] *= weight(theta, i);
    }
    System.arraycopy(v, 0, out, 0, design.cols);
    design.transposeTimes(1.0, av, alpha, out);
  }

  @Override
  public void hessian(double[] x, double[] theta, double[] out) {
    requireLength(theta);
    int p = design.cols;
    Checks.length("hessian out", out, p * p);
    weightedGramian(theta, out);
    for (int j = 0; j < p; j++) {
      out[j + j * p] += alpha;
    }
  }

  /**
   * out ← AᵀΘA (p×p): dsyrk for a shared weight, Aᵀ·(ΘA) by dgemm per sample (valid for any
   * sign of θ, so an unchecked θ still gives the true Hessian, never NaN).
   */
  private void weightedGramian(double[] theta, double[] out) {
    if (shared) {
      design.weightedGramian(theta[0], null, null, 0.0, out);
    } else {
      int n = design.rows;
      if (scaled == null) {
        scaled = new double[n * design.cols];
      }
      for (int j = 0; j < design.cols; j++) {
        for (int i = 0; i < n; i++) {
          scaled[i + j * n] = theta[i] * design.a[i + j * n];
        }
      }
      Blas.gemm(true, false, design.cols, design.cols, n, 1.0, design.a, scaled, 0.0, out);
    }
  }

  @Override
  public void crossJvp(double[] x, double[] theta, double[] w, double[] out) {
    Checks.length("w", w, thetaDim());
    residual(x, theta);
    if (shared) {
      design.transposeTimes(w[0], r, 0.0, out);
    } else {
      for (int i = 0; i < r.length; i++) {
        r[i] *= w[i];
      }
      design.transposeTimes(1.0, r, 0.0, out);
    }
  }

  @Override
  public void crossVjp(double[] x, double[] theta, double[] u, double[] out) {
    Checks.length("u", u, design.cols);
    residual(x, theta);
    design.times(1.0, u, 0.0, av);
    pairwise(r, av, out);
  }

  /** out = a∘c (per sample) or [aᵀc] (shared). */
  private void pairwise(double[] a, double[] c, double[] out) {
    if (shared) {
      double s = 0;
      for (int i = 0; i < a.length; i++) {
        s += a[i] * c[i];
      }
      out[0] = s;
    } else {
      for (int i = 0; i < a.length; i++) {
        out[i] = a[i] * c[i];
      }
    }
  }

  /** Zero: the Hessian does not depend on x. */
  @Override
  public void hessianDerivX(double[] x, double[] theta, double[] d, double[] v, double[] out) {
    Arrays.fill(out, 0, design.cols, 0.0);
  }

  @Override
  public void hessianDerivThetaJvp(double[] x, double[] theta, double[] d, double[] w,
      double[] out) {
    requireLength(theta);
    Checks.length("d", d, design.cols);
    Checks.length("w", w, thetaDim());
    design.times(1.0, d, 0.0, ad);
    if (shared) {
      design.transposeTimes(w[0], ad, 0.0, out);
    } else {
      for (int i = 0; i < ad.length; i++) {
        ad[i] *= w[i];
      }
      design.transposeTimes(1.0, ad, 0.0, out);
    }
  }

  @Override
  public void hessianDerivThetaVjp(double[] x, double[] theta, double[] d, double[] u,
      double[] out) {
    requireLength(theta);
    Checks.length("d", d, design.cols);
    Checks.length("u", u, design.cols);
    design.times(1.0, d, 0.0, ad);
    design.times(1.0, u, 0.0, av);
    pairwise(av, ad, out);
  }

  @Override
  public double lipschitz(double[] theta) {
    return extremes(theta)[1] + alpha;
  }

  @Override
  public double strongConvexity(double[] theta) {
    return Math.max(0.0, extremes(theta)[0]) + alpha;
  }

  /** {λ_min, λ_max} of AᵀΘA, cached by θ's content. */
  private double[] extremes(double[] theta) {
    checkTheta(theta);
    if (shared) {
      double[] g = design.gramExtremes();
      sharedExtremes[0] = theta[0] * g[0];
      sharedExtremes[1] = theta[0] * g[1];
      return sharedExtremes;
    }
    if (cachedTheta == null || !Arrays.equals(cachedTheta, theta)) {
      if (gram == null) {
        gram = new double[design.cols * design.cols];
      }
      weightedGramian(theta, gram);
      cachedExtremes = SymmetricEigenvalues.extremes(design.cols, gram);
      cachedTheta = theta.clone();
    }
    return cachedExtremes;
  }
}
