package dev.iterdiff.problem;

import dev.iterdiff.catalog.CatalogEntry;
import java.util.List;

/**
 * A problem as registered in {@link Problems#CATALOG}: its name, a description for help texts
 * and its factory.
 *
 * @param name        the name the CLI and the configs use.
 * @param aliases     other accepted spellings.
 * @param description one line: the objective and how θ enters.
 * @param outerLoss   the outer loss that measures this problem's fit on held-out data, by its
 *                    name in the outer-loss catalog ({@code squared} for least squares,
 *                    {@code logistic} for classification): the default of the jobs.
 * @param factory     builds an instance (own workspaces: one per thread).
 */
public record ProblemEntry(String name, List<String> aliases, String description,
    String outerLoss, Factory factory) implements CatalogEntry {

  /** Builds a problem on data with θ of a given length. */
  @FunctionalInterface
  public interface Factory {

    /**
     * @param data        the data set (A and labels, used as given).
     * @param thetaLength dim θ (what the problem accepts: see its description).
     * @param alpha       the problem's fixed ℓ₂ weight where it has one, else ignored.
     * @throws IllegalArgumentException on a θ length or α the problem does not accept.
     */
    Problem create(LabeledData data, int thetaLength, double alpha);
  }

  /** @throws IllegalArgumentException on a null name or factory. */
  public ProblemEntry {
    if (name == null || factory == null || outerLoss == null) {
      throw new IllegalArgumentException(
          "problem entry: name, outer loss and factory must be non-null");
    }
    aliases = aliases == null ? List.of() : List.copyOf(aliases);
  }
}
