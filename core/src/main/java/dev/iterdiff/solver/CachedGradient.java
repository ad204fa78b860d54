package dev.iterdiff.solver;

import dev.iterdiff.problem.Problem;

/**
 * ∇ₓf at the x part (the first n entries) of a solver state, cached by the content of
 * (x, θ): the residual, the next advance and the iteration map's apply at the same point share
 * one gradient evaluation. The returned array is the cache: valid until the next call with
 * another point. One instance per solver (per thread).
 */
final class CachedGradient {

  private final Problem problem;
  private final int n;
  private final PointKey key;
  private final double[] x;
  private final double[] gradient;

  /** @param problem f; n = problem.dim(). */
  CachedGradient(Problem problem) {
    this.problem = problem;
    this.n = problem.dim();
    this.key = new PointKey(n, problem.thetaDim());
    this.x = new double[n];
    this.gradient = new double[n];
  }

  /**
   * ∇ₓf(state[0..n); θ), from the cache when the point is the last one.
   *
   * @param state length ≥ n. Not modified.
   * @param theta θ. Not modified.
   * @return the cache (length n). Not to be modified.
   */
  double[] at(double[] state, double[] theta) {
    if (!key.matches(state, theta)) {
      key.invalidate();
      System.arraycopy(state, 0, x, 0, n);
      problem.gradient(x, theta, gradient);
      key.store(state, theta);
    }
    return gradient;
  }
}
