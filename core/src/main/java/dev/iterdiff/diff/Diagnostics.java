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
 * @param oneStepBound         a bound on ‖J_OS − J*‖_F at the fixed point: ρ/(1−ρ)·‖J_θF‖_F
 *                             when ρ &lt; 1 (Bolte–Pauwels–Vaiter 2023), else, for a map that
 *                             is not a contraction in norm (momentum, Chebyshev, mirror
 *                             descent), Σ_{j≤K}‖J_sF^j‖₂/(1 − ‖J_sF^K‖₂)·‖J_θF‖_F with the
 *                             first K ≤ {@value IterateDiagnostics#POWER_BOUND_MAX_K} at which
 *                             ‖J_sF^K‖₂ &lt; 1; NaN when there is none (see the note).
 * @param oneStepBoundNote     why {@code oneStepBound} is NaN, or which bound it is when it
 *                             comes from powers of J_sF; null otherwise.
 */
public record Diagnostics(int iterations, double optimalityResidual, String linearSolver,
    int linearIterations, double linearResidual, double rho, double thetaJacobianNorm,
    double oneStepBound, String oneStepBoundNote) {

  /** Without a note (the ρ/(1−ρ) bound, or no bound asked for). */
  public Diagnostics(int iterations, double optimalityResidual, String linearSolver,
      int linearIterations, double linearResidual, double rho, double thetaJacobianNorm,
      double oneStepBound) {
    this(iterations, optimalityResidual, linearSolver, linearIterations, linearResidual, rho,
        thetaJacobianNorm, oneStepBound, null);
  }
}
