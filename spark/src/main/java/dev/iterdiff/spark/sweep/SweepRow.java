package dev.iterdiff.spark.sweep;

import dev.iterdiff.diff.Diagnostics;
import dev.iterdiff.solver.Solution;
import java.io.Serializable;

/**
 * One output row of a sweep: one (instance, estimator). Doubles that do not apply are NaN
 * (written as null), ints −1 (null), vectors null. Built from (instance, solution, estimate)
 * with {@link #of} and the {@code with…} copies, or {@link #failed}; the canonical constructor
 * is the Parquet row's ({@link SweepRowSchema}).
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
 * @param maxIterations       the instance's iteration budget k ({@code solver.iterations}, one
 *                            value of it when it is a list): the solve ran exactly k iterations
 *                            without a tolerance, at most k with one; −1 (null) in rows written
 *                            before the column existed.
 */
public record SweepRow(long instanceId, String data, String problem, String solver,
    double[] theta, String estimator, String status, String message, int iterations,
    Boolean converged, double solveSeconds, double diffSeconds, double optimalityResidual,
    double rho, String linearSolver, int linearIterations, double linearResidual,
    double thetaJacobianNorm, double oneStepBound, double jacobianError,
    double jacobianErrorAbs, double outerValue, double[] hypergradient, double[] x,
    double[] jacobian, int jacobianRows, int jacobianCols, int maxIterations)
    implements Serializable {

  /** Status of a successful row. */
  public static final String OK = "ok";

  /** A row without a budget (as written before the {@code max_iterations} column). */
  public SweepRow(long instanceId, String data, String problem, String solver,
      double[] theta, String estimator, String status, String message, int iterations,
      Boolean converged, double solveSeconds, double diffSeconds, double optimalityResidual,
      double rho, String linearSolver, int linearIterations, double linearResidual,
      double thetaJacobianNorm, double oneStepBound, double jacobianError,
      double jacobianErrorAbs, double outerValue, double[] hypergradient, double[] x,
      double[] jacobian, int jacobianRows, int jacobianCols) {
    this(instanceId, data, problem, solver, theta, estimator, status, message, iterations,
        converged, solveSeconds, diffSeconds, optimalityResidual, rho, linearSolver,
        linearIterations, linearResidual, thetaJacobianNorm, oneStepBound, jacobianError,
        jacobianErrorAbs, outerValue, hypergradient, x, jacobian, jacobianRows, jacobianCols,
        -1);
  }

  /**
   * What identifies an instance in its rows.
   *
   * @param id      {@link SweepInstance#id()}.
   * @param data    data set name.
   * @param problem problem name.
   * @param solver  solver name.
   * @param theta   θ.
   * @param maxIterations the iteration budget k, or −1.
   */
  public record Instance(long id, String data, String problem, String solver, double[] theta,
      int maxIterations) implements Serializable {

    /** Without a budget. */
    public Instance(long id, String data, String problem, String solver, double[] theta) {
      this(id, data, problem, solver, theta, -1);
    }
  }

  /**
   * A successful row of {@code estimator} on the shared solve, with its diagnostics and its
   * own seconds; no reference error, outer objective, x or Jacobian (add them with the
   * {@code with…} copies).
   */
  public static SweepRow of(Instance instance, Solution solution, String estimator,
      Diagnostics d, double diffSeconds) {
    return new SweepRow(instance.id(), instance.data(), instance.problem(), instance.solver(),
        instance.theta(), estimator, OK, null, solution.iterations(), solution.converged(),
        solution.seconds(), diffSeconds, solution.residual(), d.rho(), d.linearSolver(),
        d.linearIterations(), d.linearResidual(), d.thetaJacobianNorm(), d.oneStepBound(),
        Double.NaN, Double.NaN, Double.NaN, null, null, null, -1, -1,
        instance.maxIterations());
  }

  /**
   * A failed row: the status and the reason; the solve's iterations, convergence, seconds and
   * residual when the solve itself succeeded ({@code solution} non-null), nothing else.
   *
   * @param status   {@code diverged}, {@code linear-solve-failed}, {@code invalid-input},
   *                 {@code error}, … (never {@link #OK}).
   * @param solution the shared solve, or null when it failed.
   */
  public static SweepRow failed(Instance instance, String estimator, String status,
      String message, Solution solution) {
    if (OK.equals(status)) {
      throw new IllegalArgumentException("failed row with status " + OK);
    }
    boolean solved = solution != null;
    return new SweepRow(instance.id(), instance.data(), instance.problem(), instance.solver(),
        instance.theta(), estimator, status, message, solved ? solution.iterations() : -1,
        solved ? Boolean.valueOf(solution.converged()) : null,
        solved ? solution.seconds() : Double.NaN, Double.NaN,
        solved ? solution.residual() : Double.NaN, Double.NaN, null, -1, Double.NaN, Double.NaN,
        Double.NaN, Double.NaN, Double.NaN, Double.NaN, null, null, null, -1, -1,
        instance.maxIterations());
  }

  /**
   * This row with {@code converged} as the job states it: whether the solve reached the
   * configured tolerance, or null when none was configured (exactly k iterations).
   */
  public SweepRow withConverged(Boolean c) {
    return new SweepRow(instanceId, data, problem, solver, theta, estimator, status, message,
        iterations, c, solveSeconds, diffSeconds, optimalityResidual, rho, linearSolver,
        linearIterations, linearResidual, thetaJacobianNorm, oneStepBound, jacobianError,
        jacobianErrorAbs, outerValue, hypergradient, x, jacobian, jacobianRows, jacobianCols,
        maxIterations);
  }

  /** This row with a message (e.g. why the reference failed), or null. */
  public SweepRow withMessage(String m) {
    return new SweepRow(instanceId, data, problem, solver, theta, estimator, status, m,
        iterations, converged, solveSeconds, diffSeconds, optimalityResidual, rho, linearSolver,
        linearIterations, linearResidual, thetaJacobianNorm, oneStepBound, jacobianError,
        jacobianErrorAbs, outerValue, hypergradient, x, jacobian, jacobianRows, jacobianCols,
        maxIterations);
  }

  /** This row with the errors against the reference Jacobian: relative and absolute. */
  public SweepRow withReferenceError(double relative, double absolute) {
    return new SweepRow(instanceId, data, problem, solver, theta, estimator, status, message,
        iterations, converged, solveSeconds, diffSeconds, optimalityResidual, rho, linearSolver,
        linearIterations, linearResidual, thetaJacobianNorm, oneStepBound, relative, absolute,
        outerValue, hypergradient, x, jacobian, jacobianRows, jacobianCols,
        maxIterations);
  }

  /** This row with the outer objective's value and this estimator's hypergradient. */
  public SweepRow withOuter(double value, double[] gradient) {
    return new SweepRow(instanceId, data, problem, solver, theta, estimator, status, message,
        iterations, converged, solveSeconds, diffSeconds, optimalityResidual, rho, linearSolver,
        linearIterations, linearResidual, thetaJacobianNorm, oneStepBound, jacobianError,
        jacobianErrorAbs, value, gradient, x, jacobian, jacobianRows, jacobianCols,
        maxIterations);
  }

  /**
   * This row with the large columns: x (or null) and the n×m Jacobian (or null, then its
   * shape is written as null too).
   */
  public SweepRow withOutput(double[] xk, double[] j, int rows, int cols) {
    return new SweepRow(instanceId, data, problem, solver, theta, estimator, status, message,
        iterations, converged, solveSeconds, diffSeconds, optimalityResidual, rho, linearSolver,
        linearIterations, linearResidual, thetaJacobianNorm, oneStepBound, jacobianError,
        jacobianErrorAbs, outerValue, hypergradient, xk, j, j == null ? -1 : rows,
        j == null ? -1 : cols, maxIterations);
  }

  /** Whether this row succeeded. */
  public boolean ok() {
    return OK.equals(status);
  }
}
