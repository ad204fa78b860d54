package dev.iterdiff.bilevel;

/**
 * One inner problem of a bilevel objective — a cross-validation fold, a meta-learning task, a
 * data partition — with its hypergradient: at θ, solve x(θ) from a warm start to tolerance ε
 * and return the task's outer value g(x(θ), θ), its hypergradient in the global θ and x (the
 * next warm start). Holds workspaces: one instance per thread.
 */
public interface InnerTask {

  /** The task's number: results are summed in this order. */
  int index();

  /** dim x, the length of the warm start. */
  int dim();

  /**
   * g(x(θ), θ) and its hypergradient.
   *
   * @param theta     the global θ. Not modified.
   * @param warmStart x to start the inner solve from. Not modified.
   * @param tolerance inner tolerance ε (NaN: the solver's fixed iteration count).
   */
  FoldResult evaluate(double[] theta, double[] warmStart, double tolerance);
}
