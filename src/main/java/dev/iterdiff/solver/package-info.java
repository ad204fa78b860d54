/**
 * Iterative solvers as iteration maps s_{i+1} = F_{t_i}(s_i, θ) with exact J_sF and J_θF:
 * gradient descent (1/L, 2/(μ+L) or fixed step), heavy ball, Newton with a backtracking
 * line search; the solve loop, its options and its trajectory (full, last-K or
 * checkpointed storage).
 */
package dev.iterdiff.solver;
