package dev.iterdiff.diff;

import dev.iterdiff.linalg.Blas;
import dev.iterdiff.linalg.LinearSolveResult;
import dev.iterdiff.map.DifferentiableMap;
import dev.iterdiff.solver.Solution;
import dev.iterdiff.solver.Trajectory;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Computes the {@link Diagnostics} of an estimate from the shared solve: k, the optimality
 * residual, the linear-solve statistics (implicit) and, when asked, ρ = ‖J_sF‖₂
 * ({@link ContractionEstimate}), ‖J_θF‖_F and the one-step bound ρ/(1−ρ)·‖J_θF‖_F
 * (Bolte, Pauwels &amp; Vaiter 2023, Thm. 1 at the fixed point), all for the last iteration
 * map F_{r_{k−1}} (the last step record) at the last iterate s_k. With k = 0 there is no
 * iteration map and these are NaN.
 *
 * <p><b>Maps that are not contractions in norm.</b> With A = J_sF and B = J_θF at the fixed
 * point, J* = (I − A)⁻¹B and the one-step error is J_OS − J* = −(I − A)⁻¹AB, so
 * ‖J_OS − J*‖_F ≤ Σ_{j≥1}‖Aʲ‖₂·‖B‖_F. When ρ = ‖A‖₂ &lt; 1 this is ρ/(1−ρ)·‖B‖_F. Momentum
 * (heavy ball, Nesterov, FISTA), Chebyshev and mirror descent have a non-normal A with
 * ‖A‖₂ ≥ 1 but a spectral radius below 1, so some power contracts: ‖Aʲ‖₂ is estimated for
 * j = 1, 2, … (power iteration on (Aʲ)ᵀAʲ, {@value #POWER_STEPS} steps, j JVPs and j VJPs
 * each) up to the first K with q = ‖A^K‖₂ &lt; 1, and Σ_{j≥1}‖Aʲ‖₂ ≤ Σ_{j≤K}‖Aʲ‖₂/(1 − q)
 * (group the powers in blocks of K). If no K ≤ {@value #POWER_BOUND_MAX_K} contracts the bound
 * is NaN and the note says so. Power iteration estimates norms from below, like ρ itself:
 * the bound is an estimate, checked against measured one-step errors in the tests. ρ and ‖J_θF‖_F are computed once per solution and options and shared by
 * every estimate of that solution.
 */
public final class IterateDiagnostics {

  /** The largest power K of J_sF tried for the bound of a non-contractive map. */
  public static final int POWER_BOUND_MAX_K = 12;

  /** Power-iteration steps per estimate of ‖J_sF^j‖₂. */
  public static final int POWER_STEPS = 12;

  /** ρ, ‖J_θF‖_F and the one-step bound (with its note) of one solve under one set of options. */
  private record IterateNorms(DiagnosticsOptions options, double rho, double thetaJacobianNorm,
      double bound, String note) {}

  /**
   * The norms of recent solves, keyed by the solution (its solver, θ array and trajectory by
   * identity): several estimators of one solve share them instead of repeating
   * 2·lanczosSteps + min(m, s) products each. Weak keys: an entry goes with its solution.
   */
  private static final Map<Solution, IterateNorms> CACHE =
      Collections.synchronizedMap(new WeakHashMap<>());

  private IterateDiagnostics() {}

  private static IterateNorms iterateNorms(Solution solution, DiagnosticsOptions options) {
    Trajectory trajectory = solution.trajectory();
    IterateNorms cached = CACHE.get(solution);
    if (cached != null && cached.options().equals(options)) {
      return cached;
    }
    int k = solution.iterations();
    double[] record = new double[trajectory.recordLength()];
    trajectory.record(k - 1, record);
    DifferentiableMap map = solution.solver().iteration(record);
    double[] state = new double[trajectory.stateDim()];
    trajectory.state(k, state);
    double[] theta = solution.theta();
    double rho = ContractionEstimate.of(map, state, theta, options.lanczosSteps(),
        options.seed()).rho();
    double thetaNorm = thetaJacobianFrobenius(map, state, theta);
    double bound;
    String note = null;
    if (rho < 1) {
      bound = rho / (1 - rho) * thetaNorm;
    } else {
      double sum = 0;
      bound = Double.NaN;
      note = "||J_sF||_2 = " + String.format(java.util.Locale.ROOT, "%.3g", rho)
          + " >= 1 and ||J_sF^j||_2 >= 1 for every j <= " + POWER_BOUND_MAX_K
          + ": no bound (the one-step error plateaus; see the implicit estimate)";
      for (int j = 1; j <= POWER_BOUND_MAX_K && !Double.isNaN(rho); j++) {
        double q = powerNorm(map, state, theta, j, options.seed());
        sum += q;
        if (q < 1) {
          bound = sum / (1 - q) * thetaNorm;
          note = "from powers of J_sF: sum_{j<=" + j + "} ||J_sF^j||_2 / (1 - ||J_sF^" + j
              + "||_2) * ||J_theta F||_F (||J_sF||_2 = "
              + String.format(java.util.Locale.ROOT, "%.3g", rho) + " >= 1)";
          break;
        }
      }
    }
    IterateNorms norms = new IterateNorms(options, rho, thetaNorm, bound, note);
    CACHE.put(solution, norms);
    return norms;
  }

  /**
   * @param solution the shared solve. Not modified.
   * @param linear   the linear solve of an implicit estimate, or null.
   * @param options  which diagnostics to compute.
   * @return the diagnostics; fields that do not apply are NaN / −1 / null.
   */
  public static Diagnostics compute(Solution solution, LinearSolveResult linear,
      DiagnosticsOptions options) {
    int k = solution.iterations();
    double rho = Double.NaN;
    double thetaNorm = Double.NaN;
    double bound = Double.NaN;
    String note = null;
    if (options.contraction() && k > 0) {
      IterateNorms norms = iterateNorms(solution, options);
      rho = norms.rho();
      thetaNorm = norms.thetaJacobianNorm();
      bound = norms.bound();
      note = norms.note();
    }
    return new Diagnostics(k, solution.residual(),
        linear == null ? null : linear.method(),
        linear == null ? -1 : linear.iterations(),
        linear == null ? Double.NaN : linear.relativeResidual(),
        rho, thetaNorm, bound, note);
  }

  /**
   * An estimate of ‖Aʲ‖₂, A = J_sF(s, θ): power iteration on (Aʲ)ᵀAʲ from a seeded random
   * vector, {@value #POWER_STEPS} steps, the largest ‖Aʲv‖ over unit iterates v.
   */
  static double powerNorm(DifferentiableMap map, double[] state, double[] theta, int j,
      long seed) {
    int n = map.xDim();
    java.util.Random rng = new java.util.Random(seed + 31L * j);
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = rng.nextGaussian();
    }
    double[] a = new double[n];
    double[] b = new double[n];
    double best = 0;
    for (int step = 0; step < POWER_STEPS; step++) {
      double norm = Blas.nrm2(v);
      if (norm == 0) {
        return best;
      }
      Blas.scal(1 / norm, v);
      System.arraycopy(v, 0, a, 0, n);
      for (int i = 0; i < j; i++) {
        map.jvpX(state, theta, a, b);
        System.arraycopy(b, 0, a, 0, n);
      }
      best = Math.max(best, Blas.nrm2(a));
      for (int i = 0; i < j; i++) {
        map.vjpX(state, theta, a, b);
        System.arraycopy(b, 0, a, 0, n);
      }
      System.arraycopy(a, 0, v, 0, n);
    }
    return best;
  }

  /**
   * ‖J_θF(s, θ)‖_F = (Σⱼ ‖J_θF eⱼ‖²)^{1/2}, by m JVPs or s VJPs, whichever is fewer.
   *
   * @param map   iteration map. Not modified.
   * @param state s. Not modified.
   * @param theta θ. Not modified.
   */
  public static double thetaJacobianFrobenius(DifferentiableMap map, double[] state,
      double[] theta) {
    int m = map.thetaDim();
    int s = map.outDim();
    double sum = 0;
    if (m <= s) {
      double[] e = new double[m];
      double[] col = new double[s];
      for (int j = 0; j < m; j++) {
        e[j] = 1;
        map.jvpTheta(state, theta, e, col);
        e[j] = 0;
        double c = Blas.nrm2(col);
        sum += c * c;
      }
    } else {
      double[] e = new double[s];
      double[] row = new double[m];
      for (int i = 0; i < s; i++) {
        e[i] = 1;
        map.vjpTheta(state, theta, e, row);
        e[i] = 0;
        double r = Blas.nrm2(row);
        sum += r * r;
      }
    }
    return Math.sqrt(sum);
  }
}
