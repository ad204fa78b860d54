package dev.iterdiff.spark.sweep;

import dev.iterdiff.spark.config.InstanceFileReader;

import dev.iterdiff.spark.config.SweepConfig;
import dev.iterdiff.spark.config.JobConfigException;
import dev.iterdiff.spark.config.ThetaCoordinate;
import dev.iterdiff.spark.config.ThetaSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Builds the instances of a sweep on the driver: for each data set in config order, every θ
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
    ThetaSpec spec = config.theta();
    List<SweepInstance> out = new ArrayList<>();
    if (fileRows != null) {
      for (InstanceFileReader.Row r : fileRows) {
        if (r.data() != null && data.stream().noneMatch(d -> d.name().equals(r.data()))) {
          throw new JobConfigException("sweep.theta.file", spec.file() + ":" + r.line()
              + ": unknown data set '" + r.data() + "'");
        }
      }
    }
    for (int di = 0; di < data.size(); di++) {
      SweepData d = data.get(di);
      if (spec.mode() == ThetaSpec.Mode.FILE) {
        for (InstanceFileReader.Row r : fileRows) {
          if (r.data() == null || r.data().equals(d.name())) {
            out.add(new SweepInstance(out.size(), di, r.theta(), cost(config, d, r.theta().length)));
          }
        }
        continue;
      }
      int m = spec.length(d.cols(), d.trainRows());
      ThetaCoordinate[] coords = new ThetaCoordinate[m];
      for (int j = 0; j < m; j++) {
        coords[j] = spec.coordinates().get(spec.coordinates().size() == 1 ? 0 : j);
      }
      double cost = cost(config, d, m);
      if (spec.mode() == ThetaSpec.Mode.RANDOM) {
        SplittableRandom rng = new SplittableRandom(spec.seed());
        for (int s = 0; s < spec.samples(); s++) {
          double[] theta = new double[m];
          for (int j = 0; j < m; j++) {
            theta[j] = coords[j].sample(rng);
          }
          out.add(new SweepInstance(out.size(), di, theta, cost));
        }
      } else {
        grid(coords, spec.maxInstances(), d.name(), out, di, cost);
      }
    }
    if (out.isEmpty()) {
      throw new JobConfigException("sweep.theta", "no instances (the file names none of the "
          + "data sets?)");
    }
    return out;
  }

  private static void grid(ThetaCoordinate[] coords, long max, String dataName,
      List<SweepInstance> out, int di, double cost) {
    double[][] points = new double[coords.length][];
    long size = 1;
    for (int j = 0; j < coords.length; j++) {
      points[j] = coords[j].points();
      size = size * points[j].length;
      if (size > max) {
        throw new JobConfigException("sweep.theta.max-instances", "the grid for data set '"
            + dataName + "' has more than " + max + " points (" + coords.length
            + " coordinates); raise max-instances or use mode = random");
      }
    }
    int[] index = new int[coords.length];
    for (long s = 0; s < size; s++) {
      double[] theta = new double[coords.length];
      for (int j = 0; j < coords.length; j++) {
        theta[j] = points[j][index[j]];
      }
      out.add(new SweepInstance(out.size(), di, theta, cost));
      for (int j = coords.length - 1; j >= 0; j--) {
        if (++index[j] < points[j].length) {
          break;
        }
        index[j] = 0;
      }
    }
  }

  /**
   * Relative cost of one instance: the solve, N·p per iteration, times the tangent count of
   * forward unrolling (m + 1) when it is asked for, plus a dense p³ factorization.
   */
  static double cost(SweepConfig config, SweepData d, int m) {
    double perIteration = (double) d.trainRows() * d.cols();
    double factor = 1 + (config.estimators().contains("unrolled-forward") ? m : 0)
        + (config.estimators().contains("unrolled-reverse") ? 1 : 0);
    double p = d.cols();
    return perIteration * config.solver().iterations() * factor + p * p * p;
  }
}
