/**
 * Parametric objectives f(x; θ) with analytic gradient, Hessian-vector product, the cross
 * products of ∂_θ∇ₓf and the third-order products Newton's exact Jacobian needs, on double[]
 * through the Blas facade, with workspaces per instance:
 * {@link dev.iterdiff.problem.RidgeProblem} (single or per-feature λ),
 * {@link dev.iterdiff.problem.LogisticProblem} (single or per-feature λ),
 * {@link dev.iterdiff.problem.WeightedRidgeProblem} (per-sample or shared weight),
 * {@link dev.iterdiff.problem.WeightedLogisticProblem} (per-sample weights), created by name
 * through {@link dev.iterdiff.problem.Problems#create}. Every product is tested against
 * central finite differences and forward-mode AD ({@code dev.iterdiff.check.AdProblem}).
 */
package dev.iterdiff.problem;
