package dev.iterdiff.bilevel;

import dev.iterdiff.problem.LabeledData;
import dev.iterdiff.problem.LogisticLoss;

/**
 * Validation logistic loss g(x) = 1/N·Σᵢ log(1 + exp(−yᵢ aᵢᵀx)), yᵢ = +1 when the label is
 * &gt; 0, else −1: the {@link ValidationLoss} of {@link LogisticLoss#mean}, the data term of
 * the {@code logistic} inner problem (evaluated stably for large |aᵢᵀx|). Kept as a named type
 * for code that constructs it directly.
 */
public final class ValidationLogisticLoss extends ValidationLoss {

  /** @param data held-out rows; the same features as the inner problem. Not modified. */
  public ValidationLogisticLoss(LabeledData data) {
    super("logistic", LogisticLoss.mean(data));
  }
}
