/**
 * Iterative solvers as iteration maps s_{i+1} = F_{r_i}(s_i, θ) with exact J_sF and J_θF,
 * r_i the step record of iteration i (step size, momentum, …), each reporting its own
 * {@link dev.iterdiff.solver.OptimalityMeasure}: those registered in
 * {@link dev.iterdiff.solver.Solvers#CATALOG} — e.g. {@link dev.iterdiff.solver.GradientDescent}
 * (a {@link dev.iterdiff.solver.StepRule}: 1/L, 2/(μ+L) or fixed),
 * {@link dev.iterdiff.solver.HeavyBall} (state (x, x_prev)) and
 * {@link dev.iterdiff.solver.Newton} (backtracking Armijo line search, exact third-order
 * products, cached Cholesky factorizations) — built by name with
 * {@link dev.iterdiff.solver.Solvers#create}. {@link dev.iterdiff.solver.Solve#run} is the
 * solve loop; it records a {@link dev.iterdiff.solver.Trajectory} (full, last-K or
 * checkpointed storage, unstored states recomputed bitwise from checkpoints) and throws
 * {@link dev.iterdiff.solver.DivergenceException} when the iterates diverge. The step chosen
 * for a solve (which depends on θ through L(θ), μ(θ)) is a recorded constant: derivatives
 * hold it fixed, as in the papers.
 */
package dev.iterdiff.solver;
