package dev.iterdiff.spec;

import dev.iterdiff.diff.EstimatorOptions;
import dev.iterdiff.diff.Estimators;
import dev.iterdiff.diff.JacobianEstimator;
import dev.iterdiff.solver.Storage;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * The estimators to run on one solve, by their catalog names ({@link Estimators#CATALOG}), and
 * their shared options: truncation K, the implicit linear solver and its tolerance, the
 * optimality condition, checkpointing and diagnostics ({@link EstimatorOptions}, whose
 * {@link EstimatorOptions#defaults()} are the defaults everywhere).
 *
 * @param names   one or more distinct estimators (any accepted spelling; stored canonical), in
 *                output order.
 * @param options their options; null means {@link EstimatorOptions#defaults()}.
 */
public record EstimatorSpec(List<String> names, EstimatorOptions options)
    implements Serializable {

  private static final long serialVersionUID = 1L;

  /**
   * @throws dev.iterdiff.catalog.UnknownNameException for a name not in the catalog.
   * @throws IllegalArgumentException for an empty list or a repeated name.
   */
  public EstimatorSpec {
    if (names == null || names.isEmpty()) {
      throw new IllegalArgumentException("estimators: empty list, expected one or more of "
          + Estimators.NAMES);
    }
    LinkedHashSet<String> canonical = new LinkedHashSet<>();
    for (String n : names) {
      String c = Estimators.CATALOG.canonical(n);
      if (!canonical.add(c)) {
        throw new IllegalArgumentException("estimators: '" + c + "' is repeated in " + names);
      }
    }
    names = List.copyOf(canonical);
    options = options == null ? EstimatorOptions.defaults() : options;
  }

  /** One estimator with the default options. */
  public static EstimatorSpec of(String name) {
    return new EstimatorSpec(List.of(name), EstimatorOptions.defaults());
  }

  /** The estimators, in {@link #names()} order (stateless: one list serves all threads). */
  public List<JacobianEstimator> create() {
    List<JacobianEstimator> out = new ArrayList<>(names.size());
    for (String n : names) {
      out.add(Estimators.byName(n, options));
    }
    return List.copyOf(out);
  }

  /**
   * The storage a solve of at most k iterations must keep for all of them
   * ({@link Estimators#requiredStorage}).
   *
   * @throws IllegalArgumentException if the options do not fit k (e.g. truncation K &gt; k,
   *         or truncated without K).
   */
  public Storage storage(int k) {
    return Estimators.requiredStorage(names, k, options);
  }
}
