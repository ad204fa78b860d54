package dev.iterdiff.spark.config;

import dev.iterdiff.catalog.Catalog;
import dev.iterdiff.catalog.UnknownNameException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Reads the config keys that name a catalog entry (a problem, solver, estimator, linear solver,
 * optimality condition, outer loss): the value is looked up in the catalog and its canonical
 * name returned, or the read fails on the driver, before Spark starts, with the full key, the
 * value, the valid names and where the value came from:
 *
 * <pre>
 * hyperopt.inner.linear-solver: unknown linear solver 'qr' (valid: auto, cholesky, …) (--set)
 * </pre>
 *
 * No config types a list of names: the lists are the catalogs'.
 */
final class CatalogNames {

  /** The spelling of "let the job choose" where a key allows it (outer loss, linear solver). */
  static final String AUTO = "auto";

  private CatalogNames() {}

  /**
   * The canonical name at {@code key}.
   *
   * @param fallback  the value when the key is absent, or null if the key is required.
   * @param canonical the catalog's lookup, e.g. {@code Solvers.CATALOG::canonical}; throws
   *                  {@link UnknownNameException} for an unknown name.
   * @throws JobConfigException naming the full key, the value and the valid names.
   */
  static String read(StrictConfig c, String key, String fallback,
      UnaryOperator<String> canonical) {
    String v = fallback == null ? c.string(key) : c.string(key, fallback);
    return check(c.key(key), v, canonical, c.origin(key));
  }

  /**
   * The canonical names of a list at {@code key} (or one comma-separated string), each checked.
   *
   * @throws JobConfigException naming the full key, the first unknown value and the valid
   *         names.
   */
  static List<String> readAll(StrictConfig c, String key, UnaryOperator<String> canonical) {
    List<String> out = new ArrayList<>();
    for (String v : c.strings(key)) {
      out.add(check(c.key(key), v, canonical, c.origin(key)));
    }
    return List.copyOf(out);
  }

  /**
   * The canonical form of {@code value}.
   *
   * @param fullKey the key to name in the message, e.g. {@code sweep.solver.name}.
   * @param origin  where the value came from, e.g. " (conf/x.conf: 12)", or "".
   * @throws JobConfigException naming the key, the value and the valid names.
   */
  static String check(String fullKey, String value, UnaryOperator<String> canonical,
      String origin) {
    try {
      return canonical.apply(value);
    } catch (UnknownNameException e) {
      throw new JobConfigException(fullKey, e.getMessage() + origin);
    }
  }

  /**
   * A lookup in {@code catalog} that also accepts {@value #AUTO} (returned as is) and lists it
   * first among the valid names.
   */
  static UnaryOperator<String> orAuto(Catalog<?> catalog) {
    return v -> {
      if (v != null && v.trim().equalsIgnoreCase(AUTO)) {
        return AUTO;
      }
      if (!catalog.contains(v)) {
        List<String> valid = new ArrayList<>();
        valid.add(AUTO);
        valid.addAll(catalog.names());
        throw new UnknownNameException(catalog.kind(), v, valid);
      }
      return catalog.canonical(v);
    };
  }
}
