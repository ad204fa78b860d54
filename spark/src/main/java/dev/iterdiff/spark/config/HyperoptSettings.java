package dev.iterdiff.spark.config;

import dev.iterdiff.bilevel.InnerSpec;
import dev.iterdiff.bilevel.OuterOptions;
import java.io.Serializable;
import java.util.List;

/**
 * A parsed hyperopt job config ({@code conf/hyperopt-example.conf} documents every key).
 *
 * @param data          LIBSVM files (any Hadoop path); mode folds uses the first, mode
 *                      independent tunes each.
 * @param testFraction  seeded hold-out for the final model's test metrics.
 * @param seed          seed of the test split, the folds and the random starts.
 * @param folds         K of K-fold cross validation.
 * @param inner         how every inner problem is built.
 * @param theta0        starting θ; one value is repeated to dim θ.
 * @param outer         outer loop options.
 * @param mode          folds (one tuning, folds on executors) | independent (many tunings,
 *                      each inside a task).
 * @param starts        independent mode: starting points per data set (the first is theta0,
 *                      the others log-uniform in [startMin, startMax]).
 * @param startMin      lower end of the random starts.
 * @param startMax      upper end of the random starts.
 * @param output        output directory (any Hadoop path).
 * @param fingerprint   SHA-256 of the config without {@code output} and {@code report}: a
 *                      checkpoint is only resumed by the config that wrote it.
 * @param report        write {@code report.html} beside the outputs
 *                      ({@link dev.iterdiff.report.TrajectoryReport}).
 */
public record HyperoptSettings(List<String> data, double testFraction, long seed, int folds,
    InnerSpec inner, double[] theta0, OuterOptions outer, String mode, int starts,
    double startMin, double startMax, String output, String fingerprint, boolean report)
    implements Serializable {

  /** The same settings writing to {@code path} (the fingerprint does not include it). */
  public HyperoptSettings withOutput(String path) {
    return new HyperoptSettings(data, testFraction, seed, folds, inner, theta0, outer, mode,
        starts, startMin, startMax, path, fingerprint, report);
  }
}
