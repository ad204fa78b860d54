package dev.iterdiff.bilevel;

import dev.iterdiff.catalog.CatalogEntry;
import java.util.List;

/**
 * An outer optimizer as registered in {@link OuterOptimizers#CATALOG}: the direction d of the
 * outer step φ ← P(φ_a − step·d), and the step rules it may be combined with.
 *
 * @param name        the name the configs use ({@code outer.optimizer}).
 * @param description one line for help texts.
 * @param stepRules   the names of the {@link OuterStepRules} it accepts (Adam: fixed only,
 *                    its scaled direction is not a descent direction the line searches
 *                    assume).
 * @param optimizer   the update.
 */
public record OuterOptimizerEntry(String name, String description, List<String> stepRules,
    Update optimizer) implements CatalogEntry {

  /** One outer update from the anchor, without changing the state. */
  @FunctionalInterface
  public interface Update {

    /**
     * next = φ_a − step·d from the anchor of {@code state} (before projection).
     *
     * @param state       the optimizer state (anchor, step, moments). Not modified.
     * @param freshAnchor whether the anchor was just accepted (the point evaluated last is it):
     *                    Adam updates its moments only then.
     * @param options     the outer options (Adam's β₁, β₂).
     * @return the point and the optimizer's moments and update count after it.
     */
    Proposal next(OptimizerState state, boolean freshAnchor, OuterOptions options);
  }

  /**
   * An optimizer's proposal.
   *
   * @param next    the next point, before projection.
   * @param moments the optimizer's vectors after the update (Adam: m, v).
   * @param updates the update count after it (Adam's t).
   */
  public record Proposal(double[] next, double[][] moments, int updates) {}

  /** @throws IllegalArgumentException on a null component or an unknown step rule. */
  public OuterOptimizerEntry {
    if (name == null || description == null || stepRules == null || optimizer == null) {
      throw new IllegalArgumentException("outer optimizer entry: null component");
    }
    stepRules = List.copyOf(stepRules);
    for (String rule : stepRules) {
      OuterStepRules.CATALOG.get(rule);
    }
  }

  /** Whether it accepts the step rule {@code rule} (a name of {@link OuterStepRules}). */
  public boolean accepts(String rule) {
    return stepRules.contains(OuterStepRules.CATALOG.canonical(rule));
  }
}
