package dev.iterdiff.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.iterdiff.solver.Storage;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Estimators by name and the storage a solve must keep for them. */
class EstimatorsTest {

  private static final EstimatorOptions K5 = EstimatorOptions.defaults().withTruncation(5);

  @Test
  void byNameBuildsEachEstimator() {
    for (String name : Estimators.NAMES) {
      assertEquals(name, Estimators.byName(name, K5).name());
    }
    assertInstanceOf(Truncated.class, Estimators.byName("truncated", K5));
    assertEquals(5, ((Truncated) Estimators.byName("truncated", K5)).truncation());
    assertEquals(DiagnosticsOptions.none(), ((BaseEstimator) Estimators.byName("one-step",
        K5.withDiagnostics(DiagnosticsOptions.none()))).diagnosticsOptions());
  }

  @Test
  void badNamesAndOptionsAreNamed() {
    var e = assertThrows(IllegalArgumentException.class, () -> Estimators.byName("unroled"));
    assertEquals("unknown estimator 'unroled' (valid: unrolled-forward, "
        + "unrolled-reverse, truncated, one-step, implicit)", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Estimators.byName("truncated"));
    assertEquals("estimator truncated needs a truncation K >= 1, got 0", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Estimators.byName("implicit",
        EstimatorOptions.defaults().withLinearSolver("qr", 1e-10)));
    assertEquals(true, e.getMessage().contains("qr"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> EstimatorOptions.defaults().withCondition("karush"));
    assertEquals("unknown optimality condition 'karush' (valid: "
        + String.join(", ", dev.iterdiff.optimality.Conditions.NAMES) + ")", e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> Estimators.requiredStorage(List.of("truncated"), 3, K5));
    assertEquals("truncated: truncation K = 5 exceeds the iterations k = 3", e.getMessage());
  }

  @Test
  void requiredStorageIsTheWeakestThatServesAll() {
    assertEquals(Storage.lastTwo(), Estimators.requiredStorage(List.of("one-step", "implicit"),
        100, K5));
    assertEquals(new Storage(Storage.Kind.LAST, 5),
        Estimators.requiredStorage(List.of("one-step", "truncated"), 100, K5));
    assertEquals(Storage.full(),
        Estimators.requiredStorage(List.of("truncated", "unrolled-reverse"), 100, K5));
    assertEquals(Storage.checkpointed(), Estimators.requiredStorage(
        List.of("unrolled-reverse", "implicit"), 100, K5.withCheckpointing(true)));
    assertEquals(new Storage(Storage.Kind.CHECKPOINTED, 100),
        Estimators.requiredStorage(List.of("unrolled-forward", "one-step"), 100, K5));
    assertEquals(Storage.checkpointed(),
        Estimators.requiredStorage(List.of("unrolled-forward", "truncated"), 100, K5));
  }
}
