package dev.iterdiff.bilevel;

import java.util.Arrays;

/**
 * An outer optimizer — a direction of {@link OuterOptimizers} (gd, Adam) with a step rule of
 * {@link OuterStepRules} (fixed, backtracking, HOAG) and HOAG's inner-tolerance schedule —
 * as pure functions of an immutable {@link OptimizerState}: {@link #decide} maps (state, the
 * evaluation of φ) to (state′, accepted?), {@link #propose} maps a state to (state′, the next
 * φ before projection). Stateless itself: one instance serves any number of runs.
 */
public final class OuterOptimizer {

  private final OuterOptions options;
  private final OuterOptimizerEntry direction;
  private final OuterStepRuleEntry rule;

  /** The optimizer and step rule named by {@code options}. */
  public OuterOptimizer(OuterOptions options) {
    this.options = options;
    this.direction = OuterOptimizers.CATALOG.get(options.optimizer());
    this.rule = OuterStepRules.CATALOG.get(options.stepRule());
  }

  /**
   * A decision on an evaluated point.
   *
   * @param state    the optimizer state after it (anchor, step, next inner tolerance).
   * @param accepted whether the point became the anchor.
   */
  public record Decision(OptimizerState state, boolean accepted) {}

  /**
   * A proposed point.
   *
   * @param state the optimizer state after the proposal (Adam's moments).
   * @param next  the next φ, before projection.
   */
  public record Move(OptimizerState state, double[] next) {}

  /** The state before the first evaluation: ε₀ from the options. */
  public OptimizerState start() {
    return OptimizerState.initial(options.innerTolerance());
  }

  /**
   * Decides on φ evaluated with inner tolerance {@code tol}: the first point is always
   * accepted (and sets the step: the learning rate, or 1/L₀ with L₀ = ‖∇φ₀‖·dim θ); later
   * ones by the step rule; a non-finite value or gradient is rejected. The inner tolerance
   * then decays, ε ← max(decay·ε, ε_min).
   *
   * @param state    the state before. Not modified.
   * @param phi      the point evaluated. Not modified.
   * @param value    G(φ) + R(φ).
   * @param gradient ∇_φ(G + R). Not modified.
   * @param gnorm    its norm.
   * @param tol      the inner tolerance of the evaluation.
   */
  public Decision decide(OptimizerState state, double[] phi, double value, double[] gradient,
      double gnorm, double tol) {
    boolean finite = Double.isFinite(value) && Double.isFinite(gnorm);
    double step = state.step();
    double tolerance = state.tolerance();
    boolean accepted;
    if (!finite) {
      accepted = false;
    } else if (state.anchor() == null) {
      if (Double.isNaN(step)) {
        step = !Double.isNaN(options.learningRate()) ? options.learningRate()
            : 1.0 / (gnorm > 1e-3 ? gnorm * gradient.length : 1.0);
      }
      accepted = true;
    } else {
      OuterStepRuleEntry.Verdict v = rule.rule().accept(state, phi, value, tol, options);
      accepted = v.accepted();
      step = v.step();
      tolerance = v.tolerance();
    }
    if (!Double.isNaN(tolerance)) {
      tolerance = Math.max(tolerance * options.toleranceDecay(), options.minInnerTolerance());
    }
    OptimizerState next = state.withStep(step, tolerance);
    if (accepted) {
      next = next.withAnchor(new OptimizerState.Anchor(phi, gradient, value, tol));
    }
    return new Decision(next, accepted);
  }

  /**
   * The next point φ_a − step·d from the anchor (d from the direction: ∇ for gd, Adam's
   * m̂/(√v̂ + ε), its moments updated when the anchor is the point just evaluated).
   *
   * @param state     the state after {@link #decide}; must have an anchor.
   * @param evaluated the point evaluated last. Not modified.
   */
  public Move propose(OptimizerState state, double[] evaluated) {
    boolean freshAnchor = Arrays.equals(evaluated, state.anchor().phi());
    OuterOptimizerEntry.Proposal p = direction.optimizer().next(state, freshAnchor, options);
    return new Move(state.withMoments(p.moments(), p.updates()), p.next());
  }
}
