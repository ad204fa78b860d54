package dev.iterdiff.problem;

import dev.iterdiff.catalog.Catalog;
import java.util.List;

/**
 * The catalog of the problems the CLI and the jobs name: {@code ridge}, {@code logistic},
 * {@code weighted-ridge} (definitions in each class) and {@code weighted-logistic} (per-sample
 * weights, the one-step paper's Newton experiment). A new problem is one class and one line in
 * {@link #CATALOG}.
 */
public final class Problems {

  /** Every registered problem, in the order help texts list them. */
  public static final Catalog<ProblemEntry> CATALOG = Catalog.of("problem",
      new ProblemEntry("ridge", List.of(), "1/(2N)|Ax - b|^2 + 1/2 sum_j theta_j x_j^2; theta: "
          + "one lambda or one per feature", "squared",
          (data, m, alpha) -> new RidgeProblem(data, m)),
      new ProblemEntry("logistic", List.of(), "1/N sum_i log(1 + exp(-y_i a_i'x)) + 1/2 sum_j "
          + "theta_j x_j^2; theta: one lambda or one per feature", "logistic",
          (data, m, alpha) -> new LogisticProblem(data, m)),
      new ProblemEntry("weighted-ridge", List.of(), "1/2 sum_i theta_i (a_i'x - b_i)^2 + "
          + "alpha/2 |x|^2; theta: one weight per sample, or one shared", "squared",
          WeightedRidgeProblem::new),
      new ProblemEntry("weighted-logistic", List.of(), "1/N sum_i theta_i log(1 + exp(-y_i "
          + "a_i'x)) + alpha/2 |x|^2; theta: one weight per sample", "logistic",
          Problems::weightedLogistic));

  /** The valid names, as the CLI spells them. */
  public static final List<String> NAMES = CATALOG.names();

  private Problems() {}

  /**
   * A new problem instance (own workspaces: one per thread).
   *
   * @param name        a name of {@link #CATALOG}.
   * @param data        the data set (A and labels, used as given).
   * @param thetaLength ridge/logistic: 1 (single λ) or p (per feature); weighted-ridge: 1
   *                    (shared weight) or N (per sample); weighted-logistic: N.
   * @param alpha       the fixed ℓ₂ weight of weighted-ridge (α ≥ 0) and weighted-logistic
   *                    (λ &gt; 0); CLI default 1; ignored by the others.
   * @throws IllegalArgumentException on an unknown name (listing the valid ones), a wrong
   *         thetaLength or an invalid alpha.
   */
  public static Problem create(String name, LabeledData data, int thetaLength, double alpha) {
    return CATALOG.get(name).factory().create(data, thetaLength, alpha);
  }

  private static Problem weightedLogistic(LabeledData data, int thetaLength, double alpha) {
    if (thetaLength != data.rows()) {
      throw new IllegalArgumentException("weighted-logistic: theta has one weight per "
          + "sample: expected " + data.rows() + " values for " + data.source() + ", got "
          + thetaLength);
    }
    return new WeightedLogisticProblem(data, alpha);
  }
}
