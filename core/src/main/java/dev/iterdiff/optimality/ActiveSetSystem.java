package dev.iterdiff.optimality;

import dev.iterdiff.linalg.Blas;
import dev.iterdiff.linalg.Cholesky;
import dev.iterdiff.linalg.ConjugateGradient;
import dev.iterdiff.linalg.LinearSolveResult;
import dev.iterdiff.problem.Problem;
import dev.iterdiff.problem.SupportHessian;

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
 *
 * <p><b>Cost.</b> When the problem offers its Hessian on S ({@link Problem#supportHessian})
 * the products cost 4N|S| on the gathered columns A_S instead of 4Np, and M's lower triangle
 * can be formed once for all right-hand sides — read from AᵀA when the problem already holds
 * it (the squared loss after a proximal-gradient solve, which formed AᵀA for its step 1/L:
 * |S|² reads), else by one dsyrk on A_S (≈ N|S|² flops) — in the Cholesky factor's own
 * workspace, and factored there (LAPACK dpotrf, |S|³/3) without the condition estimate: each
 * solve (dpotrs) has its true relative residual ‖b − My‖/‖b‖ checked against a copy of M
 * (dsymv, 2|S|² flops), the criterion CG stops on, and is refined if needed. Cholesky is
 * chosen when its cost, with the formation counted at 1/{@value #DENSE_SPEEDUP} of its
 * flops, is at most that of {@value #EXPECTED_CG_ITERATIONS} CG iterations per expected
 * right-hand side; CG otherwise.
 */
public final class ActiveSetSystem implements ConditionSystem {

  /** CG iterations per right-hand side assumed by the choice of Cholesky (κ(M) ≈ 30: 25–35). */
  public static final int EXPECTED_CG_ITERATIONS = 30;

  /** Speed of a BLAS-3 Gram product per flop relative to the BLAS-2 products of CG. */
  public static final double DENSE_SPEEDUP = 4;

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
  private final SupportHessian restricted;
  private final boolean dense;
  private Cholesky factor;
  private double[] lower;
  private double[] residual;

  ActiveSetSystem(Problem problem, double[] x, double[] theta, double eta, double[] d,
      double tolerance) {
    this(problem, x, theta, eta, d, tolerance, 1, null);
  }

  /**
   * @param columns the number of right-hand sides expected (the choice Cholesky / CG).
   * @param force   "cholesky" or "cg" to force a method (tests, benchmarks), else null.
   */
  ActiveSetSystem(Problem problem, double[] x, double[] theta, double eta, double[] d,
      double tolerance, int columns, String force) {
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
    this.restricted = k == 0 ? null : problem.supportHessian(x, theta, support);
    if (restricted != null && restricted.size() != k) {
      throw new IllegalStateException("support Hessian of " + problem.name() + ": size "
          + restricted.size() + " for a support of " + k);
    }
    boolean cheaper = restricted != null
        && restricted.denseFlops() / DENSE_SPEEDUP + (double) k * k * k / 3
        <= (double) Math.max(1, columns) * EXPECTED_CG_ITERATIONS * restricted.applyFlops();
    this.dense = restricted != null && (force == null ? cheaper : force.equals("cholesky"));
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
        : "active-set-" + (dense ? "cholesky" : "cg") + "(|S|=" + support.length + " of " + n
        + ")";
  }

  /** out_S = η(H pad(v_S))_S + (1/d_S − 1) v_S. */
  private void applyRestricted(double[] v, double[] out) {
    if (restricted != null) {
      restricted.apply(v, out);
      for (int q = 0; q < support.length; q++) {
        out[q] = eta * out[q] + (1 / d[support[q]] - 1) * v[q];
      }
      return;
    }
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
    if (dense) {
      return cholesky();
    }
    LinearSolveResult r = new ConjugateGradient(tolerance, Math.max(50, 10 * k))
        .solve(this::applyRestricted, k, small, smallOut);
    return new LinearSolveResult(method(), r.iterations(), r.relativeResidual(), tolerance,
        r.converged());
  }

  /** smallOut = M⁻¹ small by the Cholesky factor of M (formed on first use), residual checked. */
  private LinearSolveResult cholesky() {
    int k = support.length;
    if (factor == null) {
      // M = ηH_SS + diag(1/d_S − 1): its lower triangle formed in the factor's own workspace
      // (one BLAS-3 call, or a gather from the problem's AᵀA), factored there without a copy
      // and without the condition estimate: every solve below checks its true residual
      Cholesky c = new Cholesky(tolerance);
      double[] m = c.workspace(k);
      restricted.denseLower(eta, m);
      for (int q = 0; q < k; q++) {
        m[q + q * k] += 1 / d[support[q]] - 1;
      }
      lower = java.util.Arrays.copyOf(m, k * k); // M for the residual checks: 2|S|² flops
      c.factorInPlace(k, false);
      factor = c;
      residual = new double[k];
    }
    double bNorm = Blas.nrm2(k, small);
    if (bNorm == 0) {
      return new LinearSolveResult(method(), 0, 0.0, tolerance, true);
    }
    factor.solve(small, smallOut);
    int refinements = 0;
    double rel;
    while (true) {
      System.arraycopy(small, 0, residual, 0, k);
      Blas.symvLower(k, -1.0, lower, smallOut, 1.0, residual);
      rel = Blas.nrm2(k, residual) / bNorm;
      if (rel <= tolerance || refinements == Cholesky.MAX_REFINEMENT) {
        break;
      }
      factor.solve(residual, residual);
      for (int q = 0; q < k; q++) {
        smallOut[q] += residual[q];
      }
      refinements++;
    }
    LinearSolveResult result = new LinearSolveResult(method(), refinements, rel, tolerance,
        rel <= tolerance);
    if (!result.converged()) {
      throw new dev.iterdiff.linalg.LinearSolveException(method() + ": relative residual "
          + String.format(java.util.Locale.ROOT, "%.1e", rel) + " > tolerance "
          + String.format(java.util.Locale.ROOT, "%.1e", tolerance) + " after " + refinements
          + " refinement steps", result);
    }
    return result;
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
