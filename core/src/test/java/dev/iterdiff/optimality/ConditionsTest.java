package dev.iterdiff.optimality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iterdiff.problem.Problem;
import dev.iterdiff.problem.RidgeProblem;
import dev.iterdiff.solver.GradientDescent;
import dev.iterdiff.solver.HeavyBall;
import dev.iterdiff.solver.Solution;
import dev.iterdiff.solver.Solve;
import dev.iterdiff.solver.SolveOptions;
import dev.iterdiff.solver.Storage;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The condition catalog's capabilities: symmetry by solver, fit by iterations, bad input. */
class ConditionsTest {

  private static Problem ridge() {
    Random rng = new Random(3);
    double[] a = new double[20 * 3];
    for (int i = 0; i < a.length; i++) {
      a[i] = rng.nextGaussian();
    }
    double[] b = new double[20];
    for (int i = 0; i < b.length; i++) {
      b[i] = rng.nextGaussian();
    }
    return new RidgeProblem(new dev.iterdiff.problem.LabeledData(a, 20, 3, b, "random"), 1);
  }

  @Test
  void symmetryFollowsTheDeclaredCapability() {
    Problem p = ridge();
    ConditionEntry stationarity = Conditions.CATALOG.get("stationarity");
    ConditionEntry fixedPoint = Conditions.CATALOG.get("fixed-point");
    assertEquals(List.of("stationarity", "fixed-point"), Conditions.NAMES.subList(0, 2));
    assertTrue(stationarity.symmetricFor(new HeavyBall(p)));
    assertTrue(fixedPoint.symmetricFor(new GradientDescent(p)));
    assertFalse(fixedPoint.symmetricFor(new HeavyBall(p)));
    assertTrue(fixedPoint.capabilities().onState());
    assertFalse(stationarity.capabilities().onState());
  }

  @Test
  void fixedPointNeedsOneIteration() {
    ConditionEntry fixedPoint = Conditions.CATALOG.get("fixed-point");
    assertEquals("condition fixed-point needs at least 1 iteration(s), got k = 0",
        fixedPoint.misfit(0));
    assertNull(fixedPoint.misfit(1));
    assertNull(Conditions.CATALOG.get("stationarity").misfit(0));
    Solution none = Solve.run(new GradientDescent(ridge()), new double[] {0.5},
        new double[3], SolveOptions.iterations(0, Storage.lastTwo()));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> fixedPoint.factory().apply(none));
    assertEquals("implicit with condition fixed-point needs at least one iteration (it uses "
        + "the last step), got k = 0", e.getMessage());
  }

  @Test
  void badCapabilitiesAreRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new ConditionEntry.Capabilities(ConditionEntry.Symmetry.NEVER, false, -1));
    assertEquals("condition capabilities: symmetry must be non-null and minIterations >= 0, "
        + "got NEVER, -1", e.getMessage());
  }
}
