package dev.iterdiff.optimality;

import dev.iterdiff.linalg.ConjugateGradient;
import dev.iterdiff.linalg.LinearSolveResult;
import dev.iterdiff.problem.Problem;

/**
 * The implicit linear systems of the prox-gradient fixed point G = P(x − η∇f) − x for a
 * separable g, restricted to the support S = {j : dⱼ &gt; 0} of the diagonal prox Jacobian
 * D = diag(d), d ∈ [0, 1]ⁿ. With H = ∇²ₓf at x* and M = ηH_SS + diag(1/d_S − 1) (symmetric
 * positive definite when H_SS is; for the lasso M = ηA_SᵀA_S/N):
 * <pre>
 *   (D(I − ηH) − I) y = r:    y_{S^c} = −r_{S^c},   M y_S = −r_S/d_S − η(H ỹ)_S,
 *   ((I − ηH)D − I) v = u:  M w_S = −u_S,  v_S = w_S/d_S,  v_{S^c} = −u_{S^c} − η(H w̃)_{S^c},
 * </pre>
 * (ỹ, w̃: the vectors padded with zeros on S, resp. S^c): exact, with CG on |S| unknowns (each
 * iteration one Hessian-vector product) and at most one more product — instead of a
 * nonsymmetric n×n system. For the lasso's θ₁ the right-hand side vanishes off S and this is
 * J_S = −(A_SᵀA_S/N)⁻¹ sign(x_S), zero off S (the closed form; Blondel et al. 2021, §4;
 * Bertrand et al. 2020). An empty support (θ₁ ≥ ‖Aᵀb‖∞/N for the lasso) gives y = −r,
 * v = −u — J = 0 — and says so in {@link #method}.
 */
public final class ActiveSetSystem implements ConditionSystem {

  private final Problem problem;
  private final double[] x;
  private final double[] theta;
  private final double eta;
  private final double[] d;
  private final int[] support;
  private final int n;
  private final double tolerance;
  private final double[] pad;
  private final double[] hv;
  private final double[] small;
  private final double[] smallOut;

  ActiveSetSystem(Problem problem, double[] x, double[] theta, double eta, double[] d,
      double tolerance) {
    this.problem = problem;
    this.x = x.clone();
    this.theta = theta.clone();
    this.eta = eta;
    this.d = d;
    this.n = x.length;
    this.tolerance = tolerance;
    int k = 0;
    for (double v : d) {
      k += v > 0 ? 1 : 0;
    }
    this.support = new int[k];
    for (int j = 0, q = 0; j < n; j++) {
      if (d[j] > 0) {
        support[q++] = j;
      }
    }
    this.pad = new double[n];
    this.hv = new double[n];
    this.small = new double[k];
    this.smallOut = new double[k];
  }

  /** |S|. */
  public int supportSize() {
    return support.length;
  }

  /** The support S (ascending). */
  public int[] support() {
    return support.clone();
  }

  /** The method as diagnostics report it, e.g. {@code active-set-cg(|S|=3 of 10)}. */
  @Override
  public String method() {
    return support.length == 0 ? "active-set(empty support: J = 0)"
        : "active-set-cg(|S|=" + support.length + " of " + n + ")";
  }

  /** out_S = η(H pad(v_S))_S + (1/d_S − 1) v_S. */
  private void applyRestricted(double[] v, double[] out) {
    java.util.Arrays.fill(pad, 0.0);
    for (int q = 0; q < support.length; q++) {
      pad[support[q]] = v[q];
    }
    problem.hvp(x, theta, pad, hv);
    for (int q = 0; q < support.length; q++) {
      int j = support[q];
      out[q] = eta * hv[j] + (1 / d[j] - 1) * v[q];
    }
  }

  private LinearSolveResult cg() {
    int k = support.length;
    java.util.Arrays.fill(smallOut, 0.0);
    if (k == 0) {
      return new LinearSolveResult(method(), 0, 0.0, tolerance, true);
    }
    LinearSolveResult r = new ConjugateGradient(tolerance, Math.max(50, 10 * k))
        .solve(this::applyRestricted, k, small, smallOut);
    return new LinearSolveResult(method(), r.iterations(), r.relativeResidual(), tolerance,
        r.converged());
  }

  /**
   * Solves (∂ₓG) y = r.
   *
   * @param r length n. Not modified.
   * @param y length n. Modified.
   */
  public LinearSolveResult solveForward(double[] r, double[] y) {
    boolean offSupport = false;
    for (int j = 0; j < n; j++) {
      y[j] = d[j] > 0 ? 0.0 : -r[j];
      offSupport |= y[j] != 0;
    }
    if (offSupport && support.length > 0) {
      problem.hvp(x, theta, y, hv);
    }
    for (int q = 0; q < support.length; q++) {
      int j = support[q];
      small[q] = -r[j] / d[j] - (offSupport ? eta * hv[j] : 0.0);
    }
    LinearSolveResult result = cg();
    for (int q = 0; q < support.length; q++) {
      y[support[q]] = smallOut[q];
    }
    return result;
  }

  /**
   * Solves (∂ₓG)ᵀ v = u.
   *
   * @param u length n. Not modified.
   * @param v length n. Modified.
   */
  public LinearSolveResult solveTransposed(double[] u, double[] v) {
    for (int q = 0; q < support.length; q++) {
      small[q] = -u[support[q]];
    }
    LinearSolveResult result = cg();
    java.util.Arrays.fill(pad, 0.0);
    for (int q = 0; q < support.length; q++) {
      pad[support[q]] = smallOut[q];
    }
    if (support.length > 0) {
      problem.hvp(x, theta, pad, hv);
    }
    for (int j = 0; j < n; j++) {
      v[j] = d[j] > 0 ? pad[j] / d[j] : -u[j] - (support.length > 0 ? eta * hv[j] : 0.0);
    }
    return result;
  }

  /** {@link #solveForward}, or {@link #solveTransposed} when {@code transposed}. */
  @Override
  public LinearSolveResult solve(double[] r, double[] y, boolean transposed) {
    return transposed ? solveTransposed(r, y) : solveForward(r, y);
  }
}
