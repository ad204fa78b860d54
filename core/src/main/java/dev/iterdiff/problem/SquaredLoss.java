package dev.iterdiff.problem;

import dev.iterdiff.linalg.SymmetricEigenvalues;
import dev.iterdiff.map.Checks;
import java.util.Arrays;

/**
 * The squared loss as a {@link DataTerm}, b the labels used as given:
 * <pre>
 *   D(x; w) = c/2·Σᵢ wᵢ (aᵢᵀx − bᵢ)²,    r = Ax − b,   W = diag w
 *   ∇ₓD = c·AᵀWr,   ∇²ₓD = c·AᵀWA (constant in x: Dₓ∇²D = 0)
 *   (∂_w∇ₓD)ᵀu = c·r∘(Au),   ∂_w(uᵀ∇²ₓD d) = c·(Au)∘(Ad)
 * </pre>
 * c = 1/N ({@link #mean}: the {@code ridge} data term and the {@code squared} outer loss) or
 * c = 1 ({@link #sum}: {@code weighted-ridge}, the least-squares experiment of Bolte, Pauwels
 * &amp; Vaiter 2023). Dense Hessian: dsyrk for unit or shared weights, Aᵀ(w∘A) by dgemm per
 * sample (any sign). Curvature bounds: c·w₀·λ(AᵀA) (unit or shared weight, AᵀA's extremes
 * computed once) or the exact extremes of c·AᵀWA (dgemm + dsyev, O(N·p² + p³)), cached by the
 * weights' content.
 *
 * <p>Workspaces: three of length N; N×p and p×p on first use of the dense Hessian or the
 * per-sample bounds. Not thread-safe.
 */
public final class SquaredLoss implements DataTerm {

  private final LabeledData data;
  private final DesignMatrix design;
  private final double[] b;
  private final double scale;
  private final double[] r;
  private final double[] au;
  private final double[] ad;
  private final double[] bounds = new double[2];
  private double[] scaled;
  private double[] gram;
  private double[] cachedWeights;
  private double[] cachedExtremes;

  /**
   * @param data  design matrix and targets. Not modified (kept by reference).
   * @param scale c, finite and &gt; 0.
   * @throws IllegalArgumentException on a bad scale.
   */
  public SquaredLoss(LabeledData data, double scale) {
    Checks.positive("squared loss: scale", scale);
    this.data = data;
    this.design = new DesignMatrix(data);
    this.b = data.labels();
    this.scale = scale;
    this.r = new double[data.rows()];
    this.au = new double[data.rows()];
    this.ad = new double[data.rows()];
  }

  /** 1/(2N)·Σᵢ wᵢ(aᵢᵀx − bᵢ)². */
  public static SquaredLoss mean(LabeledData data) {
    return new SquaredLoss(data, 1.0 / data.rows());
  }

  /** ½·Σᵢ wᵢ(aᵢᵀx − bᵢ)². */
  public static SquaredLoss sum(LabeledData data) {
    return new SquaredLoss(data, 1.0);
  }

  @Override
  public String name() {
    return "squared";
  }

  @Override
  public LabeledData data() {
    return data;
  }

  @Override
  public double scale() {
    return scale;
  }

  private static double weight(double[] w, int i) {
    return w.length == 1 ? w[0] : w[i];
  }

  /** r ← Ax − b. */
  private void residual(double[] x) {
    Checks.length("x", x, design.cols);
    System.arraycopy(b, 0, r, 0, b.length);
    design.times(1.0, x, -1.0, r);
  }

  @Override
  public double value(double[] x, double[] weights) {
    residual(x);
    double s = 0;
    if (weights == null) {
      for (double ri : r) {
        s += ri * ri;
      }
    } else {
      for (int i = 0; i < r.length; i++) {
        s += weight(weights, i) * r[i] * r[i];
      }
    }
    return 0.5 * scale * s;
  }

  @Override
  public void gradient(double[] x, double[] weights, double[] out) {
    residual(x);
    if (weights != null) {
      for (int i = 0; i < r.length; i++) {
        r[i] *= weight(weights, i);
      }
    }
    design.transposeTimes(scale, r, 0.0, out);
  }

  @Override
  public void hvp(double[] x, double[] weights, double[] v, double[] out) {
    Checks.length("v", v, design.cols);
    design.times(1.0, v, 0.0, au);
    if (weights != null) {
      for (int i = 0; i < au.length; i++) {
        au[i] *= weight(weights, i);
      }
    }
    design.transposeTimes(scale, au, 0.0, out);
  }

  /**
   * c·A_Sᵀ diag(w) A_S (the squared loss is quadratic: any x): read from AᵀA when the design
   * has formed it (dense A, N ≥ p, after the curvature bounds — a proximal-gradient solver's
   * step 1/L) and the weights are unit or shared ({@link GramSubmatrix}: |S|² entries
   * gathered), else on the gathered columns A_S ({@link SupportGram}: N|S|² flops); null for
   * sparse A (the caller then uses padded Hessian-vector products, O(nnz) each).
   */
  @Override
  public SupportHessian supportHessian(double[] x, double[] weights, int[] support) {
    if (design.sparse != null) {
      return null;
    }
    double[] gram = design.retainedGram();
    if (gram != null && (weights == null || weights.length == 1)) {
      return new GramSubmatrix(gram, design.cols,
          weights == null ? scale : scale * weights[0], support);
    }
    return new SupportGram(design, scale, weights, support);
  }

  @Override
  public void hessian(double[] x, double[] weights, double[] out) {
    Checks.length("hessian out", out, design.cols * design.cols);
    if (weights == null || weights.length == 1) {
      design.weightedGramian(weights == null ? scale : scale * weights[0], null, null, 0.0, out);
    } else {
      design.weightedProduct(scale, weights, scaledWorkspace(), 0.0, out);
    }
  }

  private double[] scaledWorkspace() {
    if (scaled == null) {
      scaled = new double[design.rows * design.cols];
    }
    return scaled;
  }

  /** Zero: the Hessian of a quadratic does not depend on x. */
  @Override
  public void hessianDerivX(double[] x, double[] weights, double[] d, double[] v, double[] out) {
    Arrays.fill(out, 0, design.cols, 0.0);
  }

  @Override
  public void weightsVjp(double[] x, double[] u, double[] out) {
    Checks.length("u", u, design.cols);
    residual(x);
    design.times(1.0, u, 0.0, au);
    perSample(r, au, out);
  }

  @Override
  public void curvatureWeightsVjp(double[] x, double[] d, double[] u, double[] out) {
    Checks.length("d", d, design.cols);
    Checks.length("u", u, design.cols);
    design.times(1.0, d, 0.0, ad);
    design.times(1.0, u, 0.0, au);
    perSample(au, ad, out);
  }

  /** out = c·(s∘t) (length N) or c·sᵀt (length 1). */
  private void perSample(double[] s, double[] t, double[] out) {
    if (out.length == 1) {
      double sum = 0;
      for (int i = 0; i < s.length; i++) {
        sum += s[i] * t[i];
      }
      out[0] = scale * sum;
    } else {
      for (int i = 0; i < s.length; i++) {
        out[i] = scale * (s[i] * t[i]);
      }
    }
  }

  @Override
  public double[] curvatureBounds(double[] weights) {
    double[] e;
    double factor = scale;
    if (weights == null || weights.length == 1) {
      e = design.gramExtremes();
      factor = weights == null ? scale : scale * weights[0];
    } else {
      if (cachedWeights == null || !Arrays.equals(cachedWeights, weights)) {
        if (gram == null) {
          gram = new double[design.cols * design.cols];
        }
        design.weightedProduct(1.0, weights, scaledWorkspace(), 0.0, gram);
        cachedExtremes = SymmetricEigenvalues.extremes(design.cols, gram);
        cachedWeights = weights.clone();
      }
      e = cachedExtremes;
    }
    bounds[0] = Math.max(0.0, e[0] * factor);
    bounds[1] = e[1] * factor;
    return bounds;
  }
}
