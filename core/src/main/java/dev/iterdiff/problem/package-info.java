/**
 * Parametric objectives f(x; θ) built from parts, on double[] through the Blas facade, with
 * workspaces per instance.
 *
 * <ul>
 *   <li>{@link dev.iterdiff.problem.Problem}: value, gradient, Hessian-vector product and the
 *       cross products of ∂_θ∇ₓf (dense Hessian, L and μ by default);
 *       {@link dev.iterdiff.problem.ThirdOrderProblem} adds the third-order products Newton's
 *       exact Jacobian needs.</li>
 *   <li>Smooth data terms {@link dev.iterdiff.problem.DataTerm}:
 *       {@link dev.iterdiff.problem.SquaredLoss}, {@link dev.iterdiff.problem.LogisticLoss},
 *       optionally weighted per sample; they are the outer (validation) losses too.</li>
 *   <li>The smooth penalty {@link dev.iterdiff.problem.L2Penalty}; how θ enters
 *       ({@link dev.iterdiff.problem.ThetaEntry}: {@link dev.iterdiff.problem.RegularizationWeights},
 *       {@link dev.iterdiff.problem.SampleWeights}); their composition
 *       {@link dev.iterdiff.problem.RegularizedRisk}, which the registered problems are
 *       ({@link dev.iterdiff.problem.Problems#CATALOG}: ridge, logistic, weighted-ridge,
 *       weighted-logistic; the named classes remain as thin subclasses).</li>
 *   <li>Non-smooth terms with prox / projection and generalized Jacobians
 *       ({@link dev.iterdiff.problem.ProximalTerm}): {@link dev.iterdiff.problem.L1Penalty},
 *       {@link dev.iterdiff.problem.ElasticNetPenalty},
 *       {@link dev.iterdiff.problem.BoxConstraint} (and the non-negative orthant),
 *       {@link dev.iterdiff.problem.SimplexConstraint}; {@link dev.iterdiff.problem.ProximalMap}
 *       as a differentiable map.</li>
 * </ul>
 * Every product is tested against central finite differences and forward-mode AD
 * ({@code dev.iterdiff.check.AdProblem}).
 */
package dev.iterdiff.problem;
