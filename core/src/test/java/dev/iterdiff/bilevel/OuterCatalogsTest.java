package dev.iterdiff.bilevel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The outer-optimizer and outer-step-rule catalogs: what they hold, how {@link OuterOptions}
 * validates through them (messages with the key, the value and the valid names), and the
 * updates against hand-computed values.
 */
class OuterCatalogsTest {

  @Test
  void catalogsListTheirEntriesAndCapabilities() {
    assertEquals(List.of("gd", "adam"), OuterOptimizers.NAMES);
    assertEquals(List.of("fixed", "backtracking", "hoag"), OuterStepRules.NAMES);
    assertTrue(OuterOptimizers.CATALOG.get("gd").accepts("hoag"));
    assertFalse(OuterOptimizers.CATALOG.get("adam").accepts("backtracking"));
    assertTrue(OuterStepRules.CATALOG.get("hoag").learningRateOptional());
    assertFalse(OuterStepRules.CATALOG.get("fixed").learningRateOptional());
  }

  @Test
  void optionsValidateThroughTheCatalogs() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> OuterOptions.defaults().withRule("lbfgs", "fixed", 0.1));
    assertEquals("optimizer: unknown 'lbfgs' (valid: gd, adam)", e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> OuterOptions.defaults().withRule("gd", "newton", 0.1));
    assertEquals("step-rule: unknown 'newton' (valid: fixed, backtracking, hoag)",
        e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> OuterOptions.defaults().withRule("adam", "backtracking", 0.1));
    assertEquals("step-rule: adam takes 'fixed' only, got 'backtracking'", e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> OuterOptions.defaults().withRule("gd", "fixed", Double.NaN));
    assertEquals("learning-rate must be finite and > 0, got NaN", e.getMessage());
    // names are looked up ignoring case and stored canonical
    OuterOptions o = OuterOptions.defaults().withRule("ADAM", "Fixed", 0.1);
    assertEquals("adam", o.optimizer());
    assertEquals("fixed", o.stepRule());
  }

  @Test
  void adamUpdateMatchesKingmaAndBa() {
    // GIVEN an anchor φ_a = (1, −1) with gradient g = (0.5, −2), step 0.1, fresh moments
    OuterState st = new OuterState("f", new double[] {1, -1}, Double.NaN);
    st.anchorPhi = new double[] {1, -1};
    st.anchorGradient = new double[] {0.5, -2};
    st.step = 0.1;
    OuterOptions o = OuterOptions.defaults().withRule("adam", "fixed", 0.1);
    double[] next = new double[2];
    // WHEN
    OuterOptimizers.CATALOG.get("adam").optimizer().next(st, true, o, next);
    // THEN t = 1: m̂ = g, v̂ = g², d = g/(|g| + ε) = sign(g)·(1 − ε/|g|)
    double[] expected = {1 - 0.1 * 0.5 / (0.5 + 1e-8), -1 + 0.1 * 2 / (2 + 1e-8)};
    assertArrayEquals(expected, next, 1e-15);
    assertEquals(1, st.adamT);
    OuterOptimizers.CATALOG.get("gd").optimizer().next(st, true, o, next);
    assertArrayEquals(new double[] {0.95, -0.8}, next, 1e-15);
  }

  @Test
  void backtrackingDoublesOnArmijoDecreaseAndHalvesOtherwise() {
    OuterState st = new OuterState("f", new double[] {0.9}, Double.NaN);
    st.anchorPhi = new double[] {1};
    st.anchorGradient = new double[] {1};
    st.anchorValue = 2;
    st.step = 0.1;
    OuterOptions o = OuterOptions.defaults().withRule("gd", "backtracking", 0.1);
    var rule = OuterStepRules.CATALOG.get("backtracking").rule();
    // G(φ_a) + c·g·(φ − φ_a) = 2 − 1e-5
    assertTrue(rule.accept(st, 2 - 2e-5, Double.NaN, o));
    assertEquals(0.2, st.step, 0);
    assertFalse(rule.accept(st, 2, Double.NaN, o));
    assertEquals(0.1, st.step, 0);
  }
}
