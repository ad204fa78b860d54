package dev.iterdiff.bilevel;

import dev.iterdiff.linalg.Blas;
import java.util.function.Consumer;

/**
 * Hypergradient descent on φ = log θ: one evaluation of G(θ) and ∇_θG per outer iteration,
 * through any {@link OuterEvaluator}, with
 * <ul>
 *   <li>the directions of {@link OuterOptimizers} (gradient descent, Adam);
 *       ∇_φ = θ ⊙ ∇_θG + ρφ;</li>
 *   <li>the step rules of {@link OuterStepRules}: fixed; backtracking (Armijo: accept φ when G(φ) ≤ G(φ_a) +
 *       c·∇_φG(φ_a)ᵀ(φ − φ_a), c = 1e−4, then double the step; otherwise halve it and retry from
 *       the anchor φ_a); HOAG (Pedregosa 2016, Alg. 1 and its code): step 1/L; with incr =
 *       ‖φ − φ_a‖, accept and L ← 0.95·L when G(φ) − ε_k ≤ G(φ_a) + ε_a + ε_a·incr − L/2·incr²,
 *       accept when G(φ) ≤ G(φ_a), otherwise the safeguard: reject, L ← 2L, ε ← ε/2;</li>
 *   <li>inexact inner solves: ε_{k+1} = max(decay·ε_k, ε_min), ε₀ given (HOAG's 0.9 schedule);</li>
 *   <li>stopping on ‖∇_φ‖, relative improvement (once ε_k is at its floor), or the outer
 *       budget;</li>
 *   <li>projection of φ on [minLogTheta, maxLogTheta].</li>
 * </ul>
 * The state is explicit ({@link OuterState}), so a run can stop after any step and continue
 * from a checkpoint to exactly the same result.
 */
public final class OuterLoop {

  private static final double MIN_STEP = 1e-12;

  private final OuterOptions options;

  public OuterLoop(OuterOptions options) {
    this.options = options;
  }

  /** The options. */
  public OuterOptions options() {
    return options;
  }

  /**
   * A fresh state at θ₀.
   *
   * @throws IllegalArgumentException if some θ₀ entry is ≤ 0 or not finite (naming it).
   */
  public OuterState initialState(double[] theta0, String fingerprint) {
    double[] phi = LogParametrization.toLog(theta0);
    project(phi);
    return new OuterState(fingerprint, phi, options.innerTolerance());
  }

  /**
   * Runs until the state is done or {@code stepLimit} more evaluations were made (a limit
   * that simulates an interruption; {@link Integer#MAX_VALUE} for none), calling
   * {@code afterStep} after every evaluation (the checkpoint hook).
   *
   * @return the same state, advanced.
   */
  public OuterState run(OuterEvaluator evaluator, OuterState state,
      Consumer<OuterState> afterStep, int stepLimit) {
    for (int s = 0; s < stepLimit && !state.done(); s++) {
      step(evaluator, state);
      afterStep.accept(state);
    }
    return state;
  }

  /** One evaluation and the decision that follows it. */
  public void step(OuterEvaluator evaluator, OuterState st) {
    int m = st.phi.length;
    double[] theta = new double[m];
    LogParametrization.toTheta(st.phi, theta);
    long start = System.nanoTime();
    double tol = st.tolerance;
    OuterEvaluation e = evaluator.evaluate(theta, tol);
    double seconds = (System.nanoTime() - start) * 1e-9;
    double value = e.value() + LogParametrization.regularization(options.regularization(), st.phi);
    double[] g = new double[m];
    LogParametrization.gradientToLog(theta, e.gradient(), g);
    for (int j = 0; j < m; j++) {
      g[j] += options.regularization() * st.phi[j];
    }
    double gnorm = norm(g);
    boolean finite = Double.isFinite(value) && Double.isFinite(gnorm);
    if (!finite && st.anchorPhi == null) {
      throw new IllegalStateException("outer objective is " + value + " (gradient norm "
          + gnorm + ") at the starting theta " + java.util.Arrays.toString(theta));
    }
    double previousAnchorValue = st.anchorValue;
    boolean accepted = finite && decide(st, value, g, gnorm, tol);
    if (accepted) {
      st.anchorPhi = st.phi.clone();
      st.anchorGradient = g;
      st.anchorValue = value;
      st.anchorTolerance = tol;
      if (value < st.bestValue) {
        st.bestValue = value;
        st.bestPhi = st.phi.clone();
      }
    }
    if (!Double.isNaN(st.tolerance)) {
      st.tolerance = Math.max(st.tolerance * options.toleranceDecay(),
          options.minInnerTolerance());
    }
    st.history.add(new OuterStep(st.iteration, theta, value, gnorm, accepted,
        e.misclassification(), e.innerIterations(), e.folds(), tol, st.step, seconds));
    st.iteration++;
    if (accepted && gnorm <= options.gradientTolerance()) {
      st.stopReason = "gradient-norm";
    } else if (accepted && atFloor(tol) && !Double.isNaN(previousAnchorValue)
        && Math.abs(previousAnchorValue - value)
            <= options.relativeTolerance() * Math.abs(previousAnchorValue)) {
      st.stopReason = "relative-improvement";
    } else if (st.step < MIN_STEP) {
      st.stopReason = "step-underflow";
    } else if (st.iteration >= options.maxIterations()) {
      st.stopReason = "max-iterations";
    }
    if (!st.done()) {
      nextPoint(st);
    }
  }

  /**
   * Whether an evaluation with inner tolerance ε is as exact as the schedule gets (ε at its
   * floor, or a fixed iteration count): only then may a small change of G stop the loop —
   * earlier it may only mean that the inexact inner solves did not resolve the step (a warm
   * start already within ε of the new solution is not moved at all).
   */
  private boolean atFloor(double tol) {
    return Double.isNaN(tol) || tol <= options.minInnerTolerance() * (1 + 1e-12);
  }

  /** Applies the step rule: whether the evaluated point is accepted; updates step and ε. */
  private boolean decide(OuterState st, double value, double[] g, double gnorm, double tol) {
    if (st.anchorPhi == null) {
      if (Double.isNaN(st.step)) {
        st.step = !Double.isNaN(options.learningRate()) ? options.learningRate()
            : 1.0 / (gnorm > 1e-3 ? gnorm * g.length : 1.0);
      }
      return true;
    }
    return OuterStepRules.CATALOG.get(options.stepRule()).rule().accept(st, value, tol,
        options);
  }

  /** φ ← P(φ_a − step·d), d from the optimizer (∇ for gd, Adam's m̂/(√v̂ + ε)). */
  private void nextPoint(OuterState st) {
    int m = st.anchorPhi.length;
    double[] next = new double[m];
    boolean freshAnchor = java.util.Arrays.equals(st.phi, st.anchorPhi);
    OuterOptimizers.CATALOG.get(options.optimizer()).optimizer().next(st, freshAnchor, options,
        next);
    project(next);
    st.phi = next;
  }

  private void project(double[] phi) {
    for (int j = 0; j < phi.length; j++) {
      phi[j] = Math.min(options.maxLogTheta(), Math.max(options.minLogTheta(), phi[j]));
    }
  }

  private static double norm(double[] v) {
    double s = 0;
    for (double x : v) {
      s += x * x;
    }
    return Math.sqrt(s);
  }
}
