package dev.iterdiff.problem;

import java.util.List;

/**
 * The factory of the problems the CLI and the jobs name: {@code ridge}, {@code logistic},
 * {@code weighted-ridge} (definitions in each class and in issue 2) and
 * {@code weighted-logistic} (per-sample weights, the one-step paper's Newton experiment).
 */
public final class Problems {

  /** The valid names, as the CLI spells them. */
  public static final List<String> NAMES = List.of("ridge", "logistic", "weighted-ridge",
      "weighted-logistic");

  private Problems() {}

  /**
   * A new problem instance (own workspaces: one per thread).
   *
   * @param name        ridge, logistic, weighted-ridge or weighted-logistic.
   * @param data        the data set (A and labels, used as given).
   * @param thetaLength ridge/logistic: 1 (single λ) or p (per feature); weighted-ridge: 1
   *                    (shared weight) or N (per sample); weighted-logistic: N.
   * @param alpha       the fixed ℓ₂ weight of weighted-ridge (α ≥ 0) and weighted-logistic
   *                    (λ &gt; 0); CLI default 1; ignored by the others.
   * @throws IllegalArgumentException on an unknown name (listing the valid ones), a wrong
   *         thetaLength or an invalid alpha.
   */
  public static Problem create(String name, Dataset data, int thetaLength, double alpha) {
    if (name == null) {
      throw new IllegalArgumentException("problem: null; valid: " + String.join(", ", NAMES));
    }
    switch (name) {
      case "ridge":
        return new RidgeProblem(data, thetaLength);
      case "logistic":
        return new LogisticProblem(data, thetaLength);
      case "weighted-ridge":
        return new WeightedRidgeProblem(data, thetaLength, alpha);
      case "weighted-logistic":
        if (thetaLength != data.rows()) {
          throw new IllegalArgumentException("weighted-logistic: theta has one weight per "
              + "sample: expected " + data.rows() + " values for " + data.source() + ", got "
              + thetaLength);
        }
        return new WeightedLogisticProblem(data, alpha);
      default:
        throw new IllegalArgumentException("problem: unknown name '" + name + "'; valid: "
            + String.join(", ", NAMES));
    }
  }
}
