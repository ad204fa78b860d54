package dev.iterdiff.bilevel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class HypergradientAggregatorTest {

  private static FoldResult fold(int f, double v, double[] g, int iters, boolean conv) {
    return new FoldResult(f, v, g, 0.1 * f, 10, iters, 1e-9 * f, conv, new double[0], 0.5);
  }

  @Test
  void meanOverFoldsAndMergeEqualsSequentialAdd() {
    FoldResult a = fold(0, 1.0, new double[] {1, 2}, 5, true);
    FoldResult b = fold(1, 3.0, new double[] {3, -2}, 7, false);
    FoldResult c = fold(2, 5.0, new double[] {5, 6}, 9, true);
    OuterEvaluation seq = new HypergradientAggregator(2).add(a).add(b).add(c).result();
    OuterEvaluation merged = new HypergradientAggregator(2).add(a)
        .merge(new HypergradientAggregator(2).add(b).add(c)).result();
    assertEquals(3.0, seq.value(), 0);
    assertArrayEquals(new double[] {3, 2}, seq.gradient(), 0);
    assertEquals(21, seq.innerIterations());
    assertEquals(1, seq.unconverged());
    assertEquals(30, seq.validationSamples());
    assertEquals(seq.value(), merged.value(), 0);
    assertArrayEquals(seq.gradient(), merged.gradient(), 0);
    assertEquals(seq.maxInnerResidual(), merged.maxInnerResidual(), 0);
  }

  @Test
  void resultIsBitForBitTheSameWhateverTheOrderOfAddsAndMerges() {
    // sums whose floating-point value depends on the order: 1e16 + 1 - 1e16 is 0 or 1 or 2
    FoldResult[] f = {
        fold(0, 1e16, new double[] {1e16, 1}, 1, true),
        fold(1, 1.0, new double[] {1, 1e16}, 1, true),
        fold(2, -1e16, new double[] {-1e16, 1}, 1, true),
        fold(3, 1.0, new double[] {1, -1e16}, 1, true)};
    OuterEvaluation inOrder = new HypergradientAggregator(2).add(f[0]).add(f[1]).add(f[2])
        .add(f[3]).result();
    // the sequential sum in fold order: ((1e16 + 1) + -1e16) + 1 = 0 + 1 = 1 (1e16 + 1 rounds)
    assertEquals(1.0 / 4, inOrder.value(), 0);
    int[][] orders = {{3, 2, 1, 0}, {2, 0, 3, 1}, {1, 3, 0, 2}};
    for (int[] o : orders) {
      OuterEvaluation added = new HypergradientAggregator(2).add(f[o[0]]).add(f[o[1]])
          .add(f[o[2]]).add(f[o[3]]).result();
      OuterEvaluation merged = new HypergradientAggregator(2).add(f[o[0]]).add(f[o[1]])
          .merge(new HypergradientAggregator(2).add(f[o[2]]).merge(
              new HypergradientAggregator(2).add(f[o[3]]))).result();
      for (OuterEvaluation e : new OuterEvaluation[] {added, merged}) {
        assertEquals(inOrder.value(), e.value(), 0);
        assertArrayEquals(inOrder.gradient(), e.gradient(), 0);
        assertEquals(inOrder.misclassification(), e.misclassification(), 0);
        assertEquals(inOrder.taskSeconds(), e.taskSeconds(), 0);
      }
    }
  }

  @Test
  void aFoldAddedTwiceIsAnError() {
    FoldResult a = fold(2, 1.0, new double[] {1}, 1, true);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new HypergradientAggregator(1).add(a).merge(new HypergradientAggregator(1).add(a)));
    assertEquals("HypergradientAggregator: fold 2 added twice", e.getMessage());
  }

  @Test
  void dimensionMismatchNamesExpectedAndGot() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new HypergradientAggregator(3).merge(new HypergradientAggregator(2)));
    assertTrue(e.getMessage().contains("expected gradient dimension 3, got 2"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> new HypergradientAggregator(3).add(fold(4, 0, new double[1], 1, true)));
    assertTrue(e.getMessage().contains("expected gradient dimension 3, got 1 (fold 4)"));
    assertThrows(IllegalStateException.class, () -> new HypergradientAggregator(1).result());
  }

  @Test
  void logParametrizationChainRule() {
    double[] theta = {0.5, 2.0};
    double[] g = {4.0, -1.0};
    double[] out = new double[2];
    LogParametrization.gradientToLog(theta, g, out);
    assertArrayEquals(new double[] {2.0, -2.0}, out, 0);
    // finite differences of h(φ) = G(exp φ) with G(θ) = θ₀² + 3θ₁
    double[] phi = LogParametrization.toLog(theta);
    double eps = 1e-6;
    double fd0 = (Math.exp(2 * (phi[0] + eps)) - Math.exp(2 * (phi[0] - eps))) / (2 * eps);
    LogParametrization.gradientToLog(theta, new double[] {2 * theta[0], 3}, out);
    assertEquals(fd0, out[0], 1e-8);
    assertEquals(3 * theta[1], out[1], 1e-15);
  }
}
