package dev.iterdiff.bilevel;

import dev.iterdiff.problem.LabeledData;
import dev.iterdiff.problem.SquaredLoss;

/**
 * Validation squared loss g(x) = 1/(2N)·‖A x − b‖², ∇ₓg = Aᵀ(A x − b)/N, on a held-out data
 * set (A, b), N rows: the {@link ValidationLoss} of {@link SquaredLoss#mean}, the data term of
 * the {@code ridge} inner problem. Kept as a named type for code that constructs it directly.
 */
public final class ValidationSquaredLoss extends ValidationLoss {

  /** @param data held-out rows; the same features as the inner problem. Not modified. */
  public ValidationSquaredLoss(LabeledData data) {
    super("squared", SquaredLoss.mean(data));
  }
}
