package dev.iterdiff.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The factory: names, θ modes, and the errors for unknown names. */
class ProblemsTest {

  static final Dataset DATA = RandomDatasets.regression(12, 5, 42);

  @Test
  void createsEveryNamedProblem() {
    for (String name : Problems.NAMES) {
      Problem p = Problems.create(name, DATA, 1, 1.0);
      assertEquals(name, p.name());
      assertEquals(5, p.dim());
      assertEquals(1, p.thetaDim());
    }
    assertEquals(5, Problems.create("ridge", DATA, 5, 1.0).thetaDim());
  }

  @Test
  void unknownNameListsTheValidOnes() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Problems.create("lasso", DATA, 1, 1.0));
    assertTrue(e.getMessage().startsWith("problem: unknown name 'lasso'; valid: ridge, logistic, weighted-ridge"),
        e.getMessage());
    for (String name : Problems.NAMES) {
      assertTrue(e.getMessage().contains(name), e.getMessage());
    }
  }
}
