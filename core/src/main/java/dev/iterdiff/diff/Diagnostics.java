package dev.iterdiff.diff;

/**
 * What an estimate knows about its own quality and cost. Fields that do not apply to an
 * estimator are NaN (doubles) or −1 (ints) and are reported as null in JSON.
 *
 * @param iterations           solver iterations k of the shared solve.
 * @param optimalityResidual   the solver's optimality measure at the last iterate
 *                             (‖∇ₓf(x_k; θ)‖ for gradient-norm).
 * @param linearSolver         method of the linear solve (implicit), or null.
 * @param linearIterations     iterations of the linear solve (implicit; 0 for direct), or −1.
 * @param linearResidual       relative residual of the linear solve (implicit), or NaN.
 * @param rho                  estimate of ρ = ‖J_sF‖ at the last iterate (Lanczos on J_sFᵀJ_sF
 *                             by JVPs and VJPs, see ContractionEstimate), or NaN.
 * @param thetaJacobianNorm    ‖J_θF‖_F at the last iterate, or NaN.
 * @param oneStepBound         ρ/(1−ρ)·‖J_θF‖_F when ρ &lt; 1 (bound on ‖J_OS − J*‖_F at the
 *                             fixed point, Bolte–Pauwels–Vaiter 2023), else NaN.
 */
public record Diagnostics(int iterations, double optimalityResidual, String linearSolver,
    int linearIterations, double linearResidual, double rho, double thetaJacobianNorm,
    double oneStepBound) {}
