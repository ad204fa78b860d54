package dev.iterdiff.problem;

import dev.iterdiff.linalg.Blas;
import dev.iterdiff.map.Checks;
import java.util.Arrays;

/**
 * ℓ₂-regularized softmax regression on learned linear features — the convex head of
 * metric-learning meta-learners (R2-D2, Bertinetto et al. 2019; MetaOptNet, Lee et al. 2019)
 * with θ = the feature map W ∈ ℝ^{d×p}: with zᵢ = W aᵢ (Z = A Wᵀ, n×d), X ∈ ℝ^{d×K},
 * Rᵢ = softmax(Xᵀzᵢ) − Yᵢ, Jᵢ = diag(sᵢ) − sᵢsᵢᵀ,
 * <pre>
 *   f(X; W)          = 1/n·Σᵢ (logsumexp(Xᵀzᵢ) − (Xᵀzᵢ)_{yᵢ}) + λ/2·‖X‖²
 *   ∇ₓf              = 1/n·ZᵀR + λX
 *   ∇²ₓf V           = 1/n·Zᵀ M + λV,              Mᵢ = Jᵢ (ZV)ᵢ
 *   (∂_W∇ₓf) Δ       = 1/n·((AΔᵀ)ᵀR + Zᵀ M'),       M'ᵢ = Jᵢ (AΔᵀX)ᵢ
 *   (∂_W∇ₓf)ᵀ U      = 1/n·(U Rᵀ A + X Mᵀ A),       Mᵢ = Jᵢ (ZU)ᵢ
 * </pre>
 * (the last from ⟨∇ₓf, U⟩ = 1/n·Σᵢ Rᵢᵀ Uᵀ W aᵢ + λ⟨X, U⟩, differentiated in W through the
 * explicit zᵢ and through Rᵢ(Xᵀ W aᵢ)). Convex in X for fixed W, λ-strongly; L = λ +
 * λ_max(ZᵀZ)/(2n) by Böhning's Jᵢ ⪯ ½I. A full-matrix Gaussian prior ‖x‖²_M on pixel
 * weights with M = WᵀW is the same model under x = Wᵀ X. Layout: X(r, k) = x[r + k·d],
 * W(r, j) = θ[r + j·d] (column-major), A column-major n×p as {@link LabeledData} holds it.
 *
 * <p>θ may carry {@code trailing} further entries after W that f does not depend on (a
 * temperature of the outer loss): their cross products are zero.
 *
 * <p>Z is recomputed only when θ changes (compared entry by entry). Workspaces: n×d, n×K
 * several, d×d once per θ. Not thread-safe.
 */
public final class SoftmaxFeatureMap implements Problem {

  private final double[] a;
  private final int n;
  private final int p;
  private final int d;
  private final int k;
  private final int[] cls;
  private final double lambda;
  private final int trailing;
  private final double[] cached;
  private final double[] z;
  private final double[] scores;
  private final double[] prob;
  private final double[] lse;
  private final double[] m1;
  private final double[] proj;
  private boolean valid;
  private double lmax;

  /**
   * @param data     the support rows (n×p) and integer labels 0…K−1. Not modified.
   * @param classes  K ≥ 2.
   * @param features d ≥ 1.
   * @param lambda   λ, finite and &gt; 0.
   * @throws IllegalArgumentException naming the value: K &lt; 2, d &lt; 1, λ not finite and
   *         &gt; 0, a label that is not an integer in 0…K−1.
   */
  public SoftmaxFeatureMap(LabeledData data, int classes, int features, double lambda) {
    this(data, classes, features, lambda, 0);
  }

  /**
   * As above, θ = (W, t) with {@code trailing} entries t that f ignores.
   *
   * @param trailing ≥ 0 entries after W.
   */
  public SoftmaxFeatureMap(LabeledData data, int classes, int features, double lambda,
      int trailing) {
    if (trailing < 0) {
      throw new IllegalArgumentException("softmax-features: trailing is " + trailing
          + " (must be >= 0)");
    }
    this.trailing = trailing;
    if (!(lambda > 0) || !Double.isFinite(lambda)) {
      throw new IllegalArgumentException("softmax-features: lambda is " + lambda
          + " (must be finite and > 0)");
    }
    if (classes < 2) {
      throw new IllegalArgumentException("softmax-features: classes is " + classes
          + " (must be >= 2)");
    }
    if (features < 1) {
      throw new IllegalArgumentException("softmax-features: features is " + features
          + " (must be >= 1)");
    }
    this.n = data.rows();
    this.p = data.cols();
    this.a = data.a();
    this.d = features;
    this.k = classes;
    this.lambda = lambda;
    this.cls = new int[n];
    for (int i = 0; i < n; i++) {
      double y = data.labels()[i];
      if (y != Math.rint(y) || y < 0 || y >= classes) {
        throw new IllegalArgumentException(data.source() + ": label of row " + i + " is " + y
            + " (softmax-features with " + classes + " classes: integers 0.." + (classes - 1)
            + ")");
      }
      cls[i] = (int) y;
    }
    this.cached = new double[d * p];
    this.z = new double[n * d];
    this.scores = new double[n * k];
    this.prob = new double[n * k];
    this.lse = new double[n];
    this.m1 = new double[n * k];
    this.proj = new double[n * d];
  }

  @Override
  public String name() {
    return "softmax-features";
  }

  /** d·K. */
  @Override
  public int dim() {
    return d * k;
  }

  /** d·p (+ the trailing entries). */
  @Override
  public int thetaDim() {
    return d * p + trailing;
  }

  /** d. */
  public int features() {
    return d;
  }

  @Override
  public void checkTheta(double[] theta) {
    Checks.length("theta", theta, d * p + trailing);
    for (int i = 0; i < theta.length; i++) {
      if (!Double.isFinite(theta[i])) {
        throw new IllegalArgumentException("theta[" + i + "] (" + (i < d * p ? "W(" + (i % d)
            + ", " + (i / d) + ")" : "trailing " + (i - d * p)) + ") is " + theta[i]
            + " (must be finite)");
      }
    }
  }

  /**
   * Z = A Wᵀ (n×d, column-major) of a W — the features of the rows.
   *
   * @param a rows, n×p column-major. Not modified.
   * @param w W, d×p column-major. Not modified.
   */
  public static double[] project(double[] a, int n, int p, double[] w, int d) {
    double[] out = new double[n * d];
    Blas.gemm(false, true, n, d, p, 1.0, a, w, 0.0, out);
    return out;
  }

  /** Z for θ, recomputed only when θ differs from the cached one. */
  private void features(double[] theta) {
    Checks.length("theta", theta, d * p + trailing);
    if (valid && Arrays.equals(theta, 0, d * p, cached, 0, d * p)) {
      return;
    }
    System.arraycopy(theta, 0, cached, 0, d * p);
    Blas.gemm(false, true, n, d, p, 1.0, a, theta, 0.0, z);
    double[] g = new double[d * d];
    Blas.gramian(n, d, 1.0, z, 0.0, g);
    double[] eig = dev.iterdiff.linalg.SymmetricEigenvalues.of(d, g);
    lmax = Math.max(0.0, eig[eig.length - 1]);
    valid = true;
  }

  /** scores ← Z X, prob ← row-wise softmax, lse ← row-wise logsumexp. */
  private void forward(double[] x, double[] theta) {
    features(theta);
    Checks.length("x", x, d * k);
    Blas.gemm(false, false, n, k, d, 1.0, z, x, 0.0, scores);
    for (int i = 0; i < n; i++) {
      double max = Double.NEGATIVE_INFINITY;
      for (int c = 0; c < k; c++) {
        max = Math.max(max, scores[i + c * n]);
      }
      double sum = 0;
      for (int c = 0; c < k; c++) {
        double e = Math.exp(scores[i + c * n] - max);
        prob[i + c * n] = e;
        sum += e;
      }
      for (int c = 0; c < k; c++) {
        prob[i + c * n] /= sum;
      }
      lse[i] = max + Math.log(sum);
    }
  }

  /** out (n×K) ← rows Jᵢ qᵢ of q (n×K). */
  private void softmaxJacobian(double[] q, double[] out) {
    for (int i = 0; i < n; i++) {
      double sq = 0;
      for (int c = 0; c < k; c++) {
        sq += prob[i + c * n] * q[i + c * n];
      }
      for (int c = 0; c < k; c++) {
        out[i + c * n] = prob[i + c * n] * (q[i + c * n] - sq);
      }
    }
  }

  /** m1 ← R = S − Y (n×K). */
  private void residual() {
    System.arraycopy(prob, 0, m1, 0, n * k);
    for (int i = 0; i < n; i++) {
      m1[i + cls[i] * n] -= 1.0;
    }
  }

  @Override
  public double value(double[] x, double[] theta) {
    forward(x, theta);
    double loss = 0;
    for (int i = 0; i < n; i++) {
      loss += lse[i] - scores[i + cls[i] * n];
    }
    return loss / n + 0.5 * lambda * Blas.dot(x, x);
  }

  @Override
  public void gradient(double[] x, double[] theta, double[] out) {
    forward(x, theta);
    residual();
    System.arraycopy(x, 0, out, 0, d * k);
    Blas.gemm(true, false, d, k, n, 1.0 / n, z, m1, lambda, out);
  }

  @Override
  public void hvp(double[] x, double[] theta, double[] v, double[] out) {
    forward(x, theta);
    Checks.length("v", v, d * k);
    Blas.gemm(false, false, n, k, d, 1.0, z, v, 0.0, m1);
    softmaxJacobian(m1, m1);
    System.arraycopy(v, 0, out, 0, d * k);
    Blas.gemm(true, false, d, k, n, 1.0 / n, z, m1, lambda, out);
  }

  /** (∂_W∇ₓf) Δ = 1/n·((AΔᵀ)ᵀR + Zᵀ M'), M'ᵢ = Jᵢ (AΔᵀ X)ᵢ. */
  @Override
  public void crossJvp(double[] x, double[] theta, double[] w, double[] out) {
    forward(x, theta);
    Checks.length("w", w, d * p + trailing);
    Blas.gemm(false, true, n, d, p, 1.0, a, w, 0.0, proj);          // dZ = A Δᵀ
    double[] q = new double[n * k];
    Blas.gemm(false, false, n, k, d, 1.0, proj, x, 0.0, q);         // dZ X
    softmaxJacobian(q, q);
    residual();
    Blas.gemm(true, false, d, k, n, 1.0 / n, proj, m1, 0.0, out);   // dZᵀ R / n
    Blas.gemm(true, false, d, k, n, 1.0 / n, z, q, 1.0, out);       // + Zᵀ M' / n
  }

  /** (∂_W∇ₓf)ᵀ U = 1/n·(U Rᵀ + X Mᵀ) A, Mᵢ = Jᵢ (ZU)ᵢ. */
  @Override
  public void crossVjp(double[] x, double[] theta, double[] u, double[] out) {
    forward(x, theta);
    Checks.length("u", u, d * k);
    double[] q = new double[n * k];
    Blas.gemm(false, false, n, k, d, 1.0, z, u, 0.0, q);            // Z U
    softmaxJacobian(q, q);                                          // M
    residual();                                                     // m1 = R
    // proj (d×n) = U Rᵀ + X Mᵀ, then out = proj A / n
    Blas.gemm(false, true, d, n, k, 1.0, u, m1, 0.0, proj);
    Blas.gemm(false, true, d, n, k, 1.0, x, q, 1.0, proj);
    Blas.gemm(false, false, d, p, n, 1.0 / n, proj, a, 0.0, out);
    Arrays.fill(out, d * p, d * p + trailing, 0.0);
  }

  /** λ + λ_max(ZᵀZ)/(2n) (Böhning: Jᵢ ⪯ ½I). */
  @Override
  public double lipschitz(double[] theta) {
    checkTheta(theta);
    features(theta);
    return lambda + 0.5 * lmax / n;
  }

  /** λ. */
  @Override
  public double strongConvexity(double[] theta) {
    return lambda;
  }
}
