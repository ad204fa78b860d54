package dev.iterdiff.diff;

import dev.iterdiff.solver.Solution;
import java.util.Arrays;

/**
 * Unrolled differentiation in reverse (adjoint) mode over the recorded trajectory: for a
 * cotangent u ∈ ℝⁿ, a_k = (u, 0) ∈ ℝˢ, and for i = k−1 … 0
 *
 * <pre>  g += J_θF_i(s_i, θ)ᵀ a,   a ← J_sF_i(s_i, θ)ᵀ a,   Jᵀu = g.</pre>
 *
 * The same derivative as {@link UnrolledForward} (of θ ↦ x_k(θ) with the recorded steps),
 * at the cost of k VJP pairs per cotangent instead of k·m JVP pairs. The full Jacobian runs
 * the n cotangents e₁ … eₙ as one block, so each state is read or recomputed once. A JVP
 * runs the tangent recursion of {@link UnrolledForward} over the same iterations (k JVP
 * pairs; J is not materialised).
 *
 * <p>Needs every state: storage FULL (memory (k+1)·s) or CHECKPOINTED (memory ≈ √k·s; each
 * segment between checkpoints is recomputed once, about one extra forward pass). A LAST
 * trajectory is refused with a message naming the storage required.
 */
public class UnrolledReverse extends BaseEstimator {

  /** The CLI name. */
  public static final String NAME = "unrolled-reverse";

  /** With all diagnostics. */
  public UnrolledReverse() {
    this(DiagnosticsOptions.full());
  }

  /** @param diagnostics which diagnostics to attach. */
  public UnrolledReverse(DiagnosticsOptions diagnostics) {
    super(diagnostics);
  }

  @Override
  public String name() {
    return NAME;
  }

  /** The first iteration the reverse sweep reaches (0 here; k − K when truncated). */
  protected int firstIteration(Solution solution) {
    return 0;
  }

  /** The storage to suggest in the error when states are missing. */
  protected String requiredStorage(Solution solution) {
    return "FULL or CHECKPOINTED";
  }

  @Override
  protected final Product computeJacobian(Solution solution) {
    int n = dim(solution);
    int m = solution.theta().length;
    int s = solution.trajectory().stateDim();
    double[][] adjoints = new double[n][s];
    for (int i = 0; i < n; i++) {
      adjoints[i][i] = 1;
    }
    double[][] grads = new double[n][m];
    TrajectoryReplay.reverse(name(), solution, firstIteration(solution),
        requiredStorage(solution), adjoints, grads);
    double[] jacobian = new double[n * m];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < m; j++) {
        jacobian[i + j * n] = grads[i][j];
      }
    }
    return Product.of(jacobian);
  }

  @Override
  protected final Product computeVjp(Solution solution, double[] u) {
    int s = solution.trajectory().stateDim();
    double[][] adjoints = new double[1][s];
    System.arraycopy(u, 0, adjoints[0], 0, u.length);
    double[][] grads = new double[1][solution.theta().length];
    TrajectoryReplay.reverse(name(), solution, firstIteration(solution),
        requiredStorage(solution), adjoints, grads);
    return Product.of(grads[0]);
  }

  /**
   * J w by the tangent recursion over the same iterations (forward mode: k JVP pairs, J is
   * not materialised); the derivative is the same as the reverse sweep's.
   */
  @Override
  protected final Product computeJvp(Solution solution, double[] w) {
    double[][] tangents = new double[1][solution.trajectory().stateDim()];
    TrajectoryReplay.forward(name(), solution, firstIteration(solution),
        requiredStorage(solution), new double[][] {w}, tangents);
    return Product.of(Arrays.copyOf(tangents[0], dim(solution)));
  }
}
