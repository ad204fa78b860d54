package dev.iterdiff.bilevel;

/**
 * Evaluates the outer objective and its hypergradient at θ by solving every inner problem —
 * in this process ({@link LocalEvaluator}) or on a cluster (the Spark job). Keeps the inner
 * solutions of the previous call as warm starts.
 */
public interface OuterEvaluator {

  /** dim θ. */
  int thetaDim();

  /**
   * G(θ) and ∇_θG.
   *
   * @param theta          positive θ. Not modified.
   * @param innerTolerance tolerance ε of the inner solves on ‖∇ₓf‖ (HOAG's ε_k).
   */
  OuterEvaluation evaluate(double[] theta, double innerTolerance);
}
