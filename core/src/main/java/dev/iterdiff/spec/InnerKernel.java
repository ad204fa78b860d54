package dev.iterdiff.spec;

import dev.iterdiff.diff.JacobianEstimator;
import dev.iterdiff.problem.LabeledData;
import dev.iterdiff.problem.Problem;
import dev.iterdiff.solver.IterativeSolver;
import dev.iterdiff.solver.Solution;
import dev.iterdiff.solver.Solve;
import dev.iterdiff.solver.SolveOptions;
import dev.iterdiff.solver.Storage;
import java.util.List;

/**
 * What one inner problem runs on: the problem on the data, its solver, the estimators and the
 * solve options, whose storage serves every estimator. Built by {@link #build} from the three
 * specs — the one builder {@code iterdiff jacobian}, the sweep, hyperopt and the benchmarks use.
 * The problem and the solver hold workspaces: one kernel per thread, reused across instances
 * that share data and θ length.
 *
 * @param problem    f(x; θ) on the data.
 * @param solver     the solver on {@code problem}.
 * @param estimators in the estimator spec's order.
 * @param options    the solve: budget, tolerance, storage for all the estimators.
 */
public record InnerKernel(Problem problem, IterativeSolver solver,
    List<JacobianEstimator> estimators, SolveOptions options) {

  /**
   * The kernel of (problem, solver, estimators) on {@code data} with θ of length
   * {@code thetaLength}.
   *
   * @throws IllegalArgumentException if the problem rejects the θ length or α, or the
   *         estimator options do not fit the solver's budget (e.g. truncation K &gt; k).
   */
  public static InnerKernel build(ProblemSpec problem, SolverSpec solver,
      EstimatorSpec estimators, LabeledData data, int thetaLength) {
    Problem p = problem.create(data, thetaLength);
    IterativeSolver s = solver.create(p);
    return new InnerKernel(p, s, estimators.create(),
        solver.options(estimators.storage(solver.iterations())));
  }

  /** The same kernel keeping, besides, the states {@code more} asks for (joined). */
  public InnerKernel withStorage(Storage more) {
    return new InnerKernel(problem, solver, estimators, new SolveOptions(
        options.maxIterations(), options.tolerance(), options.storage().join(more)));
  }

  /**
   * Solves from {@code x0} at θ with this kernel's options.
   *
   * @param theta θ, length the kernel's θ length. Not modified.
   * @param x0    the start, length dim x (or the solver's state dimension). Not modified.
   * @throws dev.iterdiff.solver.DivergenceException when the solve diverges.
   */
  public Solution solve(double[] theta, double[] x0) {
    return Solve.run(solver, theta, x0, options);
  }
}
