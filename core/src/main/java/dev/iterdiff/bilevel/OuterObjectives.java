package dev.iterdiff.bilevel;

import dev.iterdiff.catalog.Catalog;
import dev.iterdiff.problem.LabeledData;
import dev.iterdiff.problem.LogisticLoss;
import dev.iterdiff.problem.SquaredLoss;
import java.util.List;

/**
 * The catalog of outer losses — the inner problems' data terms ({@code SquaredLoss},
 * {@code LogisticLoss}) on the validation rows, see {@link ValidationLoss} — and the check
 * that their data fit the inner problem. The loss that fits a problem is the problem's own
 * ({@code ProblemEntry.outerLoss()}), never guessed from its name.
 */
public final class OuterObjectives {

  /** Every registered outer loss. */
  public static final Catalog<OuterLossEntry> CATALOG = Catalog.of("outer loss",
      new OuterLossEntry("squared", "1/(2V) sum_i (a_i'x - b_i)^2 on the validation rows",
          rows -> new ValidationLoss("squared", SquaredLoss.mean(rows))),
      new OuterLossEntry("logistic", "1/V sum_i log(1 + exp(-y_i a_i'x)) on the validation rows",
          rows -> new ValidationLoss("logistic", LogisticLoss.mean(rows))));

  /** The valid names. */
  public static final List<String> NAMES = CATALOG.names();

  private OuterObjectives() {}

  /**
   * The outer objective {@code name} on held-out data.
   *
   * @param innerFeatures p, the dimension of the inner problem's x.
   * @throws IllegalArgumentException for an unknown name, or held-out data whose feature
   *         count differs from the inner problem's (message names the source and both counts).
   */
  public static OuterObjective create(String name, LabeledData validation, int innerFeatures) {
    if (validation.cols() != innerFeatures) {
      throw new IllegalArgumentException("outer objective data " + validation.source() + " has "
          + validation.cols() + " features but the inner problem has " + innerFeatures
          + " (expected " + innerFeatures + ", got " + validation.cols() + ")");
    }
    return CATALOG.get(name).factory().create(validation);
  }
}
