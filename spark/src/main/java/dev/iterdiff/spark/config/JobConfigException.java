package dev.iterdiff.spark.config;

/**
 * A job configuration (sweep, hyperopt, and every later job) that cannot be run: an unknown key, a value of the wrong type or out
 * of range, an empty θ grid, an unreadable instance file. The message starts with the full
 * key (e.g. {@code sweep.solver.iterations}) and says where the value came from. Thrown while
 * the configuration is read, before any Spark work.
 */
public class JobConfigException extends IllegalArgumentException {

  private final String key;

  /**
   * @param key     the full config key at fault, e.g. {@code sweep.theta.coordinates}.
   * @param message what is wrong; the key is prepended.
   */
  public JobConfigException(String key, String message) {
    super(key + ": " + message);
    this.key = key;
  }

  /** The full config key at fault. */
  public String key() {
    return key;
  }
}
