package dev.iterdiff.bilevel;

import dev.iterdiff.catalog.CatalogEntry;
import dev.iterdiff.problem.LabeledData;
import java.util.List;

/**
 * An outer loss as registered in {@link OuterObjectives#CATALOG}: the validation objective
 * g(x) on held-out data whose hypergradient the jobs report and descend.
 *
 * @param name        the name the configs use ({@code outer.loss}, {@code outer-loss}).
 * @param description one line for help texts.
 * @param factory     builds the objective on validation data.
 */
public record OuterLossEntry(String name, String description, Factory factory)
    implements CatalogEntry {

  /** Builds the outer objective on held-out data. */
  @FunctionalInterface
  public interface Factory {

    /** @param validation the held-out rows. */
    OuterObjective create(LabeledData validation);
  }

  @Override
  public List<String> aliases() {
    return List.of();
  }
}
