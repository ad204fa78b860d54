package dev.iterdiff.problem;

import dev.iterdiff.linalg.Blas;
import dev.iterdiff.map.Checks;
import java.util.Arrays;

/**
 * The multinomial logistic (softmax cross-entropy) loss over K classes as a {@link DataTerm}:
 * x is the p×K weight matrix X (column-major, X(j, k) = x[j + k·p], dim x = p·K), scores
 * zᵢ = Xᵀaᵢ, probabilities sᵢ = softmax(zᵢ), Yᵢ the one-hot label, Jᵢ = diag(sᵢ) − sᵢsᵢᵀ:
 * <pre>
 *   D(x; w)        = c·Σᵢ wᵢ (logsumexp(zᵢ) − z_{i,yᵢ})
 *   ∇ₓD            = c·Aᵀ(w∘(S − Y))                                     (p×K)
 *   ∇²ₓD V         = c·Aᵀ(w∘R),  Rᵢ = Jᵢ (AV)ᵢ                             (exact HVP)
 *   block (k, l)   = c·Aᵀ diag(w∘(δ_kl s_k − s_k∘s_l)) A                   (dense Hessian)
 *   (Dₓ∇²D[V]) Δ   = c·Aᵀ(w∘(δsᵢ∘rᵢ − δsᵢ(sᵢᵀrᵢ) − sᵢ(δsᵢᵀrᵢ))),  δsᵢ = Jᵢqᵢ, q = AV, r = AΔ
 *   (∂_w∇ₓD)ᵀU     = c·(sᵢ − Yᵢ)ᵀ(AU)ᵢ,    ∂_w(Uᵀ∇²ₓD Δ) = c·(AU)ᵢᵀ Jᵢ (AΔ)ᵢ
 * </pre>
 * The products with A are dgemm calls on N×K blocks (BLAS-3); the dense Hessian is K(K+1)/2
 * weighted Gramians. Softmax and logsumexp subtract the row maximum, so nothing overflows.
 * Curvature (Böhning 1992: Jᵢ ⪯ ½(I − 11ᵀ/K) ⪯ ½I): μ = 0, L = c·λ_max(AᵀA)/2 (·|w₀| for a
 * shared weight) or c·Σᵢ|wᵢ|‖aᵢ‖²/2 per sample. X is not identifiable (adding one vector to
 * every column changes nothing), so D is only convex: an ℓ₂ term makes the problem strongly
 * convex.
 *
 * <p>Classes: {@link #mean} ranks the distinct label values (sorted ascending: labels 0…9 give
 * classes 0…9, ±1 gives 2 classes); the constructor takes integer labels 0…K−1 as given (a
 * task's support and query sets share one numbering that way). Workspaces: four N×K, one N,
 * and N·p + p² on first use of the dense Hessian. Not thread-safe.
 */
public final class SoftmaxLoss implements DataTerm {

  private final LabeledData data;
  private final DesignMatrix design;
  private final int n;
  private final int p;
  private final int k;
  private final int[] cls;
  private final double scale;
  private final double[] z;
  private final double[] s;
  private final double[] q;
  private final double[] r;
  private final double[] lse;
  private final double[] bounds = new double[2];
  private double[] scaled;
  private double[] block;

  /**
   * @param data    design matrix and labels, integers 0…classes−1. Not modified.
   * @param classes K ≥ 2.
   * @param scale   c, finite and &gt; 0.
   * @throws IllegalArgumentException on a bad scale, K &lt; 2, or a label that is not an
   *         integer in 0…K−1 (naming the source, the row and the value).
   */
  public SoftmaxLoss(LabeledData data, int classes, double scale) {
    this(data, classIndices(data, classes), classes, scale);
  }

  private SoftmaxLoss(LabeledData data, int[] cls, int classes, double scale) {
    Checks.positive("softmax loss: scale", scale);
    this.data = data;
    this.design = new DesignMatrix(data);
    design.dense(data.source() + ": softmax loss");
    this.n = data.rows();
    this.p = data.cols();
    this.k = classes;
    this.cls = cls;
    this.scale = scale;
    this.z = new double[n * k];
    this.s = new double[n * k];
    this.q = new double[n * k];
    this.r = new double[n * k];
    this.lse = new double[n];
  }

  /** 1/N·Σᵢ wᵢ(logsumexp(zᵢ) − z_{i,yᵢ}), the classes the sorted distinct label values. */
  public static SoftmaxLoss mean(LabeledData data) {
    double[] values = classValues(data);
    int[] cls = new int[data.rows()];
    for (int i = 0; i < cls.length; i++) {
      cls[i] = Arrays.binarySearch(values, data.labels()[i]);
    }
    return new SoftmaxLoss(data, cls, values.length, 1.0 / data.rows());
  }

  /**
   * The distinct label values, ascending: class k is the k-th.
   *
   * @throws IllegalArgumentException if there are fewer than 2, naming the source.
   */
  public static double[] classValues(LabeledData data) {
    double[] v = Arrays.stream(data.labels()).distinct().sorted().toArray();
    if (v.length < 2) {
      throw new IllegalArgumentException(data.source() + ": a single class (label " + v[0]
          + "): the softmax loss needs at least 2");
    }
    return v;
  }

  private static int[] classIndices(LabeledData data, int classes) {
    if (classes < 2) {
      throw new IllegalArgumentException("softmax loss: classes is " + classes
          + " (must be >= 2)");
    }
    int[] cls = new int[data.rows()];
    for (int i = 0; i < cls.length; i++) {
      double y = data.labels()[i];
      if (y != Math.rint(y) || y < 0 || y >= classes) {
        throw new IllegalArgumentException(data.source() + ": label of row " + (i + 1) + " is "
            + y + " (softmax with " + classes + " classes: integers 0.." + (classes - 1) + ")");
      }
      cls[i] = (int) y;
    }
    return cls;
  }

  @Override
  public String name() {
    return "softmax";
  }

  @Override
  public LabeledData data() {
    return data;
  }

  @Override
  public double scale() {
    return scale;
  }

  /** K. */
  public int classes() {
    return k;
  }

  /** p·K. */
  @Override
  public int dim() {
    return p * k;
  }

  private static double weight(double[] w, int i) {
    return w == null ? 1.0 : w.length == 1 ? w[0] : w[i];
  }

  /** z ← A X, s ← row-wise softmax, lse ← row-wise logsumexp. */
  private void probabilities(double[] x) {
    Checks.length("x", x, p * k);
    Blas.gemm(false, false, n, k, p, 1.0, design.a, x, 0.0, z);
    for (int i = 0; i < n; i++) {
      double max = Double.NEGATIVE_INFINITY;
      for (int c = 0; c < k; c++) {
        max = Math.max(max, z[i + c * n]);
      }
      double sum = 0;
      for (int c = 0; c < k; c++) {
        double e = Math.exp(z[i + c * n] - max);
        s[i + c * n] = e;
        sum += e;
      }
      for (int c = 0; c < k; c++) {
        s[i + c * n] /= sum;
      }
      lse[i] = max + Math.log(sum);
    }
  }

  /** out (N×K) ← A V, V a p×K direction. */
  private void scores(double[] v, double[] out) {
    Checks.length("direction", v, p * k);
    Blas.gemm(false, false, n, k, p, 1.0, design.a, v, 0.0, out);
  }

  /** out (p×K) ← c·Aᵀ R. */
  private void back(double[] rows, double[] out) {
    Checks.length("out", out, p * k);
    Blas.gemm(true, false, p, k, n, scale, design.a, rows, 0.0, out);
  }

  @Override
  public double value(double[] x, double[] weights) {
    probabilities(x);
    double sum = 0;
    for (int i = 0; i < n; i++) {
      sum += weight(weights, i) * (lse[i] - z[i + cls[i] * n]);
    }
    return sum * scale;
  }

  @Override
  public void gradient(double[] x, double[] weights, double[] out) {
    probabilities(x);
    for (int c = 0; c < k; c++) {
      for (int i = 0; i < n; i++) {
        r[i + c * n] = weight(weights, i) * (s[i + c * n] - (cls[i] == c ? 1.0 : 0.0));
      }
    }
    back(r, out);
  }

  @Override
  public void hvp(double[] x, double[] weights, double[] v, double[] out) {
    probabilities(x);
    scores(v, q);
    for (int i = 0; i < n; i++) {
      double sq = 0;
      for (int c = 0; c < k; c++) {
        sq += s[i + c * n] * q[i + c * n];
      }
      double w = weight(weights, i);
      for (int c = 0; c < k; c++) {
        r[i + c * n] = w * s[i + c * n] * (q[i + c * n] - sq);
      }
    }
    back(r, out);
  }

  @Override
  public void hessian(double[] x, double[] weights, double[] out) {
    int m = p * k;
    Checks.length("hessian out", out, m * m);
    probabilities(x);
    if (scaled == null) {
      scaled = new double[n * p];
      block = new double[p * p];
    }
    for (int a = 0; a < k; a++) {
      for (int b = a; b < k; b++) {
        for (int i = 0; i < n; i++) {
          double sa = s[i + a * n];
          lse[i] = weight(weights, i) * ((a == b ? sa : 0.0) - sa * s[i + b * n]);
        }
        design.weightedGramian(scale, lse, scaled, 0.0, block); // lse overwritten
        for (int col = 0; col < p; col++) {
          for (int row = 0; row < p; row++) {
            double h = block[row + col * p];
            out[(a * p + row) + (b * p + col) * m] = h;
            out[(b * p + row) + (a * p + col) * m] = h;
          }
        }
      }
    }
  }

  @Override
  public void hessianDerivX(double[] x, double[] weights, double[] d, double[] v, double[] out) {
    probabilities(x);
    scores(v, q);
    scores(d, r);
    for (int i = 0; i < n; i++) {
      double sq = 0;
      double sr = 0;
      for (int c = 0; c < k; c++) {
        sq += s[i + c * n] * q[i + c * n];
        sr += s[i + c * n] * r[i + c * n];
      }
      double dsr = 0;
      for (int c = 0; c < k; c++) {
        int ic = i + c * n;
        q[ic] = s[ic] * (q[ic] - sq); // δs = J q
        dsr += q[ic] * r[ic];
      }
      double w = weight(weights, i);
      for (int c = 0; c < k; c++) {
        int ic = i + c * n;
        r[ic] = w * (q[ic] * (r[ic] - sr) - s[ic] * dsr);
      }
    }
    back(r, out);
  }

  @Override
  public void weightsVjp(double[] x, double[] u, double[] out) {
    probabilities(x);
    scores(u, q);
    for (int i = 0; i < n; i++) {
      double t = -q[i + cls[i] * n];
      for (int c = 0; c < k; c++) {
        t += s[i + c * n] * q[i + c * n];
      }
      lse[i] = t;
    }
    perSample(lse, out);
  }

  @Override
  public void curvatureWeightsVjp(double[] x, double[] d, double[] u, double[] out) {
    probabilities(x);
    scores(u, q);
    scores(d, r);
    for (int i = 0; i < n; i++) {
      double sq = 0;
      double sr = 0;
      double sqr = 0;
      for (int c = 0; c < k; c++) {
        int ic = i + c * n;
        sq += s[ic] * q[ic];
        sr += s[ic] * r[ic];
        sqr += s[ic] * q[ic] * r[ic];
      }
      lse[i] = sqr - sq * sr;
    }
    perSample(lse, out);
  }

  /** out = c·t (length N) or c·Σt (length 1). */
  private void perSample(double[] t, double[] out) {
    if (out.length == 1) {
      double sum = 0;
      for (double ti : t) {
        sum += ti;
      }
      out[0] = scale * sum;
    } else {
      Checks.length("out", out, n);
      for (int i = 0; i < n; i++) {
        out[i] = scale * t[i];
      }
    }
  }

  @Override
  public double[] curvatureBounds(double[] weights) {
    bounds[0] = 0.0;
    if (weights == null || weights.length == 1) {
      double w = weights == null ? 1.0 : Math.abs(weights[0]);
      bounds[1] = 0.5 * design.gramExtremes()[1] * scale * w;
    } else {
      double[] norms = design.rowNormsSquared();
      double sum = 0;
      for (int i = 0; i < n; i++) {
        sum += Math.abs(weights[i]) * norms[i];
      }
      bounds[1] = 0.5 * sum * scale;
    }
    return bounds;
  }
}
