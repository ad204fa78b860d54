package dev.iterdiff.diff;

import dev.iterdiff.solver.Solution;

/**
 * An estimator of J = ∂x/∂θ from one shared {@link Solution}: unrolled-forward,
 * unrolled-reverse, truncated, one-step, implicit. Each can return the full Jacobian, a
 * VJP (hypergradient) and a JVP without materialising J. Stateless configuration: one
 * instance serves every solution (workspaces are per call or per thread).
 */
public interface JacobianEstimator {

  /** Name as the CLI spells it. */
  String name();

  /**
   * The full Jacobian, n×m.
   *
   * @throws IllegalStateException if the solution lacks the states this estimator needs
   *         (e.g. unrolled-reverse on a LAST trajectory), naming the storage required.
   * @throws dev.iterdiff.linalg.LinearSolveException if a linear solve fails.
   * @throws NonFiniteResultException if an entry is NaN or infinite (e.g. an unrolled
   *         product that overflowed), naming the first one.
   */
  JacobianEstimate jacobian(Solution solution);

  /**
   * Jᵀu, length m; u has length n.
   *
   * @throws NonFiniteResultException if an entry is NaN or infinite.
   */
  VectorEstimate vjp(Solution solution, double[] u);

  /**
   * J w, length n; w has length m.
   *
   * @throws NonFiniteResultException if an entry is NaN or infinite.
   */
  VectorEstimate jvp(Solution solution, double[] w);
}
