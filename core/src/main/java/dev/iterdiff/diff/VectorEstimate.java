package dev.iterdiff.diff;

/**
 * An estimate of a product with J = ∂x/∂θ without materialising J: a VJP Jᵀu (length m,
 * the hypergradient of an outer objective with ∇ₓg = u) or a JVP J w (length n).
 *
 * @param estimator   estimator name.
 * @param value       the product.
 * @param diagnostics quality and cost.
 * @param seconds     wall time of the differentiation (the solve excluded).
 */
public record VectorEstimate(String estimator, double[] value, Diagnostics diagnostics,
    double seconds) {}
