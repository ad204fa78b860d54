package dev.iterdiff.optimality;

import dev.iterdiff.map.DifferentiableMap;
import dev.iterdiff.problem.Problem;
import dev.iterdiff.solver.MirrorDescent;
import dev.iterdiff.solver.Solution;

/**
 * The mirror-descent fixed point of f + ι_{Δ_r} (the JAXopt paper, Blondel et al. 2021, §2.2,
 * "mirror descent fixed point"): with the entropy mirror map on the simplex Δ_r,
 * <pre>
 *   G(x, θ) = r·normalize(x ⊙ exp(−η∇ₓf(x; θ))) − x = 0,
 * </pre>
 * i.e. x is the Bregman (KL) projection step of itself. ∂ₓG = J_xF − I and ∂_θG = J_θF of
 * {@link MirrorDescent}'s map F_η. η = 1/(r(θ)·L(θ)) at the solution's θ, held fixed — the
 * solutions of G = 0 do not depend on η, so neither does the implicit Jacobian; it is chosen
 * independently of the solver that computed x (any solver of the problem). On x (not the
 * solver state), ∂ₓG not symmetric, from any solve (k ≥ 0). Holds only for a problem f + a
 * simplex constraint: otherwise the factory refuses it, naming the problem
 * ({@link ConditionEntry#misfit(Problem)} says so before a solve).
 *
 * <p>Own workspaces (its own mirror-descent instance): one per thread.
 */
public final class MirrorDescentCondition implements OptimalityCondition {

  /** The catalog name. */
  public static final String NAME = "mirror-descent";

  /** Not symmetric; on x; from any solve. */
  public static final ConditionEntry.Capabilities CAPABILITIES =
      new ConditionEntry.Capabilities(ConditionEntry.Symmetry.NEVER, false, 0);

  /** The registration in {@link Conditions#CATALOG}. */
  public static final ConditionEntry ENTRY = new ConditionEntry(NAME, "r normalize(x exp(-eta "
      + "grad f)) - x = 0 at x_k, eta = 1/(r L) (f + simplex constraint)", CAPABILITIES,
      MirrorDescentCondition::atSolution, MirrorDescent::misfit);

  private final DifferentiableMap map;
  private final double eta;

  /**
   * @param problem f + ι_{Δ_r} (a composite problem whose g is a simplex constraint).
   * @param theta   the θ at which η = 1/(r(θ)L(θ)) is fixed. Not modified.
   * @throws IllegalArgumentException on another problem (naming it) or a θ off its domain.
   */
  public MirrorDescentCondition(Problem problem, double[] theta) {
    String misfit = MirrorDescent.misfit(problem);
    if (misfit != null) {
      throw new IllegalArgumentException("condition " + NAME + ": " + misfit);
    }
    MirrorDescent md = new MirrorDescent(problem, null);
    this.eta = md.step(theta);
    this.map = md.iteration(eta);
  }

  /** The condition for a solution's problem at its θ. */
  public static MirrorDescentCondition atSolution(Solution solution) {
    return new MirrorDescentCondition(solution.solver().problem(), solution.theta());
  }

  /** η, fixed at construction. */
  public double step() {
    return eta;
  }

  @Override public String name() { return NAME; }
  @Override public boolean symmetric() { return false; }
  @Override public int xDim() { return map.xDim(); }
  @Override public int thetaDim() { return map.thetaDim(); }
  @Override public int outDim() { return map.outDim(); }

  /** out = F_η(x, θ) − x. */
  @Override
  public void apply(double[] x, double[] theta, double[] out) {
    map.apply(x, theta, out);
    for (int i = 0; i < out.length; i++) {
      out[i] -= x[i];
    }
  }

  /** out = J_xF v − v. */
  @Override
  public void jvpX(double[] x, double[] theta, double[] v, double[] out) {
    map.jvpX(x, theta, v, out);
    for (int i = 0; i < out.length; i++) {
      out[i] -= v[i];
    }
  }

  /** out = J_xFᵀ u − u. */
  @Override
  public void vjpX(double[] x, double[] theta, double[] u, double[] out) {
    map.vjpX(x, theta, u, out);
    for (int i = 0; i < out.length; i++) {
      out[i] -= u[i];
    }
  }

  /** out = J_θF w. */
  @Override
  public void jvpTheta(double[] x, double[] theta, double[] w, double[] out) {
    map.jvpTheta(x, theta, w, out);
  }

  /** out = J_θFᵀ u. */
  @Override
  public void vjpTheta(double[] x, double[] theta, double[] u, double[] out) {
    map.vjpTheta(x, theta, u, out);
  }
}
