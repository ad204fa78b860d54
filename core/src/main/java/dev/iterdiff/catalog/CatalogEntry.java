package dev.iterdiff.catalog;

import java.util.List;

/**
 * One thing a user picks by name — a solver, a problem, an optimality condition, an estimator,
 * a linear solver, an outer loss, an outer optimizer — as registered in its {@link Catalog}:
 * the name as the CLI and the configs spell it, accepted aliases, and a one-line description
 * for help texts. Each extension point's entry type adds its factory and its capabilities.
 */
public interface CatalogEntry {

  /** The canonical name, lower case, as the CLI and the configs spell it (e.g. {@code gd}). */
  String name();

  /** Other spellings accepted on input (e.g. {@code gradient-descent}); never printed. */
  default List<String> aliases() {
    return List.of();
  }

  /** One line for help texts, e.g. "gradient descent x − t∇f, step 1/L, 2/(mu+L) or fixed". */
  String description();
}
