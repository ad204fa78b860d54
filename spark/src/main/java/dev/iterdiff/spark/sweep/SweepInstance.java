package dev.iterdiff.spark.sweep;

import dev.iterdiff.spark.config.SweepConfig;

import java.io.Serializable;

/**
 * One problem instance of a sweep: a data set and a θ — or a problem that reads its own data
 * (a {@code qp} line or generator spec) — or a line of an instance file that could not be read,
 * which becomes failed rows. Generated on the executors (from an id range or an instance
 * file's lines), never listed on the driver by the Spark job.
 *
 * @param id      unique, dense id in build order (data set by data set, θ in grid order).
 * @param data    index of the data set in {@link SweepConfig#data()}; −1 for an instance that
 *                reads its own data.
 * @param theta   θ, or null when it comes from the instance's own data or could not be read.
 *                Not modified by the runner.
 * @param cost    estimated relative cost, for size-aware partitioning only.
 * @param origin  what the rows' {@code data} column names instead of a data set (an instance
 *                file's {@code file:line}, a generator spec), or null.
 * @param source  the problem's own data: a QP as one JSON object, or a generator spec
 *                {@code generate:n=N,seed=S[,theta=P]}; null for a data-set instance.
 * @param error   why the instance's line could not be read (naming the file and line), or
 *                null: the runner turns it into failed rows ({@code invalid-input}).
 * @param iterations the instance's iteration budget k (one of
 *                {@link SweepConfig#iterationGrid()}), or 0 for the config's only (largest)
 *                budget.
 */
public record SweepInstance(long id, int data, double[] theta, double cost, String origin,
    String source, String error, int iterations) implements Serializable {

  /** An instance with the config's only budget. */
  public SweepInstance(long id, int data, double[] theta, double cost, String origin,
      String source, String error) {
    this(id, data, theta, cost, origin, source, error, 0);
  }

  /** An instance of a data set at θ, with the config's only budget. */
  public SweepInstance(long id, int data, double[] theta, double cost) {
    this(id, data, theta, cost, null, null, null, 0);
  }

  /** The budget k this instance runs: its own, or the config's largest. */
  public int budget(SweepConfig config) {
    return iterations > 0 ? iterations : config.solver().iterations();
  }

  /**
   * This θ instance as instance {@code id} with budget {@code k} (the iteration axis: θ id t,
   * budget j of K becomes id t·K + j) and cost {@code cost}.
   */
  public SweepInstance withBudget(long id, int k, double cost) {
    return new SweepInstance(id, data, theta, cost, origin, source, error, k);
  }

  /** Whether {@code other} is the same problem (data set or own data, and θ) as this one. */
  public boolean sameProblem(SweepInstance other) {
    return data == other.data && java.util.Objects.equals(origin, other.origin)
        && java.util.Objects.equals(source, other.source) && error == null
        && other.error == null && java.util.Arrays.equals(theta, other.theta);
  }
}
