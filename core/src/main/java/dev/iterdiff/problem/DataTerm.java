package dev.iterdiff.problem;

/**
 * A smooth data term over a design matrix A (N×p) with labels b and optional per-sample
 * weights w,
 * <pre>
 *   D(x; w) = c·Σᵢ wᵢ ℓ(aᵢᵀx, bᵢ),     c the scale (1/N for a mean, 1 for a sum),
 * </pre>
 * with its x-derivatives (gradient, Hessian-vector product, dense Hessian by BLAS-3, the
 * third-order product) and its w-derivatives. D is linear in w, so the w-JVPs are the
 * x-products evaluated with the direction as weights — (∂_w∇ₓD) w̃ = ∇ₓD(x; w̃) and
 * (D_w∇²ₓD[w̃]) d = ∇²ₓD(x; w̃) d — and the w-VJPs are per-sample terms:
 * <pre>
 *   (∂_w∇ₓD)ᵀu = c·ℓ'ᵢ·(Au)ᵢ,       ∂_w(uᵀ∇²ₓD d) = c·ℓ''ᵢ·(Au)ᵢ(Ad)ᵢ,
 * </pre>
 * with ℓ', ℓ'' the derivatives in the score aᵢᵀx.
 *
 * <p>Weights: {@code null} means wᵢ = 1; an array of length 1 is one weight shared by all
 * samples; an array of length N is one weight per sample. A w-VJP writes N values, or their
 * sum when {@code out} has length 1 (the shared weight). Weights are not checked here (the
 * problem that owns θ checks them); a negative weight still gives the true derivatives.
 *
 * <p>Arrays are caller-owned; inputs are not modified, {@code out} is overwritten.
 * Implementations keep workspaces and allocate nothing per call once warmed up: one instance
 * per thread. The same data terms serve as inner objectives and as outer (validation) losses.
 */
public interface DataTerm {

  /** Name as the catalogs spell it: squared, logistic. */
  String name();

  /** The data set (A and labels). Not to be modified. */
  LabeledData data();

  /**
   * The number of unknowns, dim x: p (the data's feature count) for a data term with one
   * score per sample, p·K for the softmax loss over K classes.
   */
  default int dim() {
    return data().cols();
  }

  /** The scale c. */
  double scale();

  /** D(x; w). */
  double value(double[] x, double[] weights);

  /** out = ∇ₓD(x; w), length p. */
  void gradient(double[] x, double[] weights, double[] out);

  /** out = ∇²ₓD(x; w) v, length p. */
  void hvp(double[] x, double[] weights, double[] v, double[] out);

  /** out = ∇²ₓD(x; w), dense p×p column-major, by one BLAS-3 call. */
  void hessian(double[] x, double[] weights, double[] out);

  /** out = (Dₓ∇²ₓD[v]) d = c·Aᵀ(w∘ℓ'''∘Av∘Ad), length p (zero for a quadratic ℓ). */
  void hessianDerivX(double[] x, double[] weights, double[] d, double[] v, double[] out);

  /** out = (∂_w∇ₓD)ᵀ u: c·ℓ'ᵢ·(Au)ᵢ per sample (length N), or their sum (length 1). */
  void weightsVjp(double[] x, double[] u, double[] out);

  /** out = ∂_w(uᵀ∇²ₓD d): c·ℓ''ᵢ·(Au)ᵢ(Ad)ᵢ per sample (length N), or their sum (length 1). */
  void curvatureWeightsVjp(double[] x, double[] d, double[] u, double[] out);

  /**
   * {μ, L}: bounds on the eigenvalues of ∇²ₓD(x; w) over all x, for weights ≥ 0; μ ≥ 0.
   * The array is a workspace of this term: read it before the next call.
   */
  double[] curvatureBounds(double[] weights);

  /**
   * ∇²ₓD(x; w) restricted to the coordinates S at a cost in |S| ({@link SupportHessian}), or
   * null when this term does not offer it (callers then pad and use {@link #hvp}).
   *
   * @param x       the point. Not modified.
   * @param weights the sample weights (null, length 1 or N). Not modified.
   * @param support S, ascending. Not modified.
   */
  default SupportHessian supportHessian(double[] x, double[] weights, int[] support) {
    return null;
  }
}
