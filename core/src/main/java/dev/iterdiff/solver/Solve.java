package dev.iterdiff.solver;

import dev.iterdiff.map.Checks;
import dev.iterdiff.problem.Problem;

/**
 * The solve loop shared by every solver and estimator:
 *
 * <pre>
 *   s₀ = initialState(x₀); res = residual(s₀)
 *   for i = 0 … maxIterations−1:
 *     if a tolerance is set and res ≤ tolerance: stop
 *     advance(s_i → s_{i+1}, step record r_i); res = residual(s_{i+1})
 * </pre>
 *
 * The residual is the solver's own {@link OptimalityMeasure}. No step is wasted: the residual
 * of the final state is the one tested. With no tolerance (NaN) exactly maxIterations
 * iterations run. The states and step records are recorded in a {@link Trajectory} under
 * the requested {@link Storage}; the loop allocates nothing per iteration beyond what the
 * storage keeps.
 *
 * <p>Divergence — a non-finite state entry or residual, or a residual above
 * 10¹²·max(1, r₀) — throws {@link DivergenceException} naming solver, iteration and residual.
 */
public final class Solve {

  /** Residual growth, relative to max(1, r₀), taken as divergence. */
  public static final double DIVERGENCE_FACTOR = 1e12;

  private Solve() {}

  /**
   * Runs the solver from x₀ at θ.
   *
   * @param solver  the solver (its workspaces are used). Not thread-safe across calls.
   * @param theta   θ, length m, in the problem's domain. Not modified (copied).
   * @param x0      initial point, length n, finite. Not modified.
   * @param options iterations, tolerance, storage.
   * @return the solution with its trajectory.
   * @throws IllegalArgumentException if θ or x₀ is invalid (named, with the value).
   * @throws DivergenceException      if the iterates diverge.
   */
  public static Solution run(IterativeSolver solver, double[] theta, double[] x0,
      SolveOptions options) {
    return run(solver, theta, x0, options, null, null);
  }

  /**
   * {@link #run}, writing the residual at s_i into {@code residuals[i]} and the time since the
   * start at s_i into {@code nanos[i]} for every state reached (both null, or length ≥
   * maxIterations + 1).
   */
  private static Solution run(IterativeSolver solver, double[] theta, double[] x0,
      SolveOptions options, double[] residuals, long[] nanos) {
    if (solver == null || options == null) {
      throw new IllegalArgumentException("solve: solver and options must be non-null");
    }
    Problem problem = solver.problem();
    problem.checkTheta(theta);
    Checks.length("x0", x0, problem.dim());
    Checks.finite("x0", x0);
    long start = System.nanoTime();
    // stored states are for sweeps over them (unrolled reverse: all; truncated(K): the last K)
    Storage storage = options.storage();
    solver.retainPoints(storage.kind() == Storage.Kind.FULL ? options.maxIterations() + 1
        : storage.kind() == Storage.Kind.LAST ? Math.max(2, storage.count() + 1) : 2);
    double[] th = theta.clone();
    int dim = solver.stateDim();
    double[] current = new double[dim];
    double[] next = new double[dim];
    double[] record = new double[solver.recordLength()];
    solver.initialState(x0, current);
    RecordedTrajectory trajectory =
        new RecordedTrajectory(solver, th, options.storage(), options.maxIterations());
    trajectory.start(current);
    double r = solver.residual(current, th);
    if (!Double.isFinite(r)) {
      throw new DivergenceException(solver.name(), 0, r, "non-finite residual at x0");
    }
    if (residuals != null) {
      residuals[0] = r;
      nanos[0] = System.nanoTime() - start;
    }
    double limit = DIVERGENCE_FACTOR * Math.max(1.0, r);
    double tol = options.tolerance();
    boolean tolSet = !Double.isNaN(tol);
    for (int i = 0; i < options.maxIterations(); i++) {
      if (tolSet && r <= tol) {
        break;
      }
      try {
        solver.advance(current, th, next, record);
      } catch (DivergenceException e) {
        if (e.iteration() >= 0) {
          throw e;
        }
        throw new DivergenceException(e.solver(), i, e.residual(), e.reason());
      }
      r = solver.residual(next, th);
      checkDiverged(solver.name(), i + 1, next, r, limit);
      trajectory.append(record, next);
      if (residuals != null) {
        residuals[i + 1] = r;
        nanos[i + 1] = System.nanoTime() - start;
      }
      double[] swap = current;
      current = next;
      next = swap;
    }
    boolean converged = !tolSet || r <= tol;
    double seconds = (System.nanoTime() - start) * 1e-9;
    return new Solution(solver, th, trajectory, r, converged, seconds);
  }

  /**
   * One solve serving several budgets: the solutions a solve with each budget k₁ … k_j would
   * return, from a single run to the largest. The loop does not look ahead — s_i, r_i and the
   * residual at s_i do not depend on the budget, and the tolerance test stops every budget at
   * the same first state under the tolerance — so solution j has exactly the iterates, step
   * records, residual and convergence of {@code Solve.run} with maxIterations = k_j; its
   * trajectory is a view of the first k_j iterations ({@link PrefixTrajectory}) and its
   * seconds the time taken to reach them. The storage must keep prefixes: FULL, or
   * CHECKPOINTED (states between checkpoints are recomputed bitwise, as in any checkpointed
   * trajectory). Estimators on solution j give the numbers they give on the separate solve.
   *
   * @param options the largest budget's solve: its maxIterations is ignored (max kᵢ is run),
   *                its tolerance and storage are used.
   * @param budgets the budgets, each ≥ 0, in any order. Not modified.
   * @return the solutions, in {@code budgets} order.
   * @throws IllegalArgumentException for an empty or negative budget, LAST storage, or what
   *         {@link #run} refuses.
   * @throws DivergenceException if the iterates diverge before the largest budget (a smaller
   *         budget may not have; solve those separately).
   */
  public static Solution[] runBudgets(IterativeSolver solver, double[] theta, double[] x0,
      SolveOptions options, int[] budgets) {
    if (budgets == null || budgets.length == 0) {
      throw new IllegalArgumentException("budgets: empty, expected one or more k >= 0");
    }
    if (options.storage().kind() == Storage.Kind.LAST) {
      throw new IllegalArgumentException("budgets: storage LAST(" + options.storage().count()
          + ") keeps no prefix of the trajectory; use FULL or CHECKPOINTED");
    }
    int max = 0;
    for (int b : budgets) {
      if (b < 0) {
        throw new IllegalArgumentException("budgets: k must be >= 0, got " + b);
      }
      max = Math.max(max, b);
    }
    double[] residuals = new double[max + 1];
    long[] nanos = new long[max + 1];
    Solution whole = run(solver, theta, x0,
        new SolveOptions(max, options.tolerance(), options.storage()), residuals, nanos);
    int done = whole.iterations();
    boolean tolSet = !Double.isNaN(options.tolerance());
    Solution[] out = new Solution[budgets.length];
    for (int j = 0; j < budgets.length; j++) {
      int k = Math.min(budgets[j], done);
      double r = residuals[k];
      out[j] = new Solution(whole.solver(), whole.theta(), k == done ? whole.trajectory()
          : new PrefixTrajectory(whole.trajectory(), k), r,
          !tolSet || r <= options.tolerance(), k == done ? whole.seconds() : nanos[k] * 1e-9);
    }
    return out;
  }

  private static void checkDiverged(String name, int iteration, double[] state, double r,
      double limit) {
    for (int j = 0; j < state.length; j++) {
      if (!Double.isFinite(state[j])) {
        throw new DivergenceException(name, iteration, r,
            "state entry " + j + " is " + state[j]);
      }
    }
    if (!Double.isFinite(r)) {
      throw new DivergenceException(name, iteration, r, "non-finite residual");
    }
    if (r > limit) {
      throw new DivergenceException(name, iteration, r,
          "residual above 1e12*max(1, r0) = " + limit);
    }
  }
}
