package dev.iterdiff.linalg;

import dev.iterdiff.map.Checks;
import java.util.Arrays;

/**
 * Common frame of the matrix-free iterative solvers: a relative tolerance on the true residual
 * ‖b − A x‖/‖b‖, an iteration budget, argument checks, the b = 0 case (x = 0 with residual 0:
 * a correct answer, not a failure) and the failure messages. Subclasses keep their workspaces
 * per instance (reallocated only when n changes) and allocate nothing per iteration.
 *
 * <p>Every solver stops on its cheap recursive residual estimate and then confirms with one
 * extra application that the <em>true</em> residual meets the tolerance; the reported residual
 * is always the true one. Not thread-safe: one instance per thread.
 */
public abstract class IterativeLinearSolver implements LinearSolver {

  private final double tolerance;
  private final int maxIterations;

  /**
   * @param tolerance     relative residual tolerance, > 0.
   * @param maxIterations iteration budget (operator applications, roughly), > 0.
   * @throws IllegalArgumentException if either is not positive.
   */
  protected IterativeLinearSolver(double tolerance, int maxIterations) {
    Checks.positive("tolerance", tolerance);
    Checks.positive("maxIterations", maxIterations);
    this.tolerance = tolerance;
    this.maxIterations = maxIterations;
  }

  /** The relative residual tolerance. */
  public double tolerance() {
    return tolerance;
  }

  /** The iteration budget. */
  public int maxIterations() {
    return maxIterations;
  }

  @Override
  public final LinearSolveResult solve(LinearOperator a, int n, double[] b, double[] x) {
    Checks.positive("n", n);
    Checks.length("b", b, n);
    Checks.length("x", x, n);
    Checks.finite("b", b);
    Checks.finite("x", x);
    double bNorm = Blas.nrm2(b);
    if (bNorm == 0) {
      Arrays.fill(x, 0.0);
      return converged(0, 0.0);
    }
    allocate(n);
    return iterate(a, n, b, bNorm, x);
  }

  /** (Re)allocates the workspaces for dimension n when it changed. */
  protected abstract void allocate(int n);

  /**
   * Runs the method from the initial guess in x.
   *
   * @param bNorm ‖b‖ > 0.
   * @return the converged result (true residual).
   * @throws LinearSolveException on a missed tolerance or a breakdown.
   */
  protected abstract LinearSolveResult iterate(LinearOperator a, int n, double[] b,
      double bNorm, double[] x);

  /**
   * r ← b − A x, using {@code ax} as scratch.
   *
   * @return ‖r‖.
   */
  protected static double residual(LinearOperator a, double[] b, double[] x, double[] ax,
      double[] r) {
    a.apply(x, ax);
    for (int i = 0; i < r.length; i++) {
      r[i] = b[i] - ax[i];
    }
    return Blas.nrm2(r);
  }

  /** A converged result. */
  protected LinearSolveResult converged(int iterations, double relativeResidual) {
    return new LinearSolveResult(name(), iterations, relativeResidual, tolerance, true);
  }

  /** "{name}: relative residual r > tol t after k iterations (n = n)". */
  protected LinearSolveException missed(double relativeResidual, int iterations, int n) {
    return LinearSolveException.missedTolerance(name(), relativeResidual, tolerance, iterations,
        "iterations", n);
  }

  /**
   * "{name}: breakdown at iteration k ({what}), relative residual r > tol t (n = n)": a
   * denominator of the method vanished before the tolerance was reached.
   */
  protected LinearSolveException breakdown(String what, int iteration, double relativeResidual,
      int n) {
    return new LinearSolveException(name() + ": breakdown at iteration " + iteration + " ("
        + what + "), relative residual " + LinearSolveException.format(relativeResidual)
        + " > tol " + LinearSolveException.format(tolerance) + " (n = " + n + ")",
        new LinearSolveResult(name(), iteration, relativeResidual, tolerance, false));
  }
}
