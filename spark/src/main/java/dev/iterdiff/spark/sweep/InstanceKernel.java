package dev.iterdiff.spark.sweep;

import dev.iterdiff.optimality.ConditionEntry;
import dev.iterdiff.optimality.Conditions;
import dev.iterdiff.solver.SolverEntry;
import dev.iterdiff.solver.Solvers;
import dev.iterdiff.spark.config.JobConfigException;

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

  /**
   * Refuses on the driver, before any Spark work and naming the key, a sweep whose solver,
   * reference solver or implicit condition cannot run on its problem: a solver without a prox
   * on a lasso, Newton as the reference of a composite problem, stationarity named for f + g.
   * These depend on the catalog entries and the problem's kind, not on θ, so the problem of
   * the first instance (of an instance file, read by the executors: the first data set's
   * problem at a θ length it takes) stands for all; a problem that refuses that instance's θ
   * is left to the instances (failed rows).
   *
   * @throws JobConfigException naming {@code sweep.solver.name},
   *         {@code sweep.reference.solver} or {@code sweep.estimator-options.condition}.
   */
  static void checkFits(SweepConfig c, List<SweepData> data, InstanceSpace space) {
    if (c.problem().entry().source() != null || data.isEmpty()) {
      return; // problems that read their own data per instance (qp) are checked per line
    }
    Problem problem = firstProblem(c, data, space);
    if (problem == null) {
      return;
    }
    SolverEntry solver = Solvers.CATALOG.get(c.solver().name());
    String why = solver.misfit(problem);
    if (why != null) {
      throw new JobConfigException("sweep.solver.name", why);
    }
    EstimatorOptions eo = c.estimatorSpec().options();
    List<String> conditioned = new java.util.ArrayList<>();
    for (String name : c.estimatorSpec().names()) {
      if (Estimators.CATALOG.get(name).capabilities().usesCondition()) {
        conditioned.add(name);
      }
    }
    SweepConfig.ReferenceSpec r = c.reference();
    if (r != null && r.solver() == null
        && Estimators.CATALOG.get(r.estimator()).capabilities().usesCondition()) {
      conditioned.add("reference " + r.estimator());
    }
    checkCondition(eo, solver, problem, c.minIterations(), conditioned);
    if (r != null && r.solver() != null) {
      SolverEntry own = Solvers.CATALOG.get(r.solver());
      why = own.misfit(problem);
      if (why != null) {
        throw new JobConfigException("sweep.reference.solver", "reference " + why);
      }
      if (Estimators.CATALOG.get(r.estimator()).capabilities().usesCondition()) {
        checkCondition(eo, own, problem, r.iterations(), List.of("reference " + r.estimator()));
      }
    }
  }

  /** The first instance's problem, or (no instance space) the first data set's; or null. */
  private static Problem firstProblem(SweepConfig c, List<SweepData> data, InstanceSpace space) {
    if (space != null) {
      java.util.Iterator<SweepInstance> first = space.instances(0, 1);
      if (!first.hasNext()) {
        return null;
      }
      SweepInstance instance = first.next();
      try {
        return c.problem().create(data.get(instance.data()).train(), instance.theta().length);
      } catch (IllegalArgumentException e) {
        return null;
      }
    }
    dev.iterdiff.problem.LabeledData train = data.get(0).train();
    for (int m : new int[] {1, train.cols(), train.rows()}) {
      try {
        return c.problem().create(train, m);
      } catch (IllegalArgumentException e) {
        // the problem takes another θ length: try the next
      }
    }
    return null;
  }

  private static void checkCondition(EstimatorOptions eo, SolverEntry solver, Problem problem,
      int iterations, List<String> estimators) {
    if (estimators.isEmpty()) {
      return;
    }
    String key = "sweep.estimator-options.condition";
    ConditionEntry g;
    try {
      g = Conditions.resolve(eo.condition(), solver, problem);
    } catch (IllegalArgumentException e) {
      throw new JobConfigException(key, e.getMessage());
    }
    String why = g.misfit(solver);
    if (why == null) {
      why = g.misfit(problem, iterations > 0 ? iterations : Integer.MAX_VALUE);
    }
    if (why != null) {
      throw new JobConfigException(key, why + " (" + String.join(", ", estimators)
          + " on solver " + solver.name() + ")");
    }
  }
}
