package dev.iterdiff.solver;

import dev.iterdiff.linalg.Blas;
import dev.iterdiff.map.Checks;
import dev.iterdiff.map.DifferentiableMap;
import dev.iterdiff.problem.Problem;
import dev.iterdiff.problem.QpKktSystem;
import dev.iterdiff.problem.QuadraticProgram;
import java.util.List;

/**
 * Mehrotra's primal-dual predictor-corrector interior-point method for a
 * {@link QuadraticProgram} (Nocedal &amp; Wright, <i>Numerical Optimization</i>, Alg. 16.4;
 * the solver of the one-step paper's QP experiment, Bolte, Pauwels &amp; Vaiter 2023, §5), as
 * an iteration map on the state z = (x, ν, λ, s), lengths n, p, m, m:
 * <pre>
 *   Δᵃ = −K⁻¹R(z),   Δ = −K⁻¹(R(z) + c),   c = (0, 0, 0, Δλᵃ∘Δsᵃ − τ1),
 *   F_{α,τ}(z, θ) = z + αΔ,
 * </pre>
 * R the KKT residual and K = ∂_zR ({@link QpKktSystem}, one reduced LU per point shared by
 * predictor and corrector). {@link #advance} chooses the centering target τ = σμ with
 * Mehrotra's σ = (μᵃ/μ)³, μ = λᵀs/m (τ ≥ μ_floor, see {@link #MU_FLOOR}), and
 * α = min(1, η·α_max), η = max(0.99, 1 − μ) (fraction to the boundary, → 1 as the gap closes),
 * and records [alpha, tau]; the map holds them fixed — as Newton's line-search step is — and
 * its products are exact, including the dependence of the corrector on Δᵃ(z, θ) (derivation
 * in {@link IpmIteration}). So unrolled, truncated and one-step differentiation apply. The
 * fixed point of F_{α,τ} is the central-path point λ∘s = τ (the KKT point when τ = 0), and
 * at it J_zF = (1 − α)I: one-step differentiation is exact up to 1 − α, which vanishes with
 * the gap (Bolte, Pauwels &amp; Vaiter 2023, §4): one-step = implicit to 3e-7 at n = 40
 * stopped at 1e-6 (QpOneStepTest). The products solve with K refined against the
 * matrix-free KKT matrix ({@link #solveRefined}): with the reduced factorization alone they
 * drifted by 1e-5 – 1e-2 past the rounding floor of the gap; refined, one-step stays within
 * 2.4e-7 of implicit there (n = 100), so the entry declares {@code superlinear}.
 *
 * <p>Optimality measure {@link #KKT_RESIDUAL}: max(‖(r_dual, r_eq, r_ineq)‖₂, λᵀs) — the KKT
 * residual together with the duality gap. A QP whose multipliers grow past
 * {@value #INFEASIBLE_MULTIPLIER} while the primal residual stalls is reported infeasible
 * (a {@link DivergenceException} with the residuals reached).
 */
public final class InteriorPoint implements IterativeSolver {

  /** The measure: KKT residual and duality gap. */
  public static final OptimalityMeasure KKT_RESIDUAL = new OptimalityMeasure("kkt-residual",
      "max(||(Qx+q+A'nu+G'lambda, Ax-b, Gx+s-h)||_2, lambda's)");
  /** Fraction to the boundary of the step α = min(1, η·α_max). */
  public static final double ETA = 0.99;
  /** Multipliers above this with a non-vanishing primal residual: the QP is infeasible. */
  public static final double INFEASIBLE_MULTIPLIER = 1e10;
  /**
   * The complementarity target τ = σμ is kept ≥ {@value}·max(1, max|Q_ij|): past the rounding
   * floor of the KKT residual, driving μ to 0 only makes D = ΛS⁻¹ unbounded and the reduced
   * KKT matrix unusable; x then stays within O(m·μ_floor) of the solution.
   */
  public static final double MU_FLOOR = 1e-14;
  /** The catalog entry. */
  public static final SolverEntry ENTRY = new SolverEntry("interior-point", List.of("ipm"),
      "Mehrotra predictor-corrector on (x, nu, lambda, s) for qp; record [alpha, tau]; step: "
      + "mehrotra (default)", new SolverEntry.Capabilities(List.of("mehrotra"), false, false,
          true, false, true), InteriorPoint::checkStep,
      (problem, spec) -> new InteriorPoint(problem));

  private static final List<String> RECORD = List.of("alpha", "tau");
  /** Memory bound of the factorizations {@link #retainPoints} keeps ({@link FactorMemory}). */
  static final long RETAINED_BYTES = FactorMemory.RETAINED_BYTES;

  final QuadraticProgram qp;
  final int n;
  final int p;
  final int m;
  final int dim;
  final int mt;
  private final double[] work;
  final double[] r;
  final double[] da;
  final double[] dir;
  final double[] t1;
  final double[] t2;
  final double[] t3;
  final double[] t4;
  final double[] t5;
  private final double[] refineProduct;
  private final double[] refineCorrection;
  private final double muFloor;
  private Slot[] slots = {null, null};
  private Slot last;
  private long uses;
  private long factorizations;
  private int productSolveCount;
  private int productSolvesMissed;
  private double worstRelative;
  private double worstTolerance = 1;
  /** The factorization {@link #da} and {@link #dir} were computed with (null: none valid). */
  private Slot directionsSlot;
  private long directionsStamp;
  private long directionsTau;

  /**
   * @param problem a {@link QuadraticProgram}.
   * @throws IllegalArgumentException on any other problem.
   */
  public InteriorPoint(Problem problem) {
    if (!(problem instanceof QuadraticProgram q)) {
      throw new IllegalArgumentException("solver interior-point solves quadratic programs "
          + "only (problem qp); " + (problem == null ? "null" : problem.name()) + " is not one");
    }
    this.qp = q;
    this.n = q.dim();
    this.p = q.equalities();
    this.m = q.inequalities();
    this.dim = QpKktSystem.dim(q);
    this.mt = q.thetaDim();
    this.work = QpKktSystem.workspace(q);
    this.r = new double[dim];
    this.da = new double[dim];
    this.dir = new double[dim];
    this.t1 = new double[dim];
    this.t2 = new double[dim];
    this.t3 = new double[dim];
    this.t4 = new double[dim];
    this.t5 = new double[dim];
    this.refineProduct = new double[dim];
    this.refineCorrection = new double[dim];
    double scale = 1;
    for (double v : q.data().q2()) {
      scale = Math.max(scale, Math.abs(v));
    }
    this.muFloor = MU_FLOOR * scale;
  }

  private static void checkStep(String spec) {
    if (!spec.equalsIgnoreCase("mehrotra")) {
      throw new IllegalArgumentException("--step: '" + spec + "' does not apply to "
          + "interior-point (expected mehrotra)");
    }
  }

  @Override public String name() { return "interior-point"; }
  @Override public Problem problem() { return qp; }
  @Override public int stateDim() { return dim; }
  @Override public OptimalityMeasure optimalityMeasure() { return KKT_RESIDUAL; }
  @Override public List<String> recordFields() { return RECORD; }

  /** z₀ = (x₀, 0, 1, 1): independent of θ (an infeasible start). */
  @Override
  public void initialState(double[] x0, double[] state) {
    Checks.length("x0", x0, n);
    Checks.length("state", state, dim);
    java.util.Arrays.fill(state, 0.0);
    System.arraycopy(x0, 0, state, 0, n);
    java.util.Arrays.fill(state, n + p, dim, 1.0);
  }

  @Override
  public double residual(double[] state, double[] theta) {
    QpKktSystem.residual(qp, state, theta, t3);
    return Math.max(Blas.nrm2(n + p + m, t3, 0), gap(state));
  }

  /** λᵀs. */
  double gap(double[] z) {
    return m == 0 ? 0.0 : Blas.dot(m, z, n + p, z, n + p + m);
  }

  /** The largest α ≤ 1 keeping λ + αΔλ ≥ 0 and s + αΔs ≥ 0. */
  double maxStep(double[] z, double[] delta) {
    double a = 1.0;
    for (int i = n + p; i < dim; i++) {
      if (delta[i] < 0) {
        a = Math.min(a, -z[i] / delta[i]);
      }
    }
    return a;
  }

  @Override
  public void advance(double[] state, double[] theta, double[] out, double[] record) {
    Slot slot = predictor(state, theta);
    double tau = 0.0;
    if (m > 0) {
      double mu = gap(state) / m;
      double aff = maxStep(state, da);
      double muAff = 0;
      for (int i = 0; i < m; i++) {
        int li = n + p + i;
        int si = li + m;
        muAff += (state[li] + aff * da[li]) * (state[si] + aff * da[si]);
      }
      muAff /= m;
      tau = Math.max(Math.min(1.0, Math.pow(muAff / mu, 3)) * mu, muFloor);
    }
    corrector(state, slot, tau);
    double eta = Math.max(ETA, 1 - gap(state) / Math.max(1, m));
    double alpha = Math.min(1.0, eta * maxStep(state, dir));
    if (!(alpha > 0) || Blas.nrm2(m, state, n + p) > INFEASIBLE_MULTIPLIER
        || Math.abs(Blas.nrm2(p, state, n)) > INFEASIBLE_MULTIPLIER) {
      throw infeasible(state, theta);
    }
    update(state, alpha, out);
    record[0] = alpha;
    record[1] = tau;
  }

  private DivergenceException infeasible(double[] z, double[] theta) {
    QpKktSystem.residual(qp, z, theta, t3);
    return new DivergenceException(name(), -1, residual(z, theta), "the QP looks infeasible: "
        + "the multipliers grew to |nu| = " + Blas.nrm2(p, z, n) + ", |lambda| = "
        + Blas.nrm2(m, z, n + p) + " with primal residuals |Ax - b| = " + Blas.nrm2(p, t3, n)
        + ", |Gx + s - h| = " + Blas.nrm2(m, t3, n + p) + ", dual residual "
        + Blas.nrm2(n, t3, 0) + ", gap lambda's = " + gap(z));
  }

  /** out = z + αΔ: the one update of advance and apply. */
  void update(double[] z, double alpha, double[] out) {
    for (int i = 0; i < dim; i++) {
      out[i] = z[i] + alpha * dir[i];
    }
  }

  /** r = R(z), the factorization at z, Δᵃ = −K⁻¹r into {@link #da}. */
  Slot predictor(double[] z, double[] theta) {
    directionsSlot = null;
    Slot slot = at(z, theta);
    QpKktSystem.residual(qp, z, theta, r);
    slot.kkt.solve(r, da, false);
    Blas.scal(-1.0, da);
    return slot;
  }

  /** Δ = −K⁻¹(r + c(τ)) into {@link #dir}, after {@link #predictor}. */
  void corrector(double[] z, Slot slot, double tau) {
    System.arraycopy(r, 0, t1, 0, dim);
    for (int i = 0; i < m; i++) {
      int li = n + p + i;
      t1[li + m] += da[li] * da[li + m] - tau;
    }
    slot.kkt.solve(t1, dir, false);
    Blas.scal(-1.0, dir);
    directionsSlot = slot;
    directionsStamp = slot.stamp;
    directionsTau = Double.doubleToRawLongBits(tau);
  }

  /**
   * The factorization at (z, θ) with Δᵃ in {@link #da} and Δ in {@link #dir} for the target τ:
   * the ones {@link #advance} left when it last stepped from this very point with this τ (the
   * last step of a solve, which one-step and the implicit products start from), else
   * recomputed by {@link #predictor} and {@link #corrector}. Reused directions are bit for bit
   * what recomputing gives (same factorization, same operations).
   */
  Slot directions(double[] z, double[] theta, double tau) {
    Slot slot = at(z, theta);
    if (directionsSlot == slot && directionsStamp == slot.stamp
        && directionsTau == Double.doubleToRawLongBits(tau)) {
      return slot;
    }
    slot = predictor(z, theta);
    corrector(z, slot, tau);
    return slot;
  }

  /**
   * out = K⁻¹r (Kᵀ when {@code transposed}) at (z, θ) to working accuracy: the reduced
   * factorization's solve followed by iterative refinement against the matrix-free K
   * (y += K̃⁻¹(r − Ky), at most {@value #PRODUCT_REFINEMENT} steps, while the residual
   * exceeds {@value #PRODUCT_RESIDUAL} relative and each step halves it). Near the solution
   * D = ΛS⁻¹ spans ~26 orders of magnitude and the reduced solve alone is off by 1e-6 – 1e-5
   * relative at n = 100 – 200 and by 2e-2 from n = 400 (each refinement step then gains only
   * ~40×) — the error that made one-step and the fixed-point condition on this solver drift
   * from the KKT Jacobian; the derivative products use this solve, the step itself the plain
   * one. Five steps, not three: with three, one-step stayed 1.5e-7 – 6.2e-7 from implicit at
   * n = 400 – 1000 for want of refinement; with five 1.2e-9 – 2e-9 (eight gain nothing more).
   *
   * @param r   length dim. Not modified.
   * @param out length dim, distinct from r. Modified.
   */
  void solveRefined(Slot slot, double[] z, double[] theta, double[] r, double[] out,
      boolean transposed) {
    solveRefined(slot, z, theta, r, out, transposed, 0.0);
  }

  /**
   * {@link #solveRefined} with the residual measured against max(‖r‖, {@code scale}): for a
   * second solve whose right-hand side is small next to the product's input (the adjoint's
   * e = K⁻ᵀy with y = O(‖Δᵃ‖·‖ω‖)), the error it may leave is then the first solve's, not a
   * fraction of its own, smaller right-hand side.
   *
   * @param scale ≥ 0: the norm the residual is relative to, when larger than ‖r‖.
   */
  void solveRefined(Slot slot, double[] z, double[] theta, double[] r, double[] out,
      boolean transposed, double scale) {
    solveRefined(slot, z, theta, r, out, transposed, scale, PRODUCT_RESIDUAL);
  }

  /**
   * {@link #solveRefined} to the relative residual {@code tolerance} (≥
   * {@value #PRODUCT_RESIDUAL}) instead of {@value #PRODUCT_RESIDUAL}.
   */
  void solveRefined(Slot slot, double[] z, double[] theta, double[] r, double[] out,
      boolean transposed, double scale, double tolerance) {
    double tol = Math.max(tolerance, PRODUCT_RESIDUAL);
    recordProductSolve(refinedSolve(qp, slot.kkt, z, theta, r, out, transposed, refineProduct,
        refineCorrection, scale, tol), tol);
  }

  /** Counts a product's solve for {@link #productSolves}: its relative residual, its target. */
  void recordProductSolve(double relative, double tolerance) {
    productSolveCount++;
    if (!(relative <= tolerance)) {
      productSolvesMissed++;
    }
    if (productSolveCount == 1 || !(relative / tolerance <= worstRelative / worstTolerance)) {
      worstRelative = relative;
      worstTolerance = tolerance;
    }
  }

  @Override
  public dev.iterdiff.linalg.LinearSolveResult productSolves() {
    if (productSolveCount == 0) {
      return null;
    }
    String method = "kkt-refined products" + (productSolvesMissed == 0 ? ""
        : " (" + productSolvesMissed + " of " + productSolveCount + " solves short of their "
        + "tolerance, worst " + String.format(java.util.Locale.ROOT, "%.1e", worstTolerance)
        + ")");
    return new dev.iterdiff.linalg.LinearSolveResult(method, productSolveCount, worstRelative,
        worstTolerance, productSolvesMissed == 0);
  }

  @Override
  public void resetProductSolves() {
    productSolveCount = 0;
    productSolvesMissed = 0;
    worstRelative = 0;
    worstTolerance = 1;
  }

  /** {@link #solveRefined} with the factorization and workspaces (length dim) given. */
  static void refinedSolve(QuadraticProgram qp, QpKktSystem kkt, double[] z, double[] theta,
      double[] r, double[] out, boolean transposed, double[] product, double[] correction) {
    refinedSolve(qp, kkt, z, theta, r, out, transposed, product, correction, 0.0,
        PRODUCT_RESIDUAL);
  }

  /** The reduced solve, then {@link #refine}; returns the last relative residual measured. */
  private static double refinedSolve(QuadraticProgram qp, QpKktSystem kkt, double[] z,
      double[] theta, double[] r, double[] out, boolean transposed, double[] product,
      double[] correction, double scale, double tolerance) {
    kkt.solve(r, out, transposed);
    return refine(qp, kkt, z, theta, r, out, transposed, product, correction, scale, tolerance,
        false);
  }

  /**
   * Iterative refinement of out ≈ K⁻¹r (Kᵀ when {@code transposed}) as in {@link
   * #solveRefined}, from the out given; with {@code residualGiven}, {@code product} already
   * holds r − K·out. Returns the last relative residual measured (against max(‖r‖, scale)):
   * ≤ tolerance unless the refinement reached the rounding floor or its step limit.
   */
  private static double refine(QuadraticProgram qp, QpKktSystem kkt, double[] z,
      double[] theta, double[] r, double[] out, boolean transposed, double[] product,
      double[] correction, double scale, double tolerance, boolean residualGiven) {
    double rNorm = Blas.nrm2(r);
    if (rNorm == 0) {
      return 0.0;
    }
    rNorm = Math.max(rNorm, scale);
    int dim = out.length;
    double previous = Double.POSITIVE_INFINITY;
    double rel = Double.POSITIVE_INFINITY;
    for (int step = 0; step < PRODUCT_REFINEMENT; step++) {
      if (step > 0 || !residualGiven) {
        QpKktSystem.apply(qp, z, theta, out, product, transposed);
        for (int i = 0; i < dim; i++) {
          product[i] = r[i] - product[i];
        }
      }
      rel = Blas.nrm2(product) / rNorm;
      if (!(rel > tolerance) || !(rel < 0.5 * previous)) {
        return rel; // accurate, or at the rounding floor
      }
      previous = rel;
      kkt.solve(product, correction, transposed);
      Blas.axpy(1.0, correction, out);
    }
    return rel;
  }

  /**
   * Refines out ≈ K⁻¹r (Kᵀ when {@code transposed}) at the slot's point, as {@link
   * #solveRefined} does after its first solve, to the relative residual {@code tolerance}
   * against max(‖r‖, scale); {@code residual}, when not null, is r − K·out already computed.
   * Returns the last relative residual measured.
   */
  double refineFrom(Slot slot, double[] z, double[] theta, double[] r, double[] out,
      boolean transposed, double scale, double tolerance, double[] residual) {
    if (residual != null) {
      System.arraycopy(residual, 0, refineProduct, 0, dim);
    }
    return refine(qp, slot.kkt, z, theta, r, out, transposed, refineProduct, refineCorrection,
        scale, Math.max(tolerance, PRODUCT_RESIDUAL), residual != null);
  }

  /**
   * Refinement steps of {@link #solveRefined} at most. From n = 400 on the paper's QPs, where
   * the reduced LU is 2e-2 off and each step gains ~40×, five steps end near 1e-8 relative
   * when the forcing tolerance is the floor (a last step of 1e-11): the tolerance is then not
   * reached, and nothing reports it per product. Measured with ten steps instead (quiet,
   * n = 400 / 600 / 800): one-step vs implicit unchanged (1.2e-9 / 2.0e-9 / 4.7e-10 — set by the
   * centring floor τ, not by the solves), unrolled-reverse vs implicit 3.1e-10 → 2.5e-14 at
   * n = 400, for 0.5 – 1 % more of the solve on one-step. Kept at five.
   */
  static final int PRODUCT_REFINEMENT = 5;
  /** Relative residual at which {@link #solveRefined} stops refining. */
  static final double PRODUCT_RESIDUAL = 1e-13;

  /** F_{α,τ} for the record [alpha, tau], α ∈ (0, 1], τ ≥ 0 finite. */
  @Override
  public DifferentiableMap iteration(double... record) {
    Checks.length("interior-point step record [alpha, tau]", record, 2);
    if (!(record[0] > 0 && record[0] <= 1)) {
      throw new IllegalArgumentException("interior-point record: alpha must be in (0, 1], got "
          + record[0]);
    }
    if (!(record[1] >= 0 && Double.isFinite(record[1]))) {
      throw new IllegalArgumentException("interior-point record: tau must be finite and >= 0, got "
          + record[1]);
    }
    return new IpmIteration(this, record[0], record[1]);
  }

  /**
   * The most recently used factorization of K (after a solve: at z_{k−1}, the point the last
   * step started from) as K̃⁻¹ (K̃⁻ᵀ when {@code transposed}), each application refined
   * against the matrix-free K at that point ({@link #solveRefined}: the reduced solve alone is
   * too inexact near the solution to precondition a Krylov method); null before any step.
   */
  @Override
  public dev.iterdiff.linalg.LinearOperator kktPreconditioner(boolean transposed) {
    Slot slot = last;
    if (slot == null) {
      return null;
    }
    QpKktSystem kkt = slot.kkt;
    double[] z = slot.key.point().clone();
    double[] theta = slot.key.theta().clone();
    double[] product = new double[dim];
    double[] correction = new double[dim];
    return (v, out) -> refinedSolve(qp, kkt, z, theta, v, out, transposed, product,
        correction, 0.0, PRODUCT_RESIDUAL);
  }

  /**
   * The most recently used factorization as the bare reduced solve K̃⁻¹ (K̃⁻ᵀ), without the
   * refinement of {@link #kktPreconditioner}; null before any step. Like that one it reads the
   * solver's cache (a later step may refactor the slot): its users check every result against
   * the exact K and fall back when it does not converge.
   */
  @Override
  public dev.iterdiff.linalg.LinearOperator kktFactorization(boolean transposed) {
    Slot slot = last;
    if (slot == null) {
      return null;
    }
    QpKktSystem kkt = slot.kkt;
    return (v, out) -> kkt.solve(v, out, transposed);
  }

  /** Keeps the factorizations of up to {@code points} points within {@link #RETAINED_BYTES}. */
  @Override
  public void retainPoints(int points) {
    long per = 8L * (n + p) * (n + p);
    int cap = (int) Math.max(2, Math.min(points, RETAINED_BYTES / Math.max(1, per)));
    if (cap > slots.length) {
      slots = java.util.Arrays.copyOf(slots, cap);
    }
  }

  /** The factorization at (z, θ): cached, or formed in the least recently used slot. */
  Slot at(double[] z, double[] theta) {
    Slot lru = null;
    int empty = -1;
    for (int i = 0; i < slots.length; i++) {
      Slot s = slots[i];
      if (s == null) {
        empty = empty < 0 ? i : empty;
        continue;
      }
      if (s.key.matches(z, theta)) {
        s.lastUse = ++uses;
        last = s;
        return s;
      }
      if (lru == null || s.lastUse < lru.lastUse) {
        lru = s;
      }
    }
    if (empty >= 0) { // a slot's (n + p)² factor is allocated when first needed, not at retainPoints
      lru = slots[empty] = new Slot(this);
    }
    lru.key.invalidate();
    last = null;
    lru.stamp = ++factorizations;
    lru.kkt.factor(z, theta, work);
    lru.key.store(z, theta);
    lru.lastUse = ++uses;
    last = lru;
    return lru;
  }

  /** A factorization of K at a point, keyed by (z, θ). */
  static final class Slot {
    final PointKey key;
    final QpKktSystem kkt;
    long lastUse;
    /** Which factorization the slot holds (a new value at every factor). */
    long stamp;

    Slot(InteriorPoint ipm) {
      this.key = new PointKey(ipm.dim, ipm.mt);
      this.kkt = new QpKktSystem(ipm.qp);
    }
  }
}
