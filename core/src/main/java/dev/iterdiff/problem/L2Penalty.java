package dev.iterdiff.problem;

/**
 * The smooth ℓ₂ penalty P(x; λ) = ½·Σⱼ λⱼ xⱼ², with λ either one value (length 1: λⱼ = λ₀ for
 * every j, P = ½λ₀‖x‖²) or one value per feature (length p). λ comes from θ or is a fixed α:
 * which, is the {@link ThetaEntry}'s business.
 *
 * <p>Its derivatives are diagonal: ∇ₓP = λ∘x, ∇²ₓP = diag λ (constant in x), ∂_λ∇ₓP = diag x
 * (per feature) or the column x (single λ), D_λ(∇²ₓP)[w] d = w∘d, ∂_λ(uᵀ∇²ₓP d) = u∘d.
 * All methods add into or overwrite caller-owned arrays and allocate nothing.
 */
public final class L2Penalty {

  private final int p;

  /** @param p number of features, &gt; 0. */
  public L2Penalty(int p) {
    dev.iterdiff.map.Checks.positive("l2 penalty: features", p);
    this.p = p;
  }

  /** p. */
  public int dim() {
    return p;
  }

  private static double at(double[] lambda, int j) {
    return lambda.length == 1 ? lambda[0] : lambda[j];
  }

  /** ½·Σⱼ λⱼ xⱼ². */
  public double value(double[] x, double[] lambda) {
    double s = 0;
    for (int j = 0; j < p; j++) {
      s += at(lambda, j) * x[j] * x[j];
    }
    return 0.5 * s;
  }

  /** out += λ∘v (the gradient when v = x, the Hessian action otherwise). out modified. */
  public void addScaled(double[] lambda, double[] v, double[] out) {
    for (int j = 0; j < p; j++) {
      out[j] += at(lambda, j) * v[j];
    }
  }

  /**
   * h + diag(λ_S): a data term's restricted Hessian with this penalty's curvature on S.
   *
   * @param h       the data term's H_SS.
   * @param lambda  λ (length 1 or p); copied.
   * @param support S. Not modified.
   */
  SupportHessian restrict(SupportHessian h, double[] lambda, int[] support) {
    double[] l = new double[support.length];
    boolean any = false;
    for (int q = 0; q < support.length; q++) {
      l[q] = at(lambda, support[q]);
      any |= l[q] != 0;
    }
    if (!any) {
      return h;
    }
    return new SupportHessian() {
      @Override
      public int size() {
        return h.size();
      }

      @Override
      public void apply(double[] v, double[] out) {
        h.apply(v, out);
        for (int q = 0; q < l.length; q++) {
          out[q] += l[q] * v[q];
        }
      }

      @Override
      public void dense(double[] out) {
        h.dense(out);
        for (int q = 0; q < l.length; q++) {
          out[q + q * l.length] += l[q];
        }
      }

      @Override
      public void denseLower(double alpha, double[] out) {
        h.denseLower(alpha, out);
        for (int q = 0; q < l.length; q++) {
          out[q + q * l.length] += alpha * l[q];
        }
      }

      @Override
      public double applyFlops() {
        return h.applyFlops() + 2.0 * l.length;
      }

      @Override
      public double denseFlops() {
        return h.denseFlops();
      }
    };
  }

  /** out[j + j·p] += λⱼ on a dense p×p column-major Hessian. out modified. */
  public void addToHessian(double[] lambda, double[] out) {
    for (int j = 0; j < p; j++) {
      out[j + j * p] += at(lambda, j);
    }
  }

  /**
   * out = (∂_λ∇ₓP) w = x∘w (per feature) or w₀·x (single λ, w of length 1); with x replaced by
   * d it is D_λ(∇²ₓP)[w] d. out modified (overwritten, length p).
   */
  public void crossJvp(double[] x, double[] w, double[] out) {
    boolean single = w.length == 1;
    for (int j = 0; j < p; j++) {
      out[j] = x[j] * (single ? w[0] : w[j]);
    }
  }

  /**
   * out = (∂_λ∇ₓP)ᵀ u = x∘u (out of length p) or xᵀu (out of length 1); with x replaced by d
   * it is ∂_λ(uᵀ∇²ₓP d). out modified (overwritten).
   */
  public void crossVjp(double[] x, double[] u, double[] out) {
    if (out.length == 1) {
      double s = 0;
      for (int j = 0; j < p; j++) {
        s += x[j] * u[j];
      }
      out[0] = s;
    } else {
      for (int j = 0; j < p; j++) {
        out[j] = x[j] * u[j];
      }
    }
  }

  /** min over j of λⱼ: P's strong convexity. */
  public double min(double[] lambda) {
    double m = Double.POSITIVE_INFINITY;
    for (double t : lambda) {
      m = Math.min(m, t);
    }
    return m;
  }

  /** max over j of λⱼ: the Lipschitz constant of ∇ₓP. */
  public double max(double[] lambda) {
    double m = Double.NEGATIVE_INFINITY;
    for (double t : lambda) {
      m = Math.max(m, t);
    }
    return m;
  }
}
