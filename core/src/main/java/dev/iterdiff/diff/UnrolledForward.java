package dev.iterdiff.diff;

import dev.iterdiff.solver.Solution;
import java.util.Arrays;

/**
 * Unrolled differentiation in forward (tangent) mode: differentiate the k recorded
 * iterations s_{i+1} = F_{r_i}(s_i, θ) by the recursion
 *
 * <pre>  J₀ = 0,  J_{i+1} = J_sF_i(s_i, θ)·J_i + J_θF_i(s_i, θ),  J = [J_k]_{1:n}</pre>
 *
 * (the initial state does not depend on θ). This is the derivative of the map θ ↦ x_k(θ)
 * with the steps held at their recorded values; its error against J* shows the burn-in of
 * Scieur et al., <i>The Curse of Unrolling</i> (NeurIPS 2022).
 *
 * <p>States are replayed from s₀ with the recorded steps where the trajectory did not keep
 * them, so forward mode needs only s₀ (any CHECKPOINTED storage, or FULL). Cost: k·m JVP
 * pairs for J or for a VJP (forward mode builds the m tangents), k JVP pairs for a JVP;
 * memory m·s.
 */
public final class UnrolledForward extends BaseEstimator {

  /** The CLI name. */
  public static final String NAME = "unrolled-forward";

  /** With all diagnostics. */
  public UnrolledForward() {
    this(DiagnosticsOptions.full());
  }

  /** @param diagnostics which diagnostics to attach. */
  public UnrolledForward(DiagnosticsOptions diagnostics) {
    super(diagnostics);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  protected Product computeJacobian(Solution solution) {
    return Product.of(fullJacobian(solution));
  }

  @Override
  protected Product computeVjp(Solution solution, double[] u) {
    int n = dim(solution);
    int m = solution.theta().length;
    return Product.of(transposeTimes(fullJacobian(solution), n, m, u));
  }

  @Override
  protected Product computeJvp(Solution solution, double[] w) {
    int s = solution.trajectory().stateDim();
    double[][] tangents = new double[1][s];
    TrajectoryReplay.forward(NAME, solution, new double[][] {w}, tangents);
    return Product.of(Arrays.copyOf(tangents[0], dim(solution)));
  }

  private static double[] fullJacobian(Solution solution) {
    int n = dim(solution);
    int m = solution.theta().length;
    int s = solution.trajectory().stateDim();
    double[][] directions = new double[m][m];
    for (int j = 0; j < m; j++) {
      directions[j][j] = 1;
    }
    double[][] tangents = new double[m][s];
    TrajectoryReplay.forward(NAME, solution, directions, tangents);
    double[] jacobian = new double[n * m];
    for (int j = 0; j < m; j++) {
      System.arraycopy(tangents[j], 0, jacobian, j * n, n);
    }
    return jacobian;
  }
}
