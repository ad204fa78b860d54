package dev.iterdiff.spark.sweep;

import dev.iterdiff.spark.config.SweepConfig;

import dev.iterdiff.bilevel.OuterObjective;
import dev.iterdiff.bilevel.OuterObjectives;
import dev.iterdiff.diff.JacobianEstimator;
import dev.iterdiff.diff.EstimatorOptions;
import dev.iterdiff.diff.Estimators;
import dev.iterdiff.problem.Problem;
import dev.iterdiff.solver.IterativeSolver;
import dev.iterdiff.solver.SolveOptions;
import dev.iterdiff.spec.InnerKernel;
import dev.iterdiff.spec.SolverSpec;
import java.util.List;

/**
 * The core objects the instances of one (data set, θ length) share inside a partition: the
 * problem, the solver, the estimators, the solve options (storage enough for every estimator
 * and the reference), the reference estimator with its own solver when it has its own
 * iteration budget, and the outer objective. They hold workspaces, so they are built once per
 * partition and reused. The instance kernel comes from the core's one builder,
 * {@link InnerKernel#build}, on the config's typed specs.
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
    InnerKernel kernel = InnerKernel.build(c.problem(), c.solver(), c.estimatorSpec(),
        d.train(), thetaLength);
    return around(c, kernel, d);
  }

  /**
   * The kernel of a problem that read its own data (a {@code qp} instance): built per
   * instance, no outer objective.
   *
   * @throws IllegalArgumentException if the solver or the estimators refuse the problem.
   */
  static InstanceKernel forProblem(SweepConfig c, Problem problem) {
    InnerKernel kernel = new InnerKernel(problem, c.solver().create(problem),
        c.estimatorSpec().create(),
        c.solver().options(c.estimatorSpec().storage(c.solver().iterations())));
    return around(c, kernel, null);
  }

  private static InstanceKernel around(SweepConfig c, InnerKernel kernel, SweepData d) {
    Problem problem = kernel.problem();
    EstimatorOptions eo = c.estimatorSpec().options();
    SweepConfig.ReferenceSpec r = c.reference();
    JacobianEstimator reference = null;
    IterativeSolver referenceSolver = null;
    SolveOptions referenceOptions = null;
    if (r != null) {
      reference = Estimators.byName(r.estimator(), eo);
      if (r.ownSolve()) {
        referenceSolver = r.solver() == null ? c.solver().create(problem)
            : new SolverSpec(r.solver(), null, 0, Double.NaN).create(problem);
        int k = r.iterations() > 0 ? r.iterations() : c.solver().iterations();
        referenceOptions = new SolveOptions(k, r.tolerance(),
            Estimators.requiredStorage(List.of(r.estimator()), k, eo));
      } else {
        kernel = kernel.withStorage(Estimators.requiredStorage(List.of(r.estimator()),
            c.solver().iterations(), eo));
      }
    }
    OuterObjective outer = c.outer() == null || d == null ? null
        : OuterObjectives.create(c.outer().loss(), d.validation(), problem.dim());
    return new InstanceKernel(problem, kernel.solver(), kernel.estimators(), kernel.options(),
        reference, referenceSolver, referenceOptions, outer);
  }
}
