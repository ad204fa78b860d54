package dev.iterdiff.bilevel;

/**
 * The outer objective G(θ) = mean over folds of g_f(x_f(θ)) and its hypergradient ∇_θG, with
 * what it cost.
 *
 * @param value             G(θ) (θ regularization not included).
 * @param gradient          ∇_θG, length dim θ.
 * @param misclassification mean held-out misclassification rate (reported only).
 * @param folds             inner problems solved (one solve each).
 * @param validationSamples held-out rows in total.
 * @param innerIterations   inner iterations in total.
 * @param unconverged       inner solves that missed their tolerance.
 * @param maxInnerResidual  largest final ‖∇ₓf‖ over the folds.
 * @param taskSeconds       solve + differentiation time summed over folds.
 */
public record OuterEvaluation(double value, double[] gradient, double misclassification,
    int folds, long validationSamples, long innerIterations, int unconverged,
    double maxInnerResidual, double taskSeconds) implements java.io.Serializable {}
