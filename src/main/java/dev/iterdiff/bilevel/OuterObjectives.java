package dev.iterdiff.bilevel;

import dev.iterdiff.problem.Dataset;

/** Creates outer objectives by name and checks that their data fit the inner problem. */
public final class OuterObjectives {

  private OuterObjectives() {}

  /**
   * The outer objective {@code name} (squared | logistic) on held-out data.
   *
   * @param innerFeatures p, the dimension of the inner problem's x.
   * @throws IllegalArgumentException for an unknown name, or held-out data whose feature
   *         count differs from the inner problem's (message names the source and both counts).
   */
  public static OuterObjective create(String name, Dataset validation, int innerFeatures) {
    if (validation.cols() != innerFeatures) {
      throw new IllegalArgumentException("outer objective data " + validation.source() + " has "
          + validation.cols() + " features but the inner problem has " + innerFeatures
          + " (expected " + innerFeatures + ", got " + validation.cols() + ")");
    }
    return switch (name) {
      case "squared" -> new ValidationSquaredLoss(validation);
      case "logistic" -> new ValidationLogisticLoss(validation);
      default -> throw new IllegalArgumentException("outer loss: unknown '" + name
          + "' (expected squared or logistic)");
    };
  }
}
