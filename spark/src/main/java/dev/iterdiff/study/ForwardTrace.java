package dev.iterdiff.study;

import dev.iterdiff.map.DifferentiableMap;
import dev.iterdiff.solver.IterativeSolver;
import dev.iterdiff.solver.Solution;
import dev.iterdiff.solver.Solve;
import dev.iterdiff.solver.SolveOptions;
import dev.iterdiff.solver.Storage;
import dev.iterdiff.solver.Trajectory;

/**
 * The errors of the iterates and of the unrolled (forward-mode) Jacobian at every iteration
 * of one solve: the recursion of {@link dev.iterdiff.diff.UnrolledForward},
 * J₀ = 0, J_{i+1} = J_sF_i·J_i + J_θF_i, taken once over the recorded trajectory with the
 * solver's own iteration maps F_i = solver.iteration(r_i), and measured after each step, so
 * a curve of k points costs one solve and k·m JVP pairs instead of k solves (Scieur et al.,
 * <i>The Curse of Unrolling</i>, NeurIPS 2022, Figures 1–3).
 */
final class ForwardTrace {

  private ForwardTrace() {}

  /**
   * Relative errors per iteration.
   *
   * @param solver the solver (its workspaces are used).
   * @param theta  θ, length m (small: m tangents are carried). Not modified.
   * @param x0     initial point. Not modified.
   * @param k      iterations.
   * @param xStar  the solution x*. Not modified.
   * @param jStar  ∂x* / ∂θ, n×m column-major. Not modified.
   * @return {iterate errors, Jacobian errors}, each of length k + 1 (index = iteration),
   *         relative to ‖x*‖ and ‖J*‖.
   */
  static double[][] relativeErrors(IterativeSolver solver, double[] theta, double[] x0, int k,
      double[] xStar, double[] jStar) {
    Solution sol = Solve.run(solver, theta, x0, SolveOptions.iterations(k, Storage.full()));
    Trajectory tr = sol.trajectory();
    int n = xStar.length;
    int m = theta.length;
    int s = tr.stateDim();
    double[][] tangents = new double[m][s];
    double[] state = new double[s];
    double[] record = new double[tr.recordLength()];
    double[] fromState = new double[s];
    double[] fromTheta = new double[s];
    double[] direction = new double[m];
    double[] jacobian = new double[n * m];
    double xNorm = Errors.norm(xStar);
    double jNorm = Errors.norm(jStar);
    double[][] out = new double[2][k + 1];
    for (int i = 0; i <= k; i++) {
      tr.state(i, state);
      for (int c = 0; c < m; c++) {
        System.arraycopy(tangents[c], 0, jacobian, c * n, n);
      }
      out[0][i] = Errors.distance(state, xStar, n) / xNorm;
      out[1][i] = Errors.distance(jacobian, jStar, n * m) / jNorm;
      if (i == k) {
        break;
      }
      tr.record(i, record);
      DifferentiableMap map = solver.iteration(record);
      for (int c = 0; c < m; c++) {
        direction[c] = 1;
        map.jvpX(state, theta, tangents[c], fromState);
        map.jvpTheta(state, theta, direction, fromTheta);
        direction[c] = 0;
        for (int e = 0; e < s; e++) {
          tangents[c][e] = fromState[e] + fromTheta[e];
        }
      }
    }
    return out;
  }
}
