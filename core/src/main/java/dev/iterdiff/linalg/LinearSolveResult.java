package dev.iterdiff.linalg;

/**
 * What a linear solve did: the method, iterations (0 for direct methods), the final
 * relative residual ‖b − A x‖/‖b‖ and whether it reached the requested tolerance.
 */
public record LinearSolveResult(String method, int iterations, double relativeResidual,
    double tolerance, boolean converged) {}
