package dev.iterdiff.spark.sweep;

import dev.iterdiff.spark.config.InstanceFileReader;

import dev.iterdiff.spark.config.SweepConfig;

import java.util.ArrayList;
import java.util.List;

/**
 * Builds the instances of a sweep as a list (in-process runs and tests; the Spark job streams
 * them from {@link InstanceSpace}): for each data set in config order, every θ
 * of the grid (Cartesian product, first coordinate slowest), of the random draws, or of the
 * instance file rows naming that data set (or none). Ids are dense, in that order, so the
 * same config always gives the same instances.
 */
public final class SweepInstances {

  private SweepInstances() {}

  /**
   * @param config   the sweep.
   * @param data     the loaded data sets, in config order.
   * @param fileRows the instance file's rows (mode = file), else null.
   * @throws JobConfigException if the grid exceeds {@code sweep.theta.max-instances}, a
   *         file row names an unknown data set, or no instance results.
   */
  public static List<SweepInstance> build(SweepConfig config, List<SweepData> data,
      List<InstanceFileReader.Row> fileRows) {
    InstanceSpace space = InstanceSpace.of(config, data, fileRows);
    List<SweepInstance> out = new ArrayList<>();
    space.instances(0, space.size()).forEachRemaining(out::add);
    return out;
  }

  /**
   * Relative cost of one instance at the config's largest budget ({@link #cost(SweepConfig,
   * SweepData, int, int)}).
   */
  static double cost(SweepConfig config, SweepData d, int m) {
    return cost(config, d, m, config.solver().iterations());
  }

  /**
   * Relative cost of one instance with budget k: the solve, N·p per iteration for k
   * iterations, times the tangent count of forward unrolling (m + 1) when it is asked for,
   * plus a dense p³ factorization. Linear in k.
   */
  static double cost(SweepConfig config, SweepData d, int m, int k) {
    double perIteration = (double) d.trainRows() * d.cols();
    double factor = 1 + (config.estimators().contains("unrolled-forward") ? m : 0)
        + (config.estimators().contains("unrolled-reverse") ? 1 : 0);
    double p = d.cols();
    return perIteration * k * factor + p * p * p;
  }
}
