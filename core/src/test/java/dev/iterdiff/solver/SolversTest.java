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
    assertEquals("unknown solver 'lbfgs' (valid: " + String.join(", ", Solvers.NAMES) + ")",
        e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Solvers.create("gd", ridge, "big"));
    assertEquals("--step: 'big' is not 1/L, 2/(mu+L) or a positive number", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Solvers.create("newton", ridge, "1/L"));
    assertEquals("--step: '1/L' does not apply to newton (expected line-search or a fixed step "
        + "in (0, 1])", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Solvers.create("newton", ridge, "2"));
    assertEquals("--step: 2 for newton must be in (0, 1]", e.getMessage());
    // the same checks without a problem, for driver-side config validation
    SolverEntry newton = Solvers.CATALOG.get("newton");
    e = assertThrows(IllegalArgumentException.class, () -> newton.checkStep("1/L"));
    assertEquals("--step: '1/L' does not apply to newton (expected line-search or a fixed step "
        + "in (0, 1])", e.getMessage());
    newton.checkStep(" line-search ");
    newton.checkStep(null);
    e = assertThrows(IllegalArgumentException.class,
        () -> Solvers.CATALOG.get("gd").checkStep("big"));
    assertEquals("--step: 'big' is not 1/L, 2/(mu+L) or a positive number", e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> Solvers.CATALOG.get("gd").create(null, null));
    assertEquals("solver gd: problem is null", e.getMessage());
  }

  @Test
  void entriesDeclareTheirCapabilities() {
    // GIVEN the catalog WHEN asked THEN what consumers branch on is declared, not named
    assertEquals(true, Solvers.CATALOG.get("gd").capabilities().stateIsX());
    assertEquals(false, Solvers.CATALOG.get("heavy-ball").capabilities().stateIsX());
    assertEquals(false, Solvers.CATALOG.get("nesterov").capabilities().stateIsX());
    assertEquals(true, Solvers.CATALOG.get("newton").capabilities().thirdDerivatives());
    assertEquals(true, Solvers.CATALOG.get("newton").capabilities().superlinear());
    assertEquals(false, Solvers.CATALOG.get("gd").capabilities().thirdDerivatives());
    assertEquals(true, Solvers.create("gd", ridge, null).symmetricFixedPoint());
    assertEquals(false, Solvers.create("heavy-ball", ridge, null).symmetricFixedPoint());
    assertEquals(Nesterov.ENTRY, Solvers.CATALOG.get("accelerated-gradient"));
  }
}
