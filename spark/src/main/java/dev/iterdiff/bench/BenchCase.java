package dev.iterdiff.bench;

import dev.iterdiff.solver.Solution;
import dev.iterdiff.solver.Storage;
import java.util.List;
import java.util.function.Function;

/**
 * One benchmark instance: a problem at one size with its solver, and the estimators to time
 * against its solve.
 *
 * @param setting        e.g. {@code newton-logistic}, {@code gd-ridge}.
 * @param parametrization what θ is, e.g. {@code per-feature lambda}, {@code per-sample weight}.
 * @param n              dim x.
 * @param m              dim θ.
 * @param solve          runs the whole solve (from the same x₀ every time) keeping the given
 *                       storage; the baseline is {@code Storage.lastTwo()}.
 * @param estimators     the estimator calls to time.
 * @param reference      name of the estimator whose product the others are compared with
 *                       (relative error column), or null for none.
 */
public record BenchCase(String setting, String parametrization, int n, int m,
    Function<Storage, Solution> solve, List<EstimatorRun> estimators, String reference) {

  public BenchCase {
    estimators = List.copyOf(estimators);
  }
}
