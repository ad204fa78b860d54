package dev.iterdiff.problem;

import dev.iterdiff.linalg.Blas;
import dev.iterdiff.map.Checks;

/**
 * Softmax regression with ℓ₂ trained on data that <b>is</b> θ: the inner problem of dataset
 * distillation (Wang, Zhu, Torralba &amp; Efros, <i>Dataset Distillation</i>, 2018; the JAXopt
 * paper, Blondel et al. 2021, §4). θ holds M synthetic samples of p features (θ = B, p×M
 * column-major: sample i is θ[i·p … i·p + p)), their labels y fixed; x is the p×K weight matrix
 * X (column-major, dim x = p·K). With scores Z = BᵀX (M×K), probabilities P = softmax(Z) by row,
 * Y one-hot, R = P − Y, Jᵢ = diag(pᵢ) − pᵢpᵢᵀ and c = 1/M:
 * <pre>
 *   f(x; θ)        = c·Σᵢ (logsumexp(zᵢ) − z_{i,yᵢ}) + λ/2·‖X‖²
 *   ∇ₓf            = c·B R + λX
 *   ∇²ₓf V         = c·B G + λV,          Gᵢ = Jᵢ (BᵀV)ᵢ
 *   (∂_θ∇ₓf) W     = c·(W R + B G'),      G'ᵢ = Jᵢ (WᵀX)ᵢ          (W a p×M direction)
 *   (∂_θ∇ₓf)ᵀ U    = c·(U Rᵀ + X Qᵀ),     Qᵢ = Jᵢ (BᵀU)ᵢ           (U a p×K direction)
 * </pre>
 * The last line is the adjoint of the one before: ⟨U, W R⟩ = ⟨U Rᵀ, W⟩ and
 * ⟨U, B G'⟩ = ⟨Q, WᵀX⟩ = ⟨X Qᵀ, W⟩ (Jᵢ symmetric). Every product is two or three dgemm calls
 * on p×M×K blocks. Bounds (Böhning 1992, Jᵢ ⪯ ½I): μ = λ, L = λ + c·‖B‖²_F/2. The implicit
 * hypergradient of an outer loss ℓ(x*(θ)) is then −(∂_θ∇ₓf)ᵀ(∇²ₓf)⁻¹∇ℓ, one CG solve on
 * Hessian-vector products and one cross VJP. Workspaces: five M×K, one M; not thread-safe.
 */
public final class SyntheticDataSoftmax implements Problem {

  private final int p;
  private final int m;
  private final int k;
  private final int[] labels;
  private final double lambda;
  private final double c;
  private final double[] z;
  private final double[] s;
  private final double[] q;
  private final double[] r;
  private final double[] g;

  /**
   * @param features p &gt; 0, pixels per sample.
   * @param labels   the class of each synthetic sample, integers 0…classes−1 (M = length &gt; 0).
   *                 Copied.
   * @param classes  K ≥ 2.
   * @param lambda   λ, finite and &gt; 0 (the ℓ₂ weight; it makes the problem strongly convex).
   * @throws IllegalArgumentException naming the argument and its value.
   */
  public SyntheticDataSoftmax(int features, int[] labels, int classes, double lambda) {
    Checks.positive("synthetic softmax: features", features);
    if (classes < 2) {
      throw new IllegalArgumentException("synthetic softmax: classes is " + classes
          + " (must be >= 2)");
    }
    if (labels == null || labels.length == 0) {
      throw new IllegalArgumentException("synthetic softmax: no synthetic samples");
    }
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] < 0 || labels[i] >= classes) {
        throw new IllegalArgumentException("synthetic softmax: label of sample " + i + " is "
            + labels[i] + " (integers 0.." + (classes - 1) + ")");
      }
    }
    if (!(lambda > 0) || !Double.isFinite(lambda)) {
      throw new IllegalArgumentException("synthetic softmax: lambda is " + lambda
          + " (must be finite and > 0)");
    }
    this.p = features;
    this.m = labels.length;
    this.k = classes;
    this.labels = labels.clone();
    this.lambda = lambda;
    this.c = 1.0 / m;
    this.z = new double[m * k];
    this.s = new double[m * k];
    this.q = new double[m * k];
    this.r = new double[m * k];
    this.g = new double[m * k];
  }

  @Override
  public String name() {
    return "synthetic-softmax";
  }

  /** p·K. */
  @Override
  public int dim() {
    return p * k;
  }

  /** p·M. */
  @Override
  public int thetaDim() {
    return p * m;
  }

  /** K. */
  public int classes() {
    return k;
  }

  /** M. */
  public int samples() {
    return m;
  }

  /** λ. */
  public double lambda() {
    return lambda;
  }

  @Override
  public void checkTheta(double[] theta) {
    Checks.length("theta (synthetic samples)", theta, p * m);
    for (int i = 0; i < theta.length; i++) {
      if (!Double.isFinite(theta[i])) {
        throw new IllegalArgumentException("theta[" + i + "] (pixel " + (i % p) + " of sample "
            + (i / p) + ") is " + theta[i] + " (must be finite)");
      }
    }
  }

  /** z ← BᵀX, s ← softmax by row; returns Σᵢ (logsumexp(zᵢ) − z_{i,yᵢ}). */
  private double probabilities(double[] x, double[] theta) {
    Checks.length("x", x, p * k);
    Checks.length("theta", theta, p * m);
    Blas.gemm(true, false, m, k, p, 1.0, theta, x, 0.0, z);
    double loss = 0;
    for (int i = 0; i < m; i++) {
      double max = Double.NEGATIVE_INFINITY;
      for (int a = 0; a < k; a++) {
        max = Math.max(max, z[i + a * m]);
      }
      double sum = 0;
      for (int a = 0; a < k; a++) {
        double e = Math.exp(z[i + a * m] - max);
        s[i + a * m] = e;
        sum += e;
      }
      for (int a = 0; a < k; a++) {
        s[i + a * m] /= sum;
      }
      loss += max + Math.log(sum) - z[i + labels[i] * m];
    }
    return loss;
  }

  /** r ← P − Y (after {@link #probabilities}). */
  private void residuals() {
    for (int a = 0; a < k; a++) {
      for (int i = 0; i < m; i++) {
        r[i + a * m] = s[i + a * m] - (labels[i] == a ? 1.0 : 0.0);
      }
    }
  }

  /** rows ← Jᵢ rowsᵢ for every sample (after {@link #probabilities}). */
  private void curvature(double[] rows) {
    for (int i = 0; i < m; i++) {
      double sq = 0;
      for (int a = 0; a < k; a++) {
        sq += s[i + a * m] * rows[i + a * m];
      }
      for (int a = 0; a < k; a++) {
        rows[i + a * m] = s[i + a * m] * (rows[i + a * m] - sq);
      }
    }
  }

  @Override
  public double value(double[] x, double[] theta) {
    double loss = probabilities(x, theta);
    return c * loss + 0.5 * lambda * Blas.dot(x, x);
  }

  @Override
  public void gradient(double[] x, double[] theta, double[] out) {
    probabilities(x, theta);
    residuals();
    Checks.length("out", out, p * k);
    Blas.gemm(false, false, p, k, m, c, theta, r, 0.0, out);
    Blas.axpy(lambda, x, out);
  }

  @Override
  public void hvp(double[] x, double[] theta, double[] v, double[] out) {
    probabilities(x, theta);
    Checks.length("v", v, p * k);
    Checks.length("out", out, p * k);
    Blas.gemm(true, false, m, k, p, 1.0, theta, v, 0.0, g);
    curvature(g);
    Blas.gemm(false, false, p, k, m, c, theta, g, 0.0, out);
    Blas.axpy(lambda, v, out);
  }

  @Override
  public void crossJvp(double[] x, double[] theta, double[] w, double[] out) {
    probabilities(x, theta);
    residuals();
    Checks.length("w", w, p * m);
    Checks.length("out", out, p * k);
    Blas.gemm(true, false, m, k, p, 1.0, w, x, 0.0, g);
    curvature(g);
    Blas.gemm(false, false, p, k, m, c, w, r, 0.0, out);
    Blas.gemm(false, false, p, k, m, c, theta, g, 1.0, out);
  }

  @Override
  public void crossVjp(double[] x, double[] theta, double[] u, double[] out) {
    probabilities(x, theta);
    residuals();
    Checks.length("u", u, p * k);
    Checks.length("out", out, p * m);
    Blas.gemm(true, false, m, k, p, 1.0, theta, u, 0.0, q);
    curvature(q);
    Blas.gemm(false, true, p, m, k, c, u, r, 0.0, out);
    Blas.gemm(false, true, p, m, k, c, x, q, 1.0, out);
  }

  /** λ + c·‖B‖²_F/2 ≥ the largest Hessian eigenvalue (Jᵢ ⪯ ½I). */
  @Override
  public double lipschitz(double[] theta) {
    checkTheta(theta);
    return lambda + 0.5 * c * Blas.dot(theta, theta);
  }

  /** λ: the softmax term is only convex. */
  @Override
  public double strongConvexity(double[] theta) {
    return lambda;
  }
}
