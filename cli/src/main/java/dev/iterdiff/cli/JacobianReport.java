package dev.iterdiff.cli;

import dev.iterdiff.diff.JacobianEstimate;
import java.util.List;

/**
 * What {@code iterdiff jacobian} prints: the solve shared by every estimator and one
 * Jacobian estimate per estimator, in the order asked for.
 *
 * @param problem      problem name (ridge, logistic, weighted-ridge).
 * @param data         the data file as given.
 * @param samples      N.
 * @param features     p.
 * @param theta        θ.
 * @param solver       solver name (gd, heavy-ball, newton).
 * @param step         the --step spec as given (1/L, 2/(mu+L), a number), or null for the
 *                     solver's default.
 * @param iterations   k, iterations run.
 * @param converged    whether --tol was reached; null when no --tol was given (no criterion).
 * @param residual     ‖∇ₓf(x_k; θ)‖.
 * @param solveSeconds wall time of the solve.
 * @param x            x_k, length n.
 * @param estimates    one per estimator.
 */
public record JacobianReport(String problem, String data, int samples, int features,
    double[] theta, String solver, String step, int iterations, Boolean converged,
    double residual, double solveSeconds, double[] x, List<JacobianEstimate> estimates) {}
