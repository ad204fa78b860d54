/**
 * The typed inner-problem spec and its kernel builder, shared by {@code iterdiff jacobian}, the
 * sweep, hyperopt and the benchmarks: {@link dev.iterdiff.spec.ProblemSpec} (a problem of the
 * catalog and its fixed α), {@link dev.iterdiff.spec.SolverSpec} (solver, step, iterations,
 * tolerance), {@link dev.iterdiff.spec.EstimatorSpec} (estimators and their options, the
 * implicit condition included) and {@link dev.iterdiff.spec.InnerKernel}, the (problem, solver,
 * estimators, storage) they build for given data and θ length. Names are checked against the
 * catalogs when a spec is made; defaults live in one place, {@code EstimatorOptions.defaults()}
 * for the estimators and the constants of {@link dev.iterdiff.spec.SolverSpec} for the solve.
 */
package dev.iterdiff.spec;
