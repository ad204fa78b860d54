package dev.iterdiff.spark.sweep;

import java.io.Serializable;

/**
 * One output row of a sweep: one (instance, estimator). Doubles that do not apply are NaN
 * (written as null), ints −1 (null), vectors null.
 *
 * @param instanceId          {@link SweepInstance#id()}.
 * @param data                data set name.
 * @param problem             problem name.
 * @param solver              solver name.
 * @param theta               θ.
 * @param estimator           estimator name.
 * @param status              {@code ok}, or why it failed: {@code diverged},
 *                            {@code linear-solve-failed}, {@code non-finite},
 *                            {@code invalid-input}, {@code error}.
 * @param message             the failure's message, or null.
 * @param iterations          solver iterations k.
 * @param converged           whether the solve reached its tolerance; null without one.
 * @param solveSeconds        wall time of the shared solve.
 * @param diffSeconds         wall time of this estimator (Jacobian and hypergradient).
 * @param optimalityResidual  ‖∇ₓf(x_k; θ)‖.
 * @param rho                 ρ estimate of ‖J_sF‖ at x_k.
 * @param linearSolver        linear solver of the implicit estimator.
 * @param linearIterations    its iterations.
 * @param linearResidual      its relative residual.
 * @param thetaJacobianNorm   ‖J_θF‖_F at x_k.
 * @param oneStepBound        ρ/(1−ρ)·‖J_θF‖_F when ρ &lt; 1.
 * @param jacobianError       ‖J − J_ref‖_F / ‖J_ref‖_F (a reference is set).
 * @param jacobianErrorAbs    ‖J − J_ref‖_F.
 * @param outerValue          g(x_k) on the validation rows (outer objective set).
 * @param hypergradient       Jᵀ∇ₓg by this estimator (outer objective set).
 * @param x                   x_k (output.x).
 * @param jacobian            J, n×m column-major (output.jacobian).
 * @param jacobianRows        n (with {@code jacobian}).
 * @param jacobianCols        m (with {@code jacobian}).
 */
public record SweepRow(long instanceId, String data, String problem, String solver,
    double[] theta, String estimator, String status, String message, int iterations,
    Boolean converged, double solveSeconds, double diffSeconds, double optimalityResidual,
    double rho, String linearSolver, int linearIterations, double linearResidual,
    double thetaJacobianNorm, double oneStepBound, double jacobianError,
    double jacobianErrorAbs, double outerValue, double[] hypergradient, double[] x,
    double[] jacobian, int jacobianRows, int jacobianCols) implements Serializable {

  /** Status of a successful row. */
  public static final String OK = "ok";

  /** Whether this row succeeded. */
  public boolean ok() {
    return OK.equals(status);
  }
}
