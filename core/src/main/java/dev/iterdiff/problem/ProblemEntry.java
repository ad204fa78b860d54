package dev.iterdiff.problem;

import dev.iterdiff.catalog.CatalogEntry;
import java.util.List;
import java.util.function.ToIntFunction;

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
 * @param unknowns     dim x on a data set, without building the problem: p for one score per
 *                     sample, p·K for the softmax loss over K classes.
 * @param source       null for a problem on a {@link LabeledData} set (all but qp); else how
 *                     the problem reads its own data from the {@code --data} string (a file,
 *                     a generator spec): its {@code factory} then refuses labelled data.
 */
public record ProblemEntry(String name, List<String> aliases, String description,
    String outerLoss, ThetaLengths thetaLengths, boolean usesAlpha, boolean thirdOrder,
    Factory factory, ToIntFunction<LabeledData> unknowns, SourceFactory source)
    implements CatalogEntry {

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

    /**
     * The problem from its data given inline — one line of a sweep's instance file, e.g. a QP
     * as one JSON object — with {@code origin} (such as {@code file:line}) naming it in
     * messages.
     *
     * @throws IllegalArgumentException naming the origin, the field and the value, or when the
     *         problem takes no inline data.
     */
    default Problem parse(String text, String origin) {
      throw new IllegalArgumentException(origin + ": this problem reads its data from a file or "
          + "a generator only, not inline");
    }

    /** A small valid source, for help texts and the contract tests. */
    String example();
  }

  /** @throws IllegalArgumentException on a null name, outer loss, θ lengths or factory. */
  public ProblemEntry {
    if (name == null || factory == null || outerLoss == null || thetaLengths == null
        || unknowns == null) {
      throw new IllegalArgumentException("problem entry: name, outer loss, theta lengths, "
          + "factory and unknowns must be non-null");
    }
    aliases = aliases == null ? List.of() : List.copyOf(aliases);
  }

  /** A problem on labelled data whose dim x is given by {@code unknowns}. */
  public ProblemEntry(String name, List<String> aliases, String description, String outerLoss,
      ThetaLengths thetaLengths, boolean usesAlpha, boolean thirdOrder, Factory factory,
      ToIntFunction<LabeledData> unknowns) {
    this(name, aliases, description, outerLoss, thetaLengths, usesAlpha, thirdOrder, factory,
        unknowns, null);
  }

  /** A problem that reads its own data ({@code source}). */
  public ProblemEntry(String name, List<String> aliases, String description, String outerLoss,
      ThetaLengths thetaLengths, boolean usesAlpha, boolean thirdOrder, Factory factory,
      SourceFactory source) {
    this(name, aliases, description, outerLoss, thetaLengths, usesAlpha, thirdOrder, factory,
        LabeledData::cols, source);
  }

  /** A problem on labelled data whose dim x is the data's feature count p. */
  public ProblemEntry(String name, List<String> aliases, String description, String outerLoss,
      ThetaLengths thetaLengths, boolean usesAlpha, boolean thirdOrder, Factory factory) {
    this(name, aliases, description, outerLoss, thetaLengths, usesAlpha, thirdOrder, factory,
        LabeledData::cols, null);
  }

  /** The θ lengths this problem accepts on {@code data}, ascending. */
  public List<Integer> acceptedThetaLengths(LabeledData data) {
    return thetaLengths.accepted(data.rows(), data.cols(), unknowns.applyAsInt(data));
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
