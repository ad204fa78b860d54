package dev.iterdiff.problem;

import dev.iterdiff.catalog.CatalogEntry;
import java.util.List;

/**
 * A problem as registered in {@link Problems#CATALOG}: its name, a description for help texts,
 * its capabilities and its factory.
 *
 * @param name         the name the CLI and the configs use.
 * @param aliases      other accepted spellings.
 * @param description  one line: the objective and how θ enters.
 * @param outerLoss    the outer loss that measures this problem's fit on held-out data, by its
 *                     name in the outer-loss catalog ({@code squared} for least squares,
 *                     {@code logistic} for classification): the default of the jobs.
 * @param thetaLengths the lengths of θ it accepts, as a function of (N, p).
 * @param usesAlpha    whether the factory's α (a fixed ℓ₂ weight) is used; else ignored.
 * @param thirdOrder   whether its instances are {@link ThirdOrderProblem}s (Newton needs it).
 * @param factory      builds an instance (own workspaces: one per thread).
 * @param source       null for a problem on a {@link LabeledData} set (all but qp); else how
 *                     the problem reads its own data from the {@code --data} string (a file,
 *                     a generator spec): its {@code factory} then refuses labelled data.
 */
public record ProblemEntry(String name, List<String> aliases, String description,
    String outerLoss, ThetaLengths thetaLengths, boolean usesAlpha, boolean thirdOrder,
    Factory factory, SourceFactory source) implements CatalogEntry {

  /** A problem on labelled data. */
  public ProblemEntry(String name, List<String> aliases, String description, String outerLoss,
      ThetaLengths thetaLengths, boolean usesAlpha, boolean thirdOrder, Factory factory) {
    this(name, aliases, description, outerLoss, thetaLengths, usesAlpha, thirdOrder, factory,
        null);
  }

  /**
   * Builds a problem that reads its own data (a quadratic program from JSON) rather than a
   * {@link LabeledData}; θ's length is the data's.
   */
  public interface SourceFactory {

    /**
     * @param source the {@code --data} string: a file path or a generator spec.
     * @param alpha  the fixed ℓ₂ weight where the problem has one, else ignored.
     * @throws IllegalArgumentException naming the source, the field and the value.
     */
    Problem create(String source, double alpha);

    /** A small valid source, for help texts and the contract tests. */
    String example();
  }

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

  /** @throws IllegalArgumentException on a null name, outer loss, θ lengths or factory. */
  public ProblemEntry {
    if (name == null || factory == null || outerLoss == null || thetaLengths == null) {
      throw new IllegalArgumentException(
          "problem entry: name, outer loss, theta lengths and factory must be non-null");
    }
    aliases = aliases == null ? List.of() : List.copyOf(aliases);
  }

  /**
   * An entry without stated capabilities: every θ length is offered (the factory decides), α
   * is passed, and third order is not promised.
   */
  public ProblemEntry(String name, List<String> aliases, String description, String outerLoss,
      Factory factory) {
    this(name, aliases, description, outerLoss, new ThetaLengths(true, true, true), true, false,
        factory);
  }
}
