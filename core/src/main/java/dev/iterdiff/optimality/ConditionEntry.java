package dev.iterdiff.optimality;

import dev.iterdiff.catalog.CatalogEntry;
import dev.iterdiff.solver.Solution;
import java.util.List;
import java.util.function.Function;

/**
 * An optimality condition as registered in {@link Conditions#CATALOG}: its name and how it is
 * built for a solution (the problem's stationarity, the solver's fixed point with its last
 * step, …).
 *
 * @param name        the name the CLI ({@code --condition}) and the configs use.
 * @param description one line for help texts.
 * @param factory     the condition G for a solution; called once per estimate.
 */
public record ConditionEntry(String name, String description, Factory factory)
    implements CatalogEntry {

  /** Builds the condition for a solution. */
  @FunctionalInterface
  public interface Factory extends Function<Solution, OptimalityCondition> {}

  @Override
  public List<String> aliases() {
    return List.of();
  }
}
