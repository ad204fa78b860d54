package dev.iterdiff.bilevel;

/**
 * The outer objective and hypergradient of one inner problem (a fold, shard or data set)
 * at one θ.
 *
 * @param fold              instance number.
 * @param value             g(x_k(θ), θ) on the fold's held-out rows.
 * @param gradient          the fold's hypergradient ∂_θg + Jᵀ∇ₓg in the global θ (length
 *                          dim θ; entries the fold does not see are 0).
 * @param misclassification fraction of held-out rows misclassified (reported only).
 * @param validationSamples held-out rows.
 * @param innerIterations   iterations of the inner solve.
 * @param innerResidual     ‖∇ₓf(x_k; θ)‖ at the end of the inner solve.
 * @param converged         whether the inner solve reached its tolerance.
 * @param x                 x_k, the inner solution (the next warm start).
 * @param seconds           wall time of solve and differentiation.
 */
public record FoldResult(int fold, double value, double[] gradient, double misclassification,
    int validationSamples, int innerIterations, double innerResidual, boolean converged,
    double[] x, double seconds) implements java.io.Serializable {}
