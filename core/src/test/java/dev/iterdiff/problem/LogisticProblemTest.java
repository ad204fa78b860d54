package dev.iterdiff.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Logistic regression: labels → ±1, no overflow at large margins, θ guards. */
class LogisticProblemTest {

  /** One feature, two samples a = (1, 2), labels (+3, −1) → y = (+1, −1). */
  static final LabeledData TWO = new LabeledData(new double[] {1.0, 2.0}, 2, 1,
      new double[] {3.0, -1.0}, "two samples");

  @Test
  void valueMatchesTheDefinitionAtModerateMargins() {
    LogisticProblem p = new LogisticProblem(TWO, 1);
    double x = 0.4;
    double expected = (Math.log(1 + Math.exp(-x)) + Math.log(1 + Math.exp(2 * x))) / 2
        + 0.5 * 0.1 * x * x;
    assertEquals(expected, p.value(new double[] {x}, new double[] {0.1}), 1e-15);
  }

  @Test
  void hugeMarginsGiveFiniteExactValuesAndGradients() {
    // GIVEN margins ±1000 and ±2000, where exp overflows
    LogisticProblem p = new LogisticProblem(TWO, 1);
    double[] theta = {0.0};
    double[] g = new double[1];
    double[] h = new double[1];
    // x = −1000: margins m = (−1000, +2000): loss ≈ (1000 + 0)/2, gradient = (−1·1 + 0)/2
    double v = p.value(new double[] {-1000}, theta);
    p.gradient(new double[] {-1000}, theta, g);
    p.hessian(new double[] {-1000}, theta, h);
    assertEquals(500.0, v, 1e-12);
    assertEquals(-0.5, g[0], 1e-15);
    assertTrue(Double.isFinite(h[0]) && h[0] >= 0 && h[0] < 1e-300, "hessian " + h[0]);
    // x = +1000: margins (+1000, −2000): loss ≈ (0 + 2000)/2, gradient = (0 + 2)/2
    v = p.value(new double[] {1000}, theta);
    p.gradient(new double[] {1000}, theta, g);
    assertEquals(1000.0, v, 1e-12);
    assertEquals(1.0, g[0], 1e-15);
    double[] third = new double[1];
    p.hessianDerivX(new double[] {1000}, theta, new double[] {1}, new double[] {1}, third);
    assertTrue(Double.isFinite(third[0]), "third " + third[0]);
  }

  @Test
  void badThetaIsRejectedWithIndexAndValue() {
    LabeledData data = RandomDatasets.regression(12, 30, 1);
    LogisticProblem single = new LogisticProblem(data, 1);
    assertEquals("theta: length 3, expected 1 or 30 (logistic: one λ or one per feature)",
        assertThrows(IllegalArgumentException.class,
            () -> single.checkTheta(new double[3])).getMessage());
    assertEquals("theta: length 30, expected 1 (this logistic problem was built with a single"
        + " λ)", assertThrows(IllegalArgumentException.class,
            () -> single.value(new double[30], new double[30])).getMessage());
    assertEquals("theta[0] is NaN (must be finite)", assertThrows(IllegalArgumentException.class,
        () -> single.checkTheta(new double[] {Double.NaN})).getMessage());
    assertEquals("theta[0] is -1.0 (logistic: λ must be ≥ 0)",
        assertThrows(IllegalArgumentException.class,
            () -> single.checkTheta(new double[] {-1.0})).getMessage());
  }
}
