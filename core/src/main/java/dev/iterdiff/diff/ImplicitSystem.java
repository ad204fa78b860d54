package dev.iterdiff.diff;

import dev.iterdiff.linalg.Cholesky;
import dev.iterdiff.linalg.ConjugateGradient;
import dev.iterdiff.linalg.DenseMatrixOperator;
import dev.iterdiff.linalg.FallbackLinearSolver;
import dev.iterdiff.linalg.LinearOperator;
import dev.iterdiff.linalg.LinearSolveResult;
import dev.iterdiff.linalg.LinearSolver;
import dev.iterdiff.linalg.LinearSolvers;
import dev.iterdiff.linalg.Lu;
import dev.iterdiff.map.Checks;
import dev.iterdiff.optimality.ActiveSetCondition;
import dev.iterdiff.optimality.ConditionSystem;
import dev.iterdiff.optimality.OptimalityCondition;
import dev.iterdiff.optimality.Stationarity;
import dev.iterdiff.solver.Solution;
import java.util.function.Function;

/**
 * The linear system of {@link Implicit} at one solution: the condition G, the point z_k
 * (x_k, or the whole state s_k when G lives on the state), and how (∂_zG) y = b and its
 * transpose are solved — by the condition's own restricted system (active set, reduced KKT),
 * by CG preconditioned with the solver's factorization, or by a linear solver on ∂_zG
 * (materialised when the condition forms it densely for a dense solver, else matrix-free
 * JVPs / VJPs). {@code dense} is ∂_zG as a dense matrix when formed (else null);
 * {@code active} the condition's own solve (else null).
 */
record ImplicitSystem(OptimalityCondition condition, double[] point, double[] theta, int zDim,
    LinearSolver solver, double[] dense, ConditionSystem active) {

  /**
   * The system for one solution and {@code rhs} right-hand sides.
   *
   * @param linearSolvers the named linear solver per dimension, or null for the automatic
   *                      choice (see {@link Implicit}).
   * @throws IllegalArgumentException on a null condition or dimensions that do not fit.
   */
  static ImplicitSystem at(Solution solution, OptimalityCondition condition,
      Function<Integer, LinearSolver> linearSolvers, double autoTolerance, int rhs) {
    if (condition == null) {
      throw new IllegalArgumentException("implicit: no optimality condition for solver "
          + solution.solver().name());
    }
    int n = solution.solver().problem().dim();
    int s = solution.trajectory().stateDim();
    int z = condition.xDim();
    if (z != n && z != s) {
      throw new IllegalArgumentException("implicit: condition " + condition.name() + " has xDim "
          + z + ", which is neither dim x = " + n + " nor the state dimension " + s);
    }
    Checks.sameDim("implicit: condition " + condition.name() + " outDim vs xDim",
        condition.outDim(), z);
    Checks.sameDim("implicit: condition " + condition.name() + " thetaDim vs dim theta",
        condition.thetaDim(), solution.theta().length);
    double[] point = z == s ? solution.finalState() : solution.x();
    LinearSolver solver = linearSolvers != null
        ? linearSolvers.apply(z)
        : LinearSolvers.auto(z, condition.symmetric(), autoTolerance);
    LinearOperator preconditioner = linearSolvers == null
        && (rhs == 1 || rhs * Implicit.PRECONDITIONED_COLUMN_RATIO <= z)
        && condition instanceof Stationarity stationarity
        && stationarity.problem() == solution.solver().problem()
        ? solution.solver().hessianPreconditioner() : null;
    if (preconditioner != null) {
      LinearSolver pcg = new ConjugateGradient(autoTolerance,
          Implicit.PRECONDITIONED_MAX_ITERATIONS, preconditioner);
      return new ImplicitSystem(condition, point, solution.theta(), z,
          new FallbackLinearSolver(pcg, solver), null, null);
    }
    ConditionSystem active = linearSolvers == null && condition instanceof ActiveSetCondition a
        ? a.activeSet(point, solution.theta(), autoTolerance, rhs) : null;
    if (active == null && linearSolvers == null) {
      active = condition.system(point, solution.theta(), autoTolerance, solution.solver());
    }
    if (active != null) {
      return new ImplicitSystem(condition, point, solution.theta(), z, solver, null, active);
    }
    double[] dense = null;
    if (solver instanceof Cholesky || solver instanceof Lu) {
      double[] matrix = new double[Math.multiplyExact(z, z)];
      if (condition.denseJacobianX(point, solution.theta(), matrix)) {
        dense = matrix;
      }
    }
    return new ImplicitSystem(condition, point, solution.theta(), z, solver, dense, null);
  }


  /** (∂_zG) y = b, or its transpose: on the active set when there is one. */
  LinearSolveResult solve(boolean transposed, double[] b, double[] y) {
    if (active != null) {
      return active.solve(b, y, transposed);
    }
    return solver.solve(transposed ? transposed() : forward(), zDim, b, y);
  }

  /** {@link #solve} for m columns (column-major); the worst column's result. */
  LinearSolveResult solveColumns(boolean transposed, double[] b, int m, double[] y) {
    if (active == null) {
      return solver.solveColumns(transposed ? transposed() : forward(), zDim, b, m, y);
    }
    double[] bj = new double[zDim];
    double[] yj = new double[zDim];
    LinearSolveResult worst = null;
    for (int j = 0; j < m; j++) {
      System.arraycopy(b, j * zDim, bj, 0, zDim);
      LinearSolveResult r = solve(transposed, bj, yj);
      System.arraycopy(yj, 0, y, j * zDim, zDim);
      worst = worst == null || r.relativeResidual() > worst.relativeResidual() ? r : worst;
    }
    return worst;
  }

  LinearOperator forward() {
    if (dense != null) {
      return new DenseMatrixOperator(zDim, dense);
    }
    return (v, out) -> condition.jvpX(point, theta, v, out);
  }

  LinearOperator transposed() {
    if (condition.symmetric()) {
      return forward();
    }
    if (dense != null) {
      double[] t = new double[dense.length];
      for (int j = 0; j < zDim; j++) {
        for (int i = 0; i < zDim; i++) {
          t[j + i * zDim] = dense[i + j * zDim];
        }
      }
      return new DenseMatrixOperator(zDim, t);
    }
    return (v, out) -> condition.vjpX(point, theta, v, out);
  }
}
