package dev.iterdiff.diff;

import dev.iterdiff.map.Checks;
import dev.iterdiff.solver.Solution;

/**
 * Truncated back-propagation (Shaban, Cheng, Hatch &amp; Boots, <i>Truncated
 * Back-propagation for Bilevel Optimization</i>, AISTATS 2019): the reverse sweep of
 * {@link UnrolledReverse} over the last K iterations only, i = k−1 … k−K, treating s_{k−K}
 * as independent of θ. K = k gives unrolled-reverse; K = 1 gives one-step. Needs the last
 * K+1 states: storage LAST(K) (or FULL / CHECKPOINTED).
 */
public final class Truncated extends UnrolledReverse {

  /** The CLI name. */
  public static final String NAME = "truncated";

  private final int truncation;

  /**
   * @param truncation K ≥ 1, the number of last iterations differentiated.
   * @param diagnostics which diagnostics to attach.
   * @throws IllegalArgumentException if K &lt; 1.
   */
  public Truncated(int truncation, DiagnosticsOptions diagnostics) {
    super(diagnostics);
    Checks.positive("truncation K", truncation);
    this.truncation = truncation;
  }

  /** @param truncation K ≥ 1. */
  public Truncated(int truncation) {
    this(truncation, DiagnosticsOptions.full());
  }

  /** K. */
  public int truncation() {
    return truncation;
  }

  @Override
  public String name() {
    return NAME;
  }

  /**
   * k − K.
   *
   * @throws IllegalArgumentException if K &gt; k.
   */
  @Override
  protected int firstIteration(Solution solution) {
    int k = solution.iterations();
    if (truncation > k) {
      throw new IllegalArgumentException(NAME + ": truncation K = " + truncation
          + " exceeds the iterations of the solve, k = " + k);
    }
    return k - truncation;
  }

  @Override
  protected String requiredStorage(Solution solution) {
    return "LAST(" + truncation + ") or more";
  }
}
