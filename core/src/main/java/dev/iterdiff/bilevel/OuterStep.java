package dev.iterdiff.bilevel;

/**
 * One row of the outer trajectory: one evaluation of the outer objective.
 *
 * @param iteration         outer iteration (evaluation number, from 0).
 * @param theta             θ evaluated.
 * @param value             outer objective G(θ) + R(θ).
 * @param gradientNorm      ‖∇_φ‖, the hypergradient norm in φ = log θ.
 * @param accepted          whether the step rule accepted the point.
 * @param misclassification mean held-out misclassification (reported only).
 * @param innerIterations   inner iterations over all folds.
 * @param solves            inner solves.
 * @param innerTolerance    ε_k used.
 * @param stepSize          the step size after this evaluation's decision.
 * @param seconds           wall time of the evaluation.
 */
public record OuterStep(int iteration, double[] theta, double value, double gradientNorm,
    boolean accepted, double misclassification, long innerIterations, int solves,
    double innerTolerance, double stepSize, double seconds) implements java.io.Serializable {}
