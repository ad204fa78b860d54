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
 * map F_{r_{k−1}} (the last step record) at the last iterate s_k. With k = 0 there is no iteration map and these are
 * NaN. ρ and ‖J_θF‖_F are computed once per solution and options and shared by
 * every estimate of that solution.
 */
public final class IterateDiagnostics {

  /** ρ and ‖J_θF‖_F of one solve under one set of options. */
  private record IterateNorms(DiagnosticsOptions options, double rho, double thetaJacobianNorm) {}

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
    IterateNorms norms = new IterateNorms(options, rho,
        thetaJacobianFrobenius(map, state, theta));
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
    if (options.contraction() && k > 0) {
      IterateNorms norms = iterateNorms(solution, options);
      rho = norms.rho();
      thetaNorm = norms.thetaJacobianNorm();
      bound = rho < 1 ? rho / (1 - rho) * thetaNorm : Double.NaN;
    }
    return new Diagnostics(k, solution.residual(),
        linear == null ? null : linear.method(),
        linear == null ? -1 : linear.iterations(),
        linear == null ? Double.NaN : linear.relativeResidual(),
        rho, thetaNorm, bound);
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
