package dev.iterdiff.problem;

import dev.iterdiff.linalg.Blas;
import dev.iterdiff.map.Checks;

/**
 * Logistic regression with one weight per sample — the parametrization of the Newton
 * experiment of Bolte, Pauwels &amp; Vaiter, <i>One-step differentiation of iterative
 * algorithms</i> (NeurIPS 2023, Section 5):
 *
 * <pre>
 *   f(x; θ) = 1/N · Σᵢ θᵢ ℓ(yᵢ aᵢᵀx) + λ/2 · ‖x‖²,   ℓ(z) = log(1 + e^{−z}),
 * </pre>
 *
 * with θ ∈ ℝᴺ (one weight per sample, θᵢ ≥ 0), λ &gt; 0 fixed, yᵢ = +1 if the label is &gt; 0,
 * else −1, and no intercept. With zᵢ = yᵢaᵢᵀx and the derivatives ℓ' = −σ(−z),
 * ℓ'' = σ(z)σ(−z), ℓ''' = ℓ''·(1 − 2σ(z)):
 *
 * <pre>
 *   ∇ₓf          = Aᵀ(θ ⊙ y ⊙ ℓ'(z))/N + λx
 *   ∇²ₓf         = Aᵀ diag(θ ⊙ ℓ''(z)) A/N + λI
 *   (∂_θ∇ₓf) w   = Aᵀ(w ⊙ y ⊙ ℓ'(z))/N,        (∂_θ∇ₓf)ᵀu = y ⊙ ℓ'(z) ⊙ (Au)/N
 *   (Dₓ∇²f[v]) d = Aᵀ(θ ⊙ y ⊙ ℓ'''(z) ⊙ Av ⊙ Ad)/N
 *   (D_θ∇²f[w]) d = Aᵀ(w ⊙ ℓ''(z) ⊙ Ad)/N,      ∂_θ(uᵀ∇²f d) = ℓ''(z) ⊙ Au ⊙ Ad/N
 * </pre>
 *
 * Each product costs two or three matrix-vector products with A (O(N·p)); the dense
 * Hessian costs one rank-N update (dsyrk, O(N·p²)). Not thread-safe: keeps workspaces.
 */
public final class WeightedLogisticProblem implements Problem {

  private final double[] a;
  private final int rows;
  private final int cols;
  private final double[] y;
  private final double lambda;
  private final double[] rowNormSquared;
  private final double[] z;
  private final double[] r;
  private final double[] s;
  private final double[] t;
  private double[] scaled;

  /**
   * @param data   design matrix A (N×p) and labels. Not modified (kept by reference).
   * @param lambda ridge weight λ &gt; 0.
   * @throws IllegalArgumentException if λ is not finite and &gt; 0.
   */
  public WeightedLogisticProblem(LabeledData data, double lambda) {
    Checks.positive("lambda", lambda);
    this.a = data.a();
    this.rows = data.rows();
    this.cols = data.cols();
    this.lambda = lambda;
    this.y = new double[rows];
    for (int i = 0; i < rows; i++) {
      y[i] = data.labels()[i] > 0 ? 1.0 : -1.0;
    }
    this.rowNormSquared = new double[rows];
    for (int j = 0; j < cols; j++) {
      for (int i = 0; i < rows; i++) {
        double v = a[i + j * rows];
        rowNormSquared[i] += v * v;
      }
    }
    this.z = new double[rows];
    this.r = new double[rows];
    this.s = new double[rows];
    this.t = new double[rows];
  }

  @Override
  public String name() {
    return "weighted-logistic";
  }

  @Override
  public int dim() {
    return cols;
  }

  @Override
  public int thetaDim() {
    return rows;
  }

  /** λ. */
  public double lambda() {
    return lambda;
  }

  @Override
  public void checkTheta(double[] theta) {
    Checks.length("theta", theta, rows);
    for (int i = 0; i < rows; i++) {
      if (!(theta[i] >= 0) || !Double.isFinite(theta[i])) {
        throw new IllegalArgumentException("theta[" + i + "] (weight of sample " + (i + 1)
            + ") is " + theta[i] + " (must be finite and >= 0)");
      }
    }
  }

  @Override
  public double value(double[] x, double[] theta) {
    margins(x);
    double sum = 0;
    for (int i = 0; i < rows; i++) {
      sum += theta[i] * loss(z[i]);
    }
    return sum / rows + 0.5 * lambda * Blas.dot(x, x);
  }

  @Override
  public void gradient(double[] x, double[] theta, double[] out) {
    margins(x);
    for (int i = 0; i < rows; i++) {
      r[i] = -theta[i] * y[i] * sigmoid(-z[i]);
    }
    Blas.copy(x, out);
    Blas.gemv(true, rows, cols, 1.0 / rows, a, r, lambda, out);
  }

  @Override
  public void hvp(double[] x, double[] theta, double[] v, double[] out) {
    margins(x);
    Blas.gemv(false, rows, cols, 1.0, a, v, 0.0, s);
    for (int i = 0; i < rows; i++) {
      r[i] = theta[i] * curvature(z[i]) * s[i];
    }
    Blas.copy(v, out);
    Blas.gemv(true, rows, cols, 1.0 / rows, a, r, lambda, out);
  }

  @Override
  public void hessian(double[] x, double[] theta, double[] out) {
    Checks.length("out", out, cols * cols);
    margins(x);
    if (scaled == null) {
      scaled = new double[rows * cols];
    }
    boolean nonNegative = true;
    for (int i = 0; i < rows; i++) {
      r[i] = theta[i] * curvature(z[i]);
      nonNegative &= r[i] >= 0;
    }
    if (nonNegative) {
      // AᵀDA = BᵀB with B = diag(√d) A: one symmetric rank-N update.
      for (int i = 0; i < rows; i++) {
        r[i] = Math.sqrt(r[i]);
      }
      scaleRows(r);
      Blas.gramian(rows, cols, 1.0 / rows, scaled, 0.0, out);
    } else {
      scaleRows(r);
      Blas.gemm(true, false, cols, cols, rows, 1.0 / rows, a, scaled, 0.0, out);
    }
    for (int j = 0; j < cols; j++) {
      out[j + j * cols] += lambda;
    }
  }

  @Override
  public void crossJvp(double[] x, double[] theta, double[] w, double[] out) {
    margins(x);
    for (int i = 0; i < rows; i++) {
      r[i] = -w[i] * y[i] * sigmoid(-z[i]);
    }
    Blas.gemv(true, rows, cols, 1.0 / rows, a, r, 0.0, out);
  }

  @Override
  public void crossVjp(double[] x, double[] theta, double[] u, double[] out) {
    margins(x);
    Blas.gemv(false, rows, cols, 1.0, a, u, 0.0, s);
    for (int i = 0; i < rows; i++) {
      out[i] = -y[i] * sigmoid(-z[i]) * s[i] / rows;
    }
  }

  @Override
  public void hessianDerivX(double[] x, double[] theta, double[] d, double[] v, double[] out) {
    margins(x);
    Blas.gemv(false, rows, cols, 1.0, a, v, 0.0, s);
    Blas.gemv(false, rows, cols, 1.0, a, d, 0.0, t);
    for (int i = 0; i < rows; i++) {
      double c = curvature(z[i]);
      double third = c * (1 - 2 * sigmoid(z[i]));
      r[i] = theta[i] * y[i] * third * s[i] * t[i];
    }
    Blas.gemv(true, rows, cols, 1.0 / rows, a, r, 0.0, out);
  }

  @Override
  public void hessianDerivThetaJvp(double[] x, double[] theta, double[] d, double[] w,
      double[] out) {
    margins(x);
    Blas.gemv(false, rows, cols, 1.0, a, d, 0.0, t);
    for (int i = 0; i < rows; i++) {
      r[i] = w[i] * curvature(z[i]) * t[i];
    }
    Blas.gemv(true, rows, cols, 1.0 / rows, a, r, 0.0, out);
  }

  @Override
  public void hessianDerivThetaVjp(double[] x, double[] theta, double[] d, double[] u,
      double[] out) {
    margins(x);
    Blas.gemv(false, rows, cols, 1.0, a, u, 0.0, s);
    Blas.gemv(false, rows, cols, 1.0, a, d, 0.0, t);
    for (int i = 0; i < rows; i++) {
      out[i] = curvature(z[i]) * s[i] * t[i] / rows;
    }
  }

  /**
   * L ≤ max ℓ''·‖Aᵀdiag(θ)A‖₂/N + λ ≤ Σᵢθᵢ‖aᵢ‖²/(4N) + λ (ℓ'' ≤ 1/4; trace bound, θ ≥ 0).
   */
  @Override
  public double lipschitz(double[] theta) {
    double sum = 0;
    for (int i = 0; i < rows; i++) {
      sum += Math.abs(theta[i]) * rowNormSquared[i];
    }
    return 0.25 * sum / rows + lambda;
  }

  /** μ = λ (the loss term is convex for θ ≥ 0). */
  @Override
  public double strongConvexity(double[] theta) {
    return lambda;
  }

  /** z = y ⊙ (A x). */
  private void margins(double[] x) {
    Blas.gemv(false, rows, cols, 1.0, a, x, 0.0, z);
    for (int i = 0; i < rows; i++) {
      z[i] *= y[i];
    }
  }

  /** scaled = diag(d) A. */
  private void scaleRows(double[] d) {
    for (int j = 0; j < cols; j++) {
      int off = j * rows;
      for (int i = 0; i < rows; i++) {
        scaled[off + i] = d[i] * a[off + i];
      }
    }
  }

  /** ℓ(z) = log(1 + e^{−z}), stable for large |z|. */
  static double loss(double v) {
    return v > 0 ? Math.log1p(Math.exp(-v)) : -v + Math.log1p(Math.exp(v));
  }

  /** σ(v) = 1/(1 + e^{−v}), stable for large |v|. */
  static double sigmoid(double v) {
    if (v >= 0) {
      return 1 / (1 + Math.exp(-v));
    }
    double e = Math.exp(v);
    return e / (1 + e);
  }

  /** ℓ''(v) = σ(v)σ(−v). */
  static double curvature(double v) {
    return sigmoid(v) * sigmoid(-v);
  }
}
