package dev.iterdiff.diff;

import dev.iterdiff.map.DifferentiableMap;
import dev.iterdiff.solver.Solution;
import dev.iterdiff.solver.Trajectory;
import java.util.Arrays;

/**
 * One-step differentiation (Bolte, Pauwels &amp; Vaiter, <i>One-step differentiation of
 * iterative algorithms</i>, NeurIPS 2023; = Jacobian-free backpropagation, Fung et al. 2022):
 * differentiate only the last iteration, treating s_{k−1} as constant,
 *
 * <pre>  J_OS = [J_θF_{r_{k−1}}(s_{k−1}, θ)]_{1:n}</pre>
 *
 * (r_{k−1} the step record of the last iteration).
 *
 * Cost: m JVPs (or s VJPs) for the full Jacobian, one VJP or JVP for a product. Exact for
 * Newton at convergence (J_sF = 0 there); for a contraction with factor ρ,
 * ‖J_OS − J*‖_F ≤ ρ/(1−ρ)·‖J_θF‖_F at the fixed point (reported in the diagnostics).
 * Needs the last two states (storage LAST(1)).
 */
public final class OneStep extends BaseEstimator {

  /** The CLI name. */
  public static final String NAME = "one-step";

  /** With all diagnostics. */
  public OneStep() {
    this(DiagnosticsOptions.full());
  }

  /** @param diagnostics which diagnostics to attach. */
  public OneStep(DiagnosticsOptions diagnostics) {
    super(diagnostics);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  protected Product computeJacobian(Solution solution) {
    DifferentiableMap map = lastMap(solution);
    double[] state = previousState(solution);
    double[] theta = solution.theta();
    int n = dim(solution);
    int m = theta.length;
    int s = map.outDim();
    double[] jacobian = new double[n * m];
    if (m <= n) {
      double[] e = new double[m];
      double[] column = new double[s];
      for (int j = 0; j < m; j++) {
        e[j] = 1;
        map.jvpTheta(state, theta, e, column);
        e[j] = 0;
        System.arraycopy(column, 0, jacobian, j * n, n);
      }
    } else {
      double[] e = new double[s];
      double[] row = new double[m];
      for (int i = 0; i < n; i++) {
        e[i] = 1;
        map.vjpTheta(state, theta, e, row);
        e[i] = 0;
        for (int j = 0; j < m; j++) {
          jacobian[i + j * n] = row[j];
        }
      }
    }
    return Product.of(jacobian);
  }

  @Override
  protected Product computeVjp(Solution solution, double[] u) {
    DifferentiableMap map = lastMap(solution);
    double[] padded = new double[map.outDim()];
    System.arraycopy(u, 0, padded, 0, u.length);
    double[] out = new double[solution.theta().length];
    map.vjpTheta(previousState(solution), solution.theta(), padded, out);
    return Product.of(out);
  }

  @Override
  protected Product computeJvp(Solution solution, double[] w) {
    DifferentiableMap map = lastMap(solution);
    double[] column = new double[map.outDim()];
    map.jvpTheta(previousState(solution), solution.theta(), w, column);
    return Product.of(Arrays.copyOf(column, dim(solution)));
  }

  private static DifferentiableMap lastMap(Solution solution) {
    int k = solution.iterations();
    if (k == 0) {
      throw new IllegalArgumentException(NAME + " needs at least one iteration, got k = 0 "
          + "(it differentiates the last step s_k = F(s_{k-1}, θ))");
    }
    Trajectory trajectory = solution.trajectory();
    double[] record = new double[trajectory.recordLength()];
    trajectory.record(k - 1, record);
    return solution.solver().iteration(record);
  }

  private static double[] previousState(Solution solution) {
    Trajectory trajectory = solution.trajectory();
    double[] state = new double[trajectory.stateDim()];
    trajectory.state(trajectory.iterations() - 1, state);
    return state;
  }
}
