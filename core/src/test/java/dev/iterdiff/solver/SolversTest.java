package dev.iterdiff.solver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.iterdiff.problem.Problem;
import org.junit.jupiter.api.Test;

class SolversTest {

  private final Problem ridge = SolverFixtures.ridge(1, 20, 3, 1);
  private final double[] theta = {0.5};

  @Test
  void createsEachSolverWithItsStepSpec() {
    GradientDescent gd = (GradientDescent) Solvers.create("gd", ridge, null);
    assertEquals(1 / ridge.lipschitz(theta), gd.step(theta), 0);
    gd = (GradientDescent) Solvers.create("GD", ridge, "2/(mu+L)");
    assertEquals(2 / (ridge.strongConvexity(theta) + ridge.lipschitz(theta)), gd.step(theta),
        1e-16);
    gd = (GradientDescent) Solvers.create("gd", ridge, "0.01");
    assertEquals(0.01, gd.step(theta), 0);
    HeavyBall hb = (HeavyBall) Solvers.create("heavy-ball", ridge, "1/L");
    assertEquals(1 / ridge.lipschitz(theta), hb.alpha(theta), 0);
    assertEquals("heavy-ball", hb.name());
    assertInstanceOf(Newton.class, Solvers.create("newton", ridge, null));
    assertInstanceOf(Newton.class, Solvers.create("newton", ridge, "0.5"));
  }

  @Test
  void badNamesAndSpecsAreNamed() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Solvers.create("lbfgs", ridge, null));
    assertEquals("unknown solver 'lbfgs' (valid: gd, heavy-ball, newton)",
        e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Solvers.create("gd", ridge, "big"));
    assertEquals("--step: 'big' is not 1/L, 2/(mu+L) or a positive number", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Solvers.create("newton", ridge, "1/L"));
    assertEquals("--step: '1/L' does not apply to newton (expected line-search or a fixed step "
        + "in (0, 1])", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Solvers.create("newton", ridge, "2"));
    assertEquals("--step: 2 for newton must be in (0, 1]", e.getMessage());
  }
}
