package dev.iterdiff.solver;

import dev.iterdiff.map.Checks;
import dev.iterdiff.map.DifferentiableMap;
import dev.iterdiff.problem.CompositeProblem;
import dev.iterdiff.problem.Problem;
import dev.iterdiff.problem.SimplexConstraint;
import java.util.List;

/**
 * Mirror descent on the simplex Δ_r = {x ≥ 0, Σx = r} with the entropy mirror map —
 * exponentiated gradient (Nemirovski &amp; Yudin 1983; Beck &amp; Teboulle 2003) — for a
 * {@link CompositeProblem} f + ι_{Δ_r} whose g is a {@link SimplexConstraint}:
 * <pre>
 *   x⁺ = r·q,   q = y/Σy,   yⱼ = xⱼ·exp(−η∇ⱼf(x; θ)).
 * </pre>
 * Its fixed points are the solutions (the JAXopt paper's mirror-descent fixed point, Blondel et
 * al. 2021, §2.2). With eⱼ = exp(−η∇ⱼf)/Σᵢxᵢexp(−η∇ᵢf) (so qⱼ = xⱼeⱼ, no division by x) and
 * a = e⊙v − η q⊙(Hv):
 * <pre>
 *   J_xF v = r(a − q·Σa),        J_xFᵀu = r(e⊙ũ − ηH(q⊙ũ)),   ũ = u − (qᵀu)1,
 *   J_θF w = −ηr(q⊙Cw − q·qᵀCw) + (∂r/∂θ·w) q,   C = ∂_θ∇ₓf,
 * </pre>
 * exact (F is smooth wherever x has finite entries); ∂r/∂θ = e₀ when the radius is θ₀
 * ({@link SimplexConstraint#radiusFromTheta}), else 0. The state is x; the record is [η]:
 * {@code 1/L} (default) gives η = 1/(r·L) — f is r·L-smooth relative to the entropy on Δ_r
 * (Pinsker: the Bregman divergence is ≥ ‖x − y‖₁²/(2r)) — or a fixed η. The iterates stay
 * in the relative interior when x₀ has positive entries; x₀ is used as given (start from the
 * barycentre r/n·1 for the interior). The largest entry of η∇f is subtracted before exp: no
 * overflow. Optimality measure: ‖F(x) − x‖₂/η, {@link #MEASURE}. One instance per thread.
 */
public final class MirrorDescent implements IterativeSolver {

  /** ‖x − MD_η(x)‖₂/η. */
  public static final OptimalityMeasure MEASURE = new OptimalityMeasure("mirror-gap",
      "||x - r normalize(x exp(-eta grad f(x)))||_2 / eta");

  /** The registration of this solver in {@link Solvers#CATALOG}. */
  public static final SolverEntry ENTRY = new SolverEntry("mirror-descent",
      List.of("exponentiated-gradient"), "mirror descent on the simplex (entropy mirror map, "
          + "exponentiated gradient) for f + simplex constraint; step 1/L (default: eta = "
          + "1/(r L)) or a number",
      new SolverEntry.Capabilities(List.of("1/L", "<number>"), false, true, false, true),
      MirrorDescent::checkStep, MirrorDescent::new, MirrorDescent::misfit);

  private static final List<String> RECORD = List.of("eta");

  private final CompositeProblem problem;
  private final SimplexConstraint simplex;
  private final double fixedEta;
  private final int n;
  private final double[] gradient;
  private final double[] e;
  private final double[] q;
  private final double[] scratch;
  private final double[] direction;
  private final PointKey pointKey;
  private final PointKey etaKey;
  private double cachedEta;
  private double pointEta;

  /**
   * @param problem  f + ι_{Δ_r}: a {@link CompositeProblem} whose g is a {@link SimplexConstraint}.
   * @param stepSpec {@code 1/L} or null (η = 1/(rL)), or a positive number η.
   * @throws IllegalArgumentException on another problem, naming it and its g, or a bad spec.
   */
  public MirrorDescent(Problem problem, String stepSpec) {
    String misfit = misfit(problem);
    if (misfit != null) {
      throw new IllegalArgumentException(misfit);
    }
    this.problem = (CompositeProblem) problem;
    this.simplex = (SimplexConstraint) this.problem.nonsmooth();
    this.fixedEta = stepSpec == null || stepSpec.trim().equalsIgnoreCase("1/L") ? Double.NaN
        : parseEta(stepSpec);
    this.n = problem.dim();
    this.gradient = new double[n];
    this.e = new double[n];
    this.q = new double[n];
    this.scratch = new double[n];
    this.direction = new double[n];
    this.pointKey = new PointKey(n, problem.thetaDim());
    this.etaKey = new PointKey(0, problem.thetaDim());
  }

  /**
   * Why mirror descent cannot solve a problem (not f + simplex constraint), or null.
   */
  public static String misfit(Problem problem) {
    if (problem instanceof CompositeProblem c && c.nonsmooth() instanceof SimplexConstraint) {
      return null;
    }
    String g = problem instanceof CompositeProblem c ? "its nonsmooth part is "
        + c.nonsmooth().name() : "it has no constraint";
    return "mirror-descent (entropy mirror map) needs f + a simplex constraint; "
        + (problem == null ? "problem is null" : problem.name() + ": " + g);
  }

  private static void checkStep(String spec) {
    if (!spec.trim().equalsIgnoreCase("1/L")) {
      parseEta(spec);
    }
  }

  private static double parseEta(String spec) {
    double v;
    try {
      v = Double.parseDouble(spec.trim());
    } catch (NumberFormatException ex) {
      v = Double.NaN;
    }
    if (!(v > 0) || !Double.isFinite(v)) {
      throw new IllegalArgumentException("--step: '" + spec + "' does not apply to "
          + "mirror-descent (expected 1/L or a finite step eta > 0)");
    }
    return v;
  }

  @Override public String name() { return ENTRY.name(); }
  @Override public Problem problem() { return problem; }
  @Override public int stateDim() { return n; }
  @Override public OptimalityMeasure optimalityMeasure() { return MEASURE; }
  @Override public List<String> recordFields() { return RECORD; }

  @Override
  public void initialState(double[] x0, double[] state) {
    Checks.length("x0", x0, n);
    Checks.length("state", state, n);
    System.arraycopy(x0, 0, state, 0, n);
  }

  /** η at θ: 1/(r(θ)·L(θ)) or the fixed step. */
  public double step(double[] theta) {
    if (!Double.isNaN(fixedEta)) {
      return fixedEta;
    }
    if (!etaKey.matches(theta, theta)) {
      problem.checkTheta(theta);
      double l = problem.lipschitz(theta);
      Checks.positive(problem.name() + ": Lipschitz constant L", l);
      cachedEta = 1.0 / (simplex.radius(problem.nonsmoothTheta(theta)) * l);
      etaKey.store(theta, theta);
    }
    return cachedEta;
  }

  @Override
  public double residual(double[] state, double[] theta) {
    double eta = step(theta);
    point(state, theta, eta);
    double r = simplex.radius(problem.nonsmoothTheta(theta));
    double s = 0;
    for (int i = 0; i < n; i++) {
      double d = r * q[i] - state[i];
      s += d * d;
    }
    return Math.sqrt(s) / eta;
  }

  @Override
  public void advance(double[] state, double[] theta, double[] next, double[] record) {
    double eta = step(theta);
    update(state, theta, eta, next);
    record[0] = eta;
  }

  /** F_η for the record [η], η finite and &gt; 0. */
  @Override
  public DifferentiableMap iteration(double... record) {
    Checks.length("mirror-descent step record [eta]", record, 1);
    Checks.positive("mirror-descent step eta", record[0]);
    return new MirrorIteration(this, record[0]);
  }

  /** ∇f, e and q at (x, θ, η), cached by content. */
  void point(double[] x, double[] theta, double eta) {
    if (pointKey.matches(x, theta) && pointEta == eta) {
      return;
    }
    pointKey.invalidate();
    problem.gradient(x, theta, gradient);
    double min = Double.POSITIVE_INFINITY;
    for (int i = 0; i < n; i++) {
      min = Math.min(min, gradient[i]);
    }
    double sum = 0;
    for (int i = 0; i < n; i++) {
      e[i] = Math.exp(-eta * (gradient[i] - min));
      sum += x[i] * e[i];
    }
    if (!(sum > 0) || !Double.isFinite(sum)) {
      throw new IllegalArgumentException("mirror-descent: sum_j x_j exp(-eta grad_j f) is " + sum
          + " (x must have nonnegative entries, not all zero)");
    }
    for (int i = 0; i < n; i++) {
      e[i] /= sum;
      q[i] = x[i] * e[i];
    }
    pointEta = eta;
    pointKey.store(x, theta);
  }

  /** The one update formula of advance and apply: out = r·q. */
  void update(double[] x, double[] theta, double eta, double[] next) {
    point(x, theta, eta);
    double r = simplex.radius(problem.nonsmoothTheta(theta));
    for (int i = 0; i < n; i++) {
      next[i] = r * q[i];
    }
  }

  // Workspaces shared with MirrorIteration (same package, same thread).
  CompositeProblem composite() { return problem; }
  SimplexConstraint simplex() { return simplex; }
  double[] e() { return e; }
  double[] q() { return q; }
  double[] scratch() { return scratch; }
  double[] direction() { return direction; }
}
