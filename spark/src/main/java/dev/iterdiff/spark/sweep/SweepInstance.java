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
 */
public record SweepInstance(long id, int data, double[] theta, double cost, String origin,
    String source, String error) implements Serializable {

  /** An instance of a data set at θ. */
  public SweepInstance(long id, int data, double[] theta, double cost) {
    this(id, data, theta, cost, null, null, null);
  }
}
