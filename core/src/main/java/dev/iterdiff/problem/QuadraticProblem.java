package dev.iterdiff.problem;

import dev.iterdiff.linalg.Blas;
import dev.iterdiff.linalg.SymmetricEigenvalues;
import dev.iterdiff.map.Checks;

/**
 * The quadratic f(x; θ) = ½·s·xᵀHx − bᵀx of the curse-of-unrolling studies (Scieur, Bertrand,
 * Gidel &amp; Pedregosa, <i>The Curse of Unrolling</i>, NeurIPS 2022, §3), with H = AᵀA/N the
 * Gram matrix of a data set (A, y) of N rows and p features, fixed at construction, and θ
 * entering one of two ways, chosen by its length m:
 * <ul>
 *   <li>m = p — θ = b (s = 1): ∇ₓf = Hx − θ, ∂_θ∇ₓf = −I, so x*(θ) = H⁻¹θ and
 *       ∂x* / ∂θ = H⁻¹;</li>
 *   <li>m = 1 — θ = (s), a scale of H, b = c = Aᵀy/N: ∇ₓf = sHx − c, ∂_s∇ₓf = Hx, so
 *       x*(s) = H⁻¹c/s and ∂x* / ∂s = −H⁻¹c/s². The scale must be finite and &gt; 0 (f is then
 *       convex with curvature in [s·λ_min, s·λ_max]). With p = 1 a θ of length 1 is the scale.</li>
 * </ul>
 * H from a chosen spectrum: the data set of {@link dev.iterdiff.data.QuadraticSpectrum}
 * (eigenvalues geometric or uniform in [μ, L], random orthogonal eigenvectors, from a seed) has
 * AᵀA/N = QΛQᵀ exactly up to rounding, so the problem on it has that spectrum. On any other data
 * set it is the least-squares quadratic (with m = 1, 1/(2N)‖Ax − y‖² up to a constant at s = 1).
 *
 * <p>L(θ) = s·λ_max(H) and μ(θ) = s·λ_min(H) are exact (LAPACK dsyev once, at construction).
 * Third derivatives in x vanish; D_s∇²ₓf[w] = w·H, so it is a {@link ThirdOrderProblem} and
 * Newton converges in one full step. Stores H (p² doubles); no allocation per call; not
 * thread-safe.
 */
public final class QuadraticProblem implements ThirdOrderProblem {

  private final String name;
  private final int n;
  private final int m;
  private final double[] h;
  private final double[] c;
  private final double lambdaMin;
  private final double lambdaMax;
  private final double[] hx;

  /**
   * @param name        the name as the catalog spells it.
   * @param data        (A, y): H = AᵀA/N, c = Aᵀy/N. Not modified.
   * @param thetaLength p (θ = b) or 1 (θ = scale of H).
   * @throws IllegalArgumentException on another θ length, naming it and the accepted ones.
   */
  public QuadraticProblem(String name, LabeledData data, int thetaLength) {
    if (name == null || data == null) {
      throw new IllegalArgumentException("quadratic: name and data must be non-null");
    }
    this.name = name;
    this.n = data.cols();
    if (thetaLength != 1 && thetaLength != n) {
      throw new IllegalArgumentException("theta: length " + thetaLength + " for " + name
          + " on " + data.source() + " (expected 1 = scale of H, or p = " + n + " = b)");
    }
    this.m = thetaLength;
    int rows = data.rows();
    this.h = new double[n * n];
    Blas.gramian(rows, n, 1.0 / rows, data.a(), 0.0, h);
    this.c = new double[n];
    Blas.gemv(true, rows, n, 1.0 / rows, data.a(), data.labels(), 0.0, c);
    double[] extremes = SymmetricEigenvalues.extremes(n, h);
    this.lambdaMin = Math.max(0.0, extremes[0]);
    this.lambdaMax = extremes[1];
    this.hx = new double[n];
  }

  /** Whether θ is the scale of H (m = 1) rather than b. */
  public boolean thetaIsScale() {
    return m == 1;
  }

  /** A copy of H = AᵀA/N (n×n column-major). */
  public double[] gram() {
    return h.clone();
  }

  /** A copy of c = Aᵀy/N, the linear term when θ is the scale. */
  public double[] linearTerm() {
    return c.clone();
  }

  @Override public String name() { return name; }
  @Override public int dim() { return n; }
  @Override public int thetaDim() { return m; }

  /**
   * θ of length m, finite; the scale (m = 1) &gt; 0.
   *
   * @throws IllegalArgumentException naming the entry and value.
   */
  @Override
  public void checkTheta(double[] theta) {
    Checks.length("theta", theta, m);
    Checks.finite("theta", theta);
    if (m == 1 && !(theta[0] > 0)) {
      throw new IllegalArgumentException("theta[0] is " + theta[0] + " (" + name
          + ": the scale of H must be > 0; a scale <= 0 leaves the convex domain)");
    }
  }

  private double scale(double[] theta) {
    return m == 1 ? theta[0] : 1.0;
  }

  private double linear(double[] theta, int i) {
    return m == 1 ? c[i] : theta[i];
  }

  @Override
  public double value(double[] x, double[] theta) {
    Blas.gemv(false, n, n, 1.0, h, x, 0.0, hx);
    double v = 0.5 * scale(theta) * Blas.dot(x, hx);
    for (int i = 0; i < n; i++) {
      v -= linear(theta, i) * x[i];
    }
    return v;
  }

  /** out = sHx − b. */
  @Override
  public void gradient(double[] x, double[] theta, double[] out) {
    Blas.gemv(false, n, n, scale(theta), h, x, 0.0, out);
    for (int i = 0; i < n; i++) {
      out[i] -= linear(theta, i);
    }
  }

  /** out = sHv. */
  @Override
  public void hvp(double[] x, double[] theta, double[] v, double[] out) {
    Blas.gemv(false, n, n, scale(theta), h, v, 0.0, out);
  }

  /** out = −w (θ = b) or w₀·Hx (θ = s). */
  @Override
  public void crossJvp(double[] x, double[] theta, double[] w, double[] out) {
    if (m == 1) {
      Blas.gemv(false, n, n, w[0], h, x, 0.0, out);
    } else {
      for (int i = 0; i < n; i++) {
        out[i] = -w[i];
      }
    }
  }

  /** out = −u (θ = b) or (uᵀHx) (θ = s). */
  @Override
  public void crossVjp(double[] x, double[] theta, double[] u, double[] out) {
    if (m == 1) {
      Blas.gemv(false, n, n, 1.0, h, x, 0.0, hx);
      out[0] = Blas.dot(u, hx);
    } else {
      for (int i = 0; i < n; i++) {
        out[i] = -u[i];
      }
    }
  }

  /** out = sH. */
  @Override
  public void hessian(double[] x, double[] theta, double[] out) {
    Checks.length("hessian out", out, n * n);
    double s = scale(theta);
    for (int i = 0; i < h.length; i++) {
      out[i] = s * h[i];
    }
  }

  /** s·λ_max(H), exact. */
  @Override
  public double lipschitz(double[] theta) {
    checkTheta(theta);
    return scale(theta) * lambdaMax;
  }

  /** s·λ_min(H) (≥ 0), exact. */
  @Override
  public double strongConvexity(double[] theta) {
    checkTheta(theta);
    return scale(theta) * lambdaMin;
  }

  /** Zero: ∇²ₓf does not depend on x. */
  @Override
  public void hessianDerivX(double[] x, double[] theta, double[] d, double[] v, double[] out) {
    java.util.Arrays.fill(out, 0, n, 0.0);
  }

  /** out = w₀·H d (θ = s), zero (θ = b). */
  @Override
  public void hessianDerivThetaJvp(double[] x, double[] theta, double[] d, double[] w,
      double[] out) {
    if (m == 1) {
      Blas.gemv(false, n, n, w[0], h, d, 0.0, out);
    } else {
      java.util.Arrays.fill(out, 0, n, 0.0);
    }
  }

  /** out = (uᵀHd) (θ = s), zero (θ = b). */
  @Override
  public void hessianDerivThetaVjp(double[] x, double[] theta, double[] d, double[] u,
      double[] out) {
    if (m == 1) {
      Blas.gemv(false, n, n, 1.0, h, d, 0.0, hx);
      out[0] = Blas.dot(u, hx);
    } else {
      java.util.Arrays.fill(out, 0, m, 0.0);
    }
  }
}
