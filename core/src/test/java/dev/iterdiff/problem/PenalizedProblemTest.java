package dev.iterdiff.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.iterdiff.optimality.Stationarity;
import dev.iterdiff.solver.Solvers;
import org.junit.jupiter.api.Test;

/** f + g from parts: f's products, F = f + g, and the refusals of smooth-only machinery. */
class PenalizedProblemTest {

  static final LabeledData DATA = new LabeledData(new double[] {1, 2, 0, 1, -1, 3}, 3, 2,
      new double[] {1, 0, 2}, "3x2");

  static PenalizedProblem lasso() {
    Problem f = Problems.create("ridge", DATA, 1, 1.0);
    return new PenalizedProblem("lasso", f, L1Penalty.fromTheta(2, 1));
  }

  @Test
  void productsAreTheSmoothPartsAndTheTotalAddsG() {
    PenalizedProblem p = lasso();
    double[] x = {0.5, -2};
    double[] theta = {0.3};
    double[] g1 = new double[2];
    double[] g2 = new double[2];
    p.gradient(x, theta, g1);
    p.smooth().gradient(x, theta, g2);
    assertEquals(g2[0], g1[0], 0);
    assertEquals(g2[1], g1[1], 0);
    // ridge with θ = 0.3 on f plus θ₁‖x‖₁ = 0.3·2.5 on g
    assertEquals(p.smooth().value(x, theta) + 0.3 * 2.5, p.totalValue(x, theta), 1e-15);
    assertSame(theta, p.nonsmoothTheta(theta));
    PenalizedProblem box = new PenalizedProblem("nn", p.smooth(), BoxConstraint.nonNegative(2));
    assertEquals(0, box.nonsmoothTheta(theta).length);
    assertEquals(Double.POSITIVE_INFINITY, box.totalValue(x, theta));
  }

  @Test
  void mismatchedPartsAndSmoothOnlyMachineryAreRefusedByName() {
    Problem f = Problems.create("ridge", DATA, 1, 1.0);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new PenalizedProblem("bad", f, L1Penalty.fromTheta(3, 1)));
    assertEquals("bad: g = l1 acts on 3 coordinates but f has 2", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Solvers.create("gd", lasso(), null));
    assertEquals("solver gd cannot solve lasso: it has a nonsmooth part (l1) that gd ignores; "
        + "use a solver that takes a prox or projection", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new Stationarity(lasso()));
    assertEquals("condition stationarity does not hold for lasso: grad f = 0 ignores its "
        + "nonsmooth part (l1); use a fixed-point condition of a prox or projection step",
        e.getMessage());
  }
}
