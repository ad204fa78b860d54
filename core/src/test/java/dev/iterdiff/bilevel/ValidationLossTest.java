package dev.iterdiff.bilevel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.iterdiff.problem.LabeledData;
import dev.iterdiff.problem.Problems;
import org.junit.jupiter.api.Test;

/**
 * The catalog's outer losses are the data terms on the validation rows: values and gradients
 * against the formulas evaluated by hand here (relative 1e-14), and every problem names a
 * registered loss.
 */
class ValidationLossTest {

  // rows (1, 2) → b = 1 and (−1, 0.5) → b = −2; x = (0.5, −1)
  static final LabeledData DATA = new LabeledData(new double[] {1, -1, 2, 0.5}, 2, 2,
      new double[] {1, -2}, "two rows");
  static final double[] X = {0.5, -1};

  @Test
  void squaredAndLogisticMatchTheirFormulas() {
    OuterObjective sq = OuterObjectives.create("squared", DATA, 2);
    // scores: 0.5 − 2 = −1.5 and −0.5 − 0.5 = −1; residuals −2.5 and 1
    assertEquals((6.25 + 1) / 4, sq.value(X, null), 1e-14);
    double[] g = new double[2];
    sq.gradientX(X, null, g);
    assertEquals((-2.5 * 1 + 1 * -1) / 2, g[0], 1e-14);
    assertEquals((-2.5 * 2 + 1 * 0.5) / 2, g[1], 1e-14);
    OuterObjective lg = OuterObjectives.create("logistic", DATA, 2);
    // margins y·s: +1·(−1.5) = −1.5 and −1·(−1) = 1
    double expected = (Math.log1p(Math.exp(1.5)) + Math.log1p(Math.exp(-1))) / 2;
    assertEquals(expected, lg.value(X, null), 1e-14 * expected);
    lg.gradientX(X, null, g);
    double s1 = 1 / (1 + Math.exp(-1.5)); // σ(−m₁)
    double s2 = 1 / (1 + Math.exp(1)); // σ(−m₂)
    assertEquals((-s1 * 1 + s2 * -1) / 2, g[0], 1e-14);
    assertEquals((-s1 * 2 + s2 * 0.5) / 2, g[1], 1e-14);
    assertEquals(0.5, lg.misclassification(X), 0);
    assertEquals("logistic", lg.name());
  }

  @Test
  void everyProblemNamesARegisteredLoss() {
    Problems.CATALOG.forEach(e -> assertEquals(e.outerLoss(),
        OuterObjectives.CATALOG.get(e.outerLoss()).name()));
    assertEquals("validation loss: name and data term must be non-null", assertThrows(
        IllegalArgumentException.class, () -> new ValidationLoss("squared", null)).getMessage());
  }
}
