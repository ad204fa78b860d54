package dev.iterdiff.bilevel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iterdiff.problem.LabeledData;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Outer objectives: values by hand, gradients against central finite differences. */
class OuterObjectiveTest {

  private static LabeledData random(int n, int p, long seed, boolean binary) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[] a = new double[n * p];
    double[] b = new double[n];
    for (int i = 0; i < a.length; i++) {
      a[i] = rng.nextGaussian();
    }
    for (int i = 0; i < n; i++) {
      b[i] = binary ? (rng.nextBoolean() ? 1 : 0) : rng.nextGaussian();
    }
    return new LabeledData(a, n, p, b, "random");
  }

  private static void checkGradient(OuterObjective g, int p, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[] x = new double[p];
    for (int j = 0; j < p; j++) {
      x[j] = rng.nextGaussian();
    }
    double[] grad = new double[p];
    g.gradientX(x, new double[1], grad);
    double h = 1e-6;
    for (int j = 0; j < p; j++) {
      double[] xp = x.clone();
      double[] xm = x.clone();
      xp[j] += h;
      xm[j] -= h;
      double fd = (g.value(xp, new double[1]) - g.value(xm, new double[1])) / (2 * h);
      assertEquals(fd, grad[j], 1e-7 * Math.max(1, Math.abs(fd)), "coordinate " + j);
    }
  }

  @Test
  void squaredLossValueByHandAndGradientByFiniteDifferences() {
    // A = [[1, 2], [3, 4]], b = [1, 1], x = [1, -1]: Ax - b = [-2, -2], g = (4 + 4) / 4 = 2
    LabeledData d = new LabeledData(new double[] {1, 3, 2, 4}, 2, 2, new double[] {1, 1}, "hand");
    assertEquals(2.0, new ValidationSquaredLoss(d).value(new double[] {1, -1}, null), 1e-15);
    checkGradient(new ValidationSquaredLoss(random(30, 5, 1, false)), 5, 2);
  }

  @Test
  void logisticLossValueByHandAndGradientByFiniteDifferences() {
    // one row a = [1, 0], label 1 (y = +1), x = [2, 5]: g = log(1 + e^-2)
    LabeledData d = new LabeledData(new double[] {1, 0}, 1, 2, new double[] {1}, "hand");
    assertEquals(Math.log1p(Math.exp(-2)), new ValidationLogisticLoss(d).value(
        new double[] {2, 5}, null), 1e-15);
    checkGradient(new ValidationLogisticLoss(random(40, 6, 3, true)), 6, 4);
  }

  @Test
  void logisticLossStaysFiniteForHugeScores() {
    LabeledData d = new LabeledData(new double[] {1, -1}, 2, 1, new double[] {1, 1}, "hand");
    double v = new ValidationLogisticLoss(d).value(new double[] {1000}, null);
    // row 1: log(1 + e^-1000) ≈ 0, row 2: log(1 + e^1000) ≈ 1000, mean 500
    assertEquals(500.0, v, 1e-12);
  }

  @Test
  void misclassificationCountsWrongSigns() {
    // scores x·a = [2, -1, 3, -4], labels [1, 1, 0, 0] -> rows 2 and 3 wrong
    LabeledData d = new LabeledData(new double[] {2, -1, 3, -4}, 4, 1, new double[] {1, 1, 0, 0}, "h");
    assertEquals(0.5, new ValidationLogisticLoss(d).misclassification(new double[] {1}), 0);
  }

  @Test
  void featureMismatchIsAClearError() {
    LabeledData d = random(10, 3, 5, false);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> OuterObjectives.create("squared", d, 4));
    assertTrue(e.getMessage().contains("has 3 features but the inner problem has 4"),
        e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> OuterObjectives.create("hinge", d, 3));
    assertTrue(e.getMessage().contains("'hinge'"), e.getMessage());
  }
}
