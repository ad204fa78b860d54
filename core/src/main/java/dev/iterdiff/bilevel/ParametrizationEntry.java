package dev.iterdiff.bilevel;

import dev.iterdiff.catalog.CatalogEntry;
import java.util.List;

/**
 * A parametrization as registered in {@link Parametrizations#CATALOG}.
 *
 * @param name          the name the options use.
 * @param description   one line for help texts.
 * @param boundsAllowed whether it takes bounds on φ ({@code log}: on log θ; {@code box}: on
 *                      θ); {@code identity} takes none (infinite bounds only).
 * @param factory       builds it from its bounds (checked first: lower &lt; upper).
 */
public record ParametrizationEntry(String name, String description, boolean boundsAllowed,
    Factory factory) implements CatalogEntry {

  /** Builds a parametrization from its bounds on φ. */
  @FunctionalInterface
  public interface Factory {

    /**
     * @param lower lower bound of φ (may be −∞).
     * @param upper upper bound of φ (may be +∞).
     */
    Parametrization create(double lower, double upper);
  }

  /** @throws IllegalArgumentException on a null component. */
  public ParametrizationEntry {
    if (name == null || description == null || factory == null) {
      throw new IllegalArgumentException("parametrization entry: null component");
    }
  }

  @Override
  public List<String> aliases() {
    return List.of();
  }

  /**
   * The parametrization with these bounds.
   *
   * @throws IllegalArgumentException "parametrization NAME: …" naming the bounds when they are
   *         NaN, not ordered, or given to one that takes none.
   */
  public Parametrization create(double lower, double upper) {
    if (!(lower < upper)) {
      throw new IllegalArgumentException("parametrization " + name + ": lower bound " + lower
          + " must be < upper bound " + upper);
    }
    if (!boundsAllowed && (lower != Double.NEGATIVE_INFINITY
        || upper != Double.POSITIVE_INFINITY)) {
      throw new IllegalArgumentException("parametrization " + name + " takes no bounds, got ["
          + lower + ", " + upper + "] (use box to clip)");
    }
    return factory.create(lower, upper);
  }
}
