package dev.iterdiff.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The factory: names, θ modes, and the errors for unknown names. */
class ProblemsTest {

  static final LabeledData DATA = RandomDatasets.regression(12, 5, 42);

  @Test
  void createsEveryNamedProblem() {
    for (String name : Problems.NAMES) {
      ProblemEntry entry = Problems.CATALOG.get(name);
      if (entry.source() != null) {
        continue; // qp reads its own data: QpProblemTest
      }
      int m = entry.acceptedThetaLengths(DATA).get(0);
      Problem p = Problems.create(name, DATA, m, 1.0);
      assertEquals(name, p.name());
      assertEquals(name.startsWith("softmax") ? 5 * 12 : 5, p.dim()); // 12 distinct labels
      assertEquals(m, p.thetaDim());
    }
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Problems.create("weighted-logistic", DATA, 1, 1.0));
    assertEquals("weighted-logistic: theta has one weight per sample: expected 12 values for "
        + "random(12x5, seed 42), got 1", e.getMessage());
    assertEquals(5, Problems.create("ridge", DATA, 5, 1.0).thetaDim());
  }

  @Test
  void unknownNameListsTheValidOnes() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Problems.create("svm", DATA, 1, 1.0));
    assertTrue(e.getMessage().startsWith("unknown problem 'svm' (valid: ridge, logistic, weighted-ridge"),
        e.getMessage());
    for (String name : Problems.NAMES) {
      assertTrue(e.getMessage().contains(name), e.getMessage());
    }
  }
}
