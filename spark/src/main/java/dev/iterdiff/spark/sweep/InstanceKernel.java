package dev.iterdiff.spark.sweep;

import dev.iterdiff.spark.config.SweepConfig;

import dev.iterdiff.bilevel.OuterObjective;
import dev.iterdiff.bilevel.OuterObjectives;
import dev.iterdiff.diff.DiagnosticsOptions;
import dev.iterdiff.diff.JacobianEstimator;
import dev.iterdiff.diff.EstimatorOptions;
import dev.iterdiff.diff.Estimators;
import dev.iterdiff.problem.Problem;
import dev.iterdiff.problem.Problems;
import dev.iterdiff.solver.IterativeSolver;
import dev.iterdiff.solver.SolveOptions;
import dev.iterdiff.solver.Solvers;
import java.util.ArrayList;
import java.util.List;

/**
 * The core objects the instances of one (data set, θ length) share inside a partition: the
 * problem, the solver, the estimators, the solve options (storage enough for every estimator
 * and the reference), the reference estimator with its own solver when it has its own
 * iteration budget, and the outer objective. They hold workspaces, so they are built once per
 * partition and reused; the only place the sweep calls the core's factories.
 *
 * @param problem          f(x; θ) on the data set's training rows.
 * @param solver           the instance solver.
 * @param estimators       in config order.
 * @param options          the instance solve.
 * @param reference        the reference estimator, or null.
 * @param referenceSolver  a separate solver for the reference solve, or null to reuse the
 *                         instance solve.
 * @param referenceOptions the reference solve, or null.
 * @param outer            the outer objective on the validation rows, or null.
 */
record InstanceKernel(Problem problem, IterativeSolver solver, List<JacobianEstimator> estimators,
    SolveOptions options, JacobianEstimator reference, IterativeSolver referenceSolver,
    SolveOptions referenceOptions, OuterObjective outer) {

  /**
   * @throws IllegalArgumentException if the problem rejects θ of this length (or the data).
   */
  static InstanceKernel create(SweepConfig c, SweepData d, int thetaLength) {
    Problem problem = Problems.create(c.problem().name(), d.train(), thetaLength,
        c.problem().alpha());
    IterativeSolver solver = solver(c, problem);
    EstimatorOptions eo = options(c.estimatorOptions());
    List<JacobianEstimator> estimators = new ArrayList<>();
    List<String> names = new ArrayList<>(c.estimators());
    for (String name : c.estimators()) {
      estimators.add(Estimators.byName(name, eo));
    }
    SweepConfig.ReferenceSpec r = c.reference();
    JacobianEstimator reference = null;
    IterativeSolver referenceSolver = null;
    SolveOptions referenceOptions = null;
    if (r != null) {
      reference = Estimators.byName(r.estimator(), eo);
      if (r.ownSolve()) {
        referenceSolver = r.solver() == null ? solver(c, problem)
            : Solvers.create(r.solver(), problem, null);
        int k = r.iterations() > 0 ? r.iterations() : c.solver().iterations();
        referenceOptions = new SolveOptions(k, r.tolerance(),
            Estimators.requiredStorage(List.of(r.estimator()), k, eo));
      } else {
        names.add(r.estimator());
      }
    }
    SolveOptions options = new SolveOptions(c.solver().iterations(), c.solver().tolerance(),
        Estimators.requiredStorage(names, c.solver().iterations(), eo));
    OuterObjective outer = c.outer() == null ? null
        : OuterObjectives.create(c.outer().loss(), d.validation(), problem.dim());
    return new InstanceKernel(problem, solver, List.copyOf(estimators), options, reference,
        referenceSolver, referenceOptions, outer);
  }

  private static IterativeSolver solver(SweepConfig c, Problem problem) {
    return Solvers.create(c.solver().name(), problem, c.solver().step());
  }

  /** The core's estimator options from the sweep's settings. */
  static EstimatorOptions options(SweepConfig.EstimatorSettings s) {
    return new EstimatorOptions(s.truncatedK(), s.linearSolver(), s.linearTolerance(),
        s.linearMaxIterations(), s.condition(), s.checkpointing(),
        s.diagnostics() ? DiagnosticsOptions.full() : DiagnosticsOptions.none());
  }
}
