package dev.iterdiff.problem;

import dev.iterdiff.map.Checks;
import java.util.Arrays;

/**
 * The logistic loss as a {@link DataTerm}, yᵢ = +1 if the label is &gt; 0, else −1, no
 * intercept. With margins mᵢ = yᵢaᵢᵀx, σ the logistic function and
 * ℓ(m) = log(1 + e^{−m}), ℓ' = −σ(−m), ℓ'' = s = σ(m)σ(−m) ≤ ¼, ℓ''' = s·(σ(−m) − σ(m)):
 * <pre>
 *   D(x; w)       = c·Σᵢ wᵢ ℓ(mᵢ)
 *   ∇ₓD           = c·Aᵀ(w∘y∘ℓ'(m))
 *   ∇²ₓD          = c·Aᵀ diag(w∘s) A
 *   (Dₓ∇²D[v]) d  = c·Aᵀ(w∘y∘ℓ'''(m)∘Av∘Ad)
 *   (∂_w∇ₓD)ᵀu    = c·y∘ℓ'(m)∘(Au),    ∂_w(uᵀ∇²ₓD d) = c·s∘(Au)∘(Ad)
 * </pre>
 * Everything is evaluated from e = exp(−|m|) ∈ (0, 1], so no exponential overflows:
 * ℓ(m) = max(−m, 0) + log1p(e), σ(−|m|) = e/(1+e), s = e/(1+e)². Curvature bounds (s ≤ ¼):
 * μ = 0 and L = c·λ_max(AᵀA)/4 (unit weights, ·|w₀| for a shared one) or the trace bound
 * L = c·Σᵢ|wᵢ|‖aᵢ‖²/4 (per sample). Dense Hessian: dsyrk on √(w∘s)∘A when w ≥ 0, else dgemm.
 * The models are those of Bolte, Pauwels &amp; Vaiter (NeurIPS 2023, §5).
 *
 * <p>Workspaces: four of length N (one the curvatures of the last Hessian-vector product's
 * point, with copies of that x and w), and N×p on first use of the dense Hessian. Not
 * thread-safe.
 */
public final class LogisticLoss implements DataTerm {

  private final LabeledData data;
  private final DesignMatrix design;
  private final double[] y;
  private final double scale;
  private final double[] z;
  private final double[] aux;
  private final double[] aux2;
  private final double[] bounds = new double[2];
  private double[] scaled;
  private final double[] weightedCurvature;
  private double[] curvatureX;
  private double[] curvatureWeights;

  /**
   * @param data  design matrix and labels (sign → ±1). Not modified (kept by reference).
   * @param scale c, finite and &gt; 0.
   * @throws IllegalArgumentException on a bad scale.
   */
  public LogisticLoss(LabeledData data, double scale) {
    Checks.positive("logistic loss: scale", scale);
    this.data = data;
    this.design = new DesignMatrix(data);
    this.scale = scale;
    this.y = new double[data.rows()];
    for (int i = 0; i < y.length; i++) {
      y[i] = data.labels()[i] > 0 ? 1.0 : -1.0;
    }
    this.z = new double[data.rows()];
    this.aux = new double[data.rows()];
    this.aux2 = new double[data.rows()];
    this.weightedCurvature = new double[data.rows()];
  }

  /** 1/N·Σᵢ wᵢ log(1 + exp(−yᵢaᵢᵀx)). */
  public static LogisticLoss mean(LabeledData data) {
    return new LogisticLoss(data, 1.0 / data.rows());
  }

  @Override
  public String name() {
    return "logistic";
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
    return w == null ? 1.0 : w.length == 1 ? w[0] : w[i];
  }

  /** z ← margins mᵢ = yᵢ aᵢᵀx. */
  private void margins(double[] x) {
    Checks.length("x", x, design.cols);
    design.times(1.0, x, 0.0, z);
    for (int i = 0; i < z.length; i++) {
      z[i] *= y[i];
    }
  }

  /** σ(−m) without overflow. */
  static double sigmoidOfMinus(double m) {
    double e = Math.exp(-Math.abs(m));
    return m >= 0 ? e / (1 + e) : 1 / (1 + e);
  }

  /** s = σ(m)σ(−m) = e/(1+e)², e = exp(−|m|). */
  static double curvature(double m) {
    double e = Math.exp(-Math.abs(m));
    double q = 1 + e;
    return e / (q * q);
  }

  /** ℓ(m) = log(1 + e^{−m}) = max(−m, 0) + log1p(e^{−|m|}). */
  static double loss(double m) {
    return Math.max(-m, 0.0) + Math.log1p(Math.exp(-Math.abs(m)));
  }

  @Override
  public double value(double[] x, double[] weights) {
    margins(x);
    double sum = 0;
    if (weights == null) {
      for (double m : z) {
        sum += loss(m);
      }
    } else {
      for (int i = 0; i < z.length; i++) {
        sum += weight(weights, i) * loss(z[i]);
      }
    }
    return sum * scale;
  }

  @Override
  public void gradient(double[] x, double[] weights, double[] out) {
    margins(x);
    for (int i = 0; i < z.length; i++) {
      aux[i] = -y[i] * sigmoidOfMinus(z[i]);
    }
    if (weights != null) {
      for (int i = 0; i < z.length; i++) {
        aux[i] *= weight(weights, i);
      }
    }
    design.transposeTimes(scale, aux, 0.0, out);
  }

  /**
   * c·Aᵀ diag(w∘s) A v. The curvatures wᵢsᵢ of the last (x, w) are kept (keyed by the
   * contents of x and w, so an array changed in place is seen): the products of a CG solve at
   * one point cost one pass over A ({@link DesignMatrix#weightedGramTimes}) instead of the
   * margins, N exponentials and two passes each.
   */
  @Override
  public void hvp(double[] x, double[] weights, double[] v, double[] out) {
    Checks.length("v", v, design.cols);
    Checks.length("x", x, design.cols);
    if (curvatureX == null || !Arrays.equals(x, curvatureX)
        || !Arrays.equals(weights, curvatureWeights)) {
      margins(x);
      for (int i = 0; i < z.length; i++) {
        weightedCurvature[i] = weight(weights, i) * curvature(z[i]);
      }
      curvatureX = x.clone();
      curvatureWeights = weights == null ? null : weights.clone();
    }
    design.weightedGramTimes(scale, weightedCurvature, v, aux, out);
  }

  @Override
  public void hessian(double[] x, double[] weights, double[] out) {
    Checks.length("hessian out", out, design.cols * design.cols);
    margins(x);
    for (int i = 0; i < z.length; i++) {
      aux[i] = weights == null ? curvature(z[i]) : weight(weights, i) * curvature(z[i]);
    }
    if (scaled == null) {
      scaled = new double[design.rows * design.cols];
    }
    design.weightedGramian(scale, aux, scaled, 0.0, out); // aux overwritten (√ when ≥ 0)
  }

  @Override
  public void hessianDerivX(double[] x, double[] weights, double[] d, double[] v, double[] out) {
    Checks.length("d", d, design.cols);
    Checks.length("v", v, design.cols);
    margins(x);
    design.times(1.0, d, 0.0, aux);
    design.times(1.0, v, 0.0, aux2);
    for (int i = 0; i < z.length; i++) {
      double m = z[i];
      double e = Math.exp(-Math.abs(m));
      // σ(−m) − σ(m) = −sign(m)·(1 − e)/(1 + e)
      double diff = (m >= 0 ? -1.0 : 1.0) * (1 - e) / (1 + e);
      aux[i] *= y[i] * curvature(m) * diff * weight(weights, i);
      aux[i] *= aux2[i];
    }
    design.transposeTimes(scale, aux, 0.0, out);
  }

  @Override
  public void weightsVjp(double[] x, double[] u, double[] out) {
    Checks.length("u", u, design.cols);
    margins(x);
    design.times(1.0, u, 0.0, aux);
    for (int i = 0; i < z.length; i++) {
      aux[i] *= -y[i] * sigmoidOfMinus(z[i]);
    }
    perSample(aux, out);
  }

  @Override
  public void curvatureWeightsVjp(double[] x, double[] d, double[] u, double[] out) {
    Checks.length("d", d, design.cols);
    Checks.length("u", u, design.cols);
    margins(x);
    design.times(1.0, d, 0.0, aux);
    design.times(1.0, u, 0.0, aux2);
    for (int i = 0; i < z.length; i++) {
      aux[i] *= curvature(z[i]) * aux2[i];
    }
    perSample(aux, out);
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
      for (int i = 0; i < t.length; i++) {
        out[i] = scale * t[i];
      }
    }
  }

  @Override
  public double[] curvatureBounds(double[] weights) {
    bounds[0] = 0.0;
    if (weights == null || weights.length == 1) {
      double w = weights == null ? 1.0 : Math.abs(weights[0]);
      bounds[1] = 0.25 * design.gramExtremes()[1] * scale * w;
    } else {
      double[] norms = design.rowNormsSquared();
      double sum = 0;
      for (int i = 0; i < norms.length; i++) {
        sum += Math.abs(weights[i]) * norms[i];
      }
      bounds[1] = 0.25 * sum * scale;
    }
    return bounds;
  }
}
