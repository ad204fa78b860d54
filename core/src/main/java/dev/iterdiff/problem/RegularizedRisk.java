package dev.iterdiff.problem;

import dev.iterdiff.map.Checks;

/**
 * A problem built from parts: a smooth {@link DataTerm} D, the {@link L2Penalty} P and the way
 * θ enters ({@link ThetaEntry}),
 * <pre>
 *   f(x; θ) = D(x; w(θ)) + P(x; λ(θ)) + E(x; θ) = c·Σᵢ wᵢ ℓ(aᵢᵀx, bᵢ) + ½·Σⱼ λⱼ xⱼ² + E,
 *   ∇ₓf = ∇ₓD + λ∘x + ∇ₓE,   ∇²ₓf = ∇²ₓD + diag λ,   Dₓ∇²f = Dₓ∇²D,
 * </pre>
 * with E the entry's offset, affine in x (zero but for {@link PriorMean}: E = α(½‖θ‖² − θᵀx)),
 * and the θ-products routed by the entry to the part θ enters. The bounds add:
 * L = L_D(w) + max λ and μ = max(0, μ_D(w) + min λ). Every product is that of its parts, so
 * the BLAS-3 dense Hessian and the allocation-free products of the data terms carry over.
 *
 * <p>The four registered problems are such compositions ({@link Problems#CATALOG}):
 * ridge = mean squared loss + λ from θ; logistic = mean logistic loss + λ from θ;
 * weighted-ridge = summed squared loss with weights from θ + α; weighted-logistic = mean
 * logistic loss with weights from θ + α. Workspaces are the parts'. Not thread-safe.
 */
public class RegularizedRisk implements ThirdOrderProblem {

  private final String name;
  private final DataTerm data;
  private final L2Penalty penalty;
  private final ThetaEntry entry;
  private final int p;

  /**
   * @param name    the problem's name, as the CLI spells it.
   * @param data    the data term (its own workspaces: not shared with another problem).
   * @param penalty the ℓ₂ penalty, of dimension p = the data's feature count.
   * @param entry   how θ enters.
   * @throws IllegalArgumentException on a null part or a penalty of another dimension.
   */
  public RegularizedRisk(String name, DataTerm data, L2Penalty penalty, ThetaEntry entry) {
    if (name == null || data == null || penalty == null || entry == null) {
      throw new IllegalArgumentException("regularized risk: name, data term, penalty and "
          + "theta entry must be non-null");
    }
    Checks.sameDim("regularized risk: penalty vs data term features", penalty.dim(),
        data.dim());
    this.name = name;
    this.data = data;
    this.penalty = penalty;
    this.entry = entry;
    this.p = penalty.dim();
  }

  /** The data term D plus ½·Σⱼ λⱼxⱼ² on its unknowns, θ entering as {@code entry} says. */
  public static RegularizedRisk of(String name, DataTerm data, ThetaEntry entry) {
    return new RegularizedRisk(name, data, new L2Penalty(data.dim()), entry);
  }

  /** The same parts (named subclasses keep their historical constructors this way). */
  protected RegularizedRisk(RegularizedRisk parts) {
    this(parts.name, parts.data, parts.penalty, parts.entry);
  }

  /** The data term. */
  public DataTerm dataTerm() {
    return data;
  }

  /** How θ enters. */
  public ThetaEntry thetaEntry() {
    return entry;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public int dim() {
    return p;
  }

  @Override
  public int thetaDim() {
    return entry.thetaDim();
  }

  @Override
  public void checkTheta(double[] theta) {
    entry.check(theta);
  }

  @Override
  public double value(double[] x, double[] theta) {
    entry.requireLength(theta);
    return data.value(x, entry.sampleWeights(theta))
        + penalty.value(x, entry.penaltyWeights(theta)) + entry.offsetValue(x, theta);
  }

  @Override
  public void gradient(double[] x, double[] theta, double[] out) {
    entry.requireLength(theta);
    data.gradient(x, entry.sampleWeights(theta), out);
    penalty.addScaled(entry.penaltyWeights(theta), x, out);
    entry.addOffsetGradient(x, theta, out);
  }

  @Override
  public void hvp(double[] x, double[] theta, double[] v, double[] out) {
    entry.requireLength(theta);
    data.hvp(x, entry.sampleWeights(theta), v, out);
    penalty.addScaled(entry.penaltyWeights(theta), v, out);
  }

  /** The data term's restricted Hessian plus diag(λ_S), when the data term offers one. */
  @Override
  public SupportHessian supportHessian(double[] x, double[] theta, int[] support) {
    entry.requireLength(theta);
    SupportHessian d = data.supportHessian(x, entry.sampleWeights(theta), support);
    return d == null ? null : penalty.restrict(d, entry.penaltyWeights(theta), support);
  }

  @Override
  public void hessian(double[] x, double[] theta, double[] out) {
    entry.requireLength(theta);
    data.hessian(x, entry.sampleWeights(theta), out);
    penalty.addToHessian(entry.penaltyWeights(theta), out);
  }

  @Override
  public void crossJvp(double[] x, double[] theta, double[] w, double[] out) {
    entry.requireLength(theta);
    entry.crossJvp(data, penalty, x, theta, w, out);
  }

  @Override
  public void crossVjp(double[] x, double[] theta, double[] u, double[] out) {
    entry.requireLength(theta);
    entry.crossVjp(data, penalty, x, theta, u, out);
  }

  @Override
  public void hessianDerivX(double[] x, double[] theta, double[] d, double[] v, double[] out) {
    entry.requireLength(theta);
    data.hessianDerivX(x, entry.sampleWeights(theta), d, v, out);
  }

  @Override
  public void hessianDerivThetaJvp(double[] x, double[] theta, double[] d, double[] w,
      double[] out) {
    entry.requireLength(theta);
    Checks.length("d", d, p);
    entry.curvatureJvp(data, penalty, x, theta, d, w, out);
  }

  @Override
  public void hessianDerivThetaVjp(double[] x, double[] theta, double[] d, double[] u,
      double[] out) {
    entry.requireLength(theta);
    Checks.length("d", d, p);
    Checks.length("u", u, p);
    entry.curvatureVjp(data, penalty, x, theta, d, u, out);
  }

  /** L = L_D(w(θ)) + max λ(θ); θ checked. */
  @Override
  public double lipschitz(double[] theta) {
    entry.check(theta);
    return data.curvatureBounds(entry.sampleWeights(theta))[1]
        + penalty.max(entry.penaltyWeights(theta));
  }

  /** μ = max(0, μ_D(w(θ)) + min λ(θ)); θ checked. */
  @Override
  public double strongConvexity(double[] theta) {
    entry.check(theta);
    return Math.max(0.0, data.curvatureBounds(entry.sampleWeights(theta))[0]
        + penalty.min(entry.penaltyWeights(theta)));
  }
}
