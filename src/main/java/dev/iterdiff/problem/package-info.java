/**
 * Parametric objectives f(x; θ) with analytic gradient, Hessian-vector product, the cross
 * products of ∂_θ∇ₓf and the third-order products Newton's exact Jacobian needs: ridge
 * (scalar or per-feature λ), logistic regression, weighted ridge (per-sample weights).
 */
package dev.iterdiff.problem;
