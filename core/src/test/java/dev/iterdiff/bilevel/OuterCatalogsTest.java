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
    OptimizerState st = OptimizerState.initial(Double.NaN).withStep(0.1, Double.NaN)
        .withAnchor(new OptimizerState.Anchor(new double[] {1, -1}, new double[] {0.5, -2}, 0,
            Double.NaN));
    OuterOptions o = OuterOptions.defaults().withRule("adam", "fixed", 0.1);
    // WHEN
    OuterOptimizerEntry.Proposal p = OuterOptimizers.CATALOG.get("adam").optimizer()
        .next(st, true, o);
    // THEN t = 1: m̂ = g, v̂ = g², d = g/(|g| + ε) = sign(g)·(1 − ε/|g|)
    double[] expected = {1 - 0.1 * 0.5 / (0.5 + 1e-8), -1 + 0.1 * 2 / (2 + 1e-8)};
    assertArrayEquals(expected, p.next(), 1e-15);
    assertEquals(1, p.updates());
    assertArrayEquals(new double[] {0.05, -0.2}, p.moments()[0], 1e-15);
    assertArrayEquals(new double[] {0.00025, 0.004}, p.moments()[1], 1e-15);
    // AND the state it read is unchanged
    assertEquals(0, st.updates());
    assertEquals(0, st.moments().length);
    p = OuterOptimizers.CATALOG.get("gd").optimizer().next(st, true, o);
    assertArrayEquals(new double[] {0.95, -0.8}, p.next(), 1e-15);
  }

  @Test
  void backtrackingDoublesOnArmijoDecreaseAndHalvesOtherwise() {
    OptimizerState st = OptimizerState.initial(Double.NaN).withStep(0.1, Double.NaN)
        .withAnchor(new OptimizerState.Anchor(new double[] {1}, new double[] {1}, 2,
            Double.NaN));
    double[] phi = {0.9};
    OuterOptions o = OuterOptions.defaults().withRule("gd", "backtracking", 0.1);
    var rule = OuterStepRules.CATALOG.get("backtracking").rule();
    // G(φ_a) + c·g·(φ − φ_a) = 2 − 1e-5
    OuterStepRuleEntry.Verdict v = rule.accept(st, phi, 2 - 2e-5, Double.NaN, o);
    assertTrue(v.accepted());
    assertEquals(0.2, v.step(), 0);
    v = rule.accept(st.withStep(v.step(), Double.NaN), phi, 2, Double.NaN, o);
    assertFalse(v.accepted());
    assertEquals(0.1, v.step(), 0);
  }
}
