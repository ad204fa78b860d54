package dev.iterdiff.bilevel;

import dev.iterdiff.catalog.CatalogEntry;
import java.util.List;

/**
 * An outer step rule as registered in {@link OuterStepRules#CATALOG}: whether the point just
 * evaluated is accepted as the new anchor, and how the step (and the inner tolerance) change.
 *
 * @param name                 the name the configs use ({@code outer.step-rule}).
 * @param description          one line for help texts.
 * @param learningRateOptional whether the learning rate may be left unset (NaN): the rule
 *                             then starts from 1/L₀ with L₀ = ‖∇φ₀‖·dim θ (HOAG).
 * @param rule                 the decision.
 */
public record OuterStepRuleEntry(String name, String description, boolean learningRateOptional,
    Decision rule) implements CatalogEntry {

  /** Accepts or rejects an evaluated point, without changing the state. */
  @FunctionalInterface
  public interface Decision {

    /**
     * Called for every evaluated point after the first (the state has an anchor).
     *
     * @param state   the optimizer state: the anchor, the step, ε. Not modified.
     * @param phi     φ just evaluated. Not modified.
     * @param value   G(φ).
     * @param tol     the inner tolerance of this evaluation (NaN: fixed iterations).
     * @param options the outer options.
     * @return whether φ is accepted, and the step and inner tolerance that follow.
     */
    Verdict accept(OptimizerState state, double[] phi, double value, double tol,
        OuterOptions options);
  }

  /**
   * A step rule's decision.
   *
   * @param accepted  whether the evaluated point becomes the anchor.
   * @param step      the step size from now on.
   * @param tolerance the inner tolerance from now on (before the schedule's decay).
   */
  public record Verdict(boolean accepted, double step, double tolerance) {}

  /** @throws IllegalArgumentException on a null component. */
  public OuterStepRuleEntry {
    if (name == null || description == null || rule == null) {
      throw new IllegalArgumentException("outer step rule entry: null component");
    }
  }

  @Override
  public List<String> aliases() {
    return List.of();
  }
}
