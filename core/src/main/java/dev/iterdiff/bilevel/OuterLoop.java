package dev.iterdiff.bilevel;

import java.util.function.Consumer;

/**
 * Hypergradient descent on φ, θ = T(φ) by a {@link Parametrization} (log for positive
 * hyperparameters, identity for meta-parameters, box for pixels): one evaluation of G(θ) and
 * ∇_θG per outer iteration, through any {@link OuterEvaluator} (cross-validation folds,
 * meta-learning tasks, data partitions: {@link InnerTasks}), with
 * <ul>
 *   <li>∇_φ = (∂T/∂φ)ᵀ∇_θG + ρφ (log: θ ⊙ ∇_θG + ρφ), R(φ) = ½ρ‖φ‖²;</li>
 *   <li>the directions of {@link OuterOptimizers} (gradient descent, Adam) and the step rules
 *       of {@link OuterStepRules}: fixed; backtracking (Armijo: accept φ when G(φ) ≤ G(φ_a) +
 *       c·∇_φG(φ_a)ᵀ(φ − φ_a), c = 1e−4, then double the step; otherwise halve it and retry
 *       from the anchor φ_a); HOAG (Pedregosa 2016, Alg. 1 and its code), as pure functions of
 *       an immutable {@link OptimizerState} ({@link OuterOptimizer});</li>
 *   <li>inexact inner solves: ε_{k+1} = max(decay·ε_k, ε_min), ε₀ given (HOAG's 0.9 schedule);</li>
 *   <li>stopping on ‖∇_φ‖, relative improvement (once ε_k is at its floor), or the outer
 *       budget;</li>
 *   <li>projection of φ on the parametrization's bounds.</li>
 * </ul>
 * {@link #step} maps an immutable {@link OuterState} to the next, so a run can stop after any
 * step and continue from a checkpoint to exactly the same result.
 */
public final class OuterLoop {

  private static final double MIN_STEP = 1e-12;

  private final OuterOptions options;
  private final Parametrization parametrization;
  private final OuterOptimizer optimizer;

  public OuterLoop(OuterOptions options) {
    this.options = options;
    this.parametrization = options.parametrizationMap();
    this.optimizer = new OuterOptimizer(options);
  }

  /** The options. */
  public OuterOptions options() {
    return options;
  }

  /** θ = T(φ) of the options. */
  public Parametrization parametrization() {
    return parametrization;
  }

  /**
   * A fresh state at θ₀.
   *
   * @throws IllegalArgumentException if some θ₀ entry is outside the parametrization's domain
   *         (log: ≤ 0 or not finite), naming it.
   */
  public OuterState initialState(double[] theta0, String fingerprint) {
    return OuterState.initial(fingerprint, parametrization, parametrization.toPhi(theta0),
        optimizer.start().tolerance());
  }

  /**
   * Runs until the state is done or {@code stepLimit} more evaluations were made (a limit
   * that simulates an interruption; {@link Integer#MAX_VALUE} for none), calling
   * {@code afterStep} with every new state (the checkpoint hook).
   *
   * @return the last state.
   */
  public OuterState run(OuterEvaluator evaluator, OuterState state,
      Consumer<OuterState> afterStep, int stepLimit) {
    OuterState st = state;
    for (int s = 0; s < stepLimit && !st.done(); s++) {
      st = step(evaluator, st);
      afterStep.accept(st);
    }
    return st;
  }

  /**
   * One evaluation and the decision that follows it.
   *
   * @throws IllegalStateException if the objective is not finite at the starting point.
   */
  public OuterState step(OuterEvaluator evaluator, OuterState st) {
    double[] phi = st.phi();
    int m = phi.length;
    double[] theta = new double[m];
    parametrization.toTheta(phi, theta);
    OptimizerState os = st.optimizer();
    double tol = os.tolerance();
    long start = System.nanoTime();
    OuterEvaluation e = evaluator.evaluate(theta, tol);
    double seconds = (System.nanoTime() - start) * 1e-9;
    double value = e.value() + LogParametrization.regularization(options.regularization(), phi);
    double[] g = new double[m];
    parametrization.gradientToPhi(phi, theta, e.gradient(), g);
    for (int j = 0; j < m; j++) {
      g[j] += options.regularization() * phi[j];
    }
    double gnorm = norm(g);
    if (!(Double.isFinite(value) && Double.isFinite(gnorm)) && os.anchor() == null) {
      throw new IllegalStateException("outer objective is " + value + " (gradient norm "
          + gnorm + ") at the starting theta " + java.util.Arrays.toString(theta));
    }
    double previousAnchorValue = os.anchorValue();
    OuterOptimizer.Decision d = optimizer.decide(os, phi, value, g, gnorm, tol);
    boolean accepted = d.accepted();
    double[] bestPhi = st.bestPhi();
    double bestValue = st.bestValue();
    if (accepted && value < bestValue) {
      bestValue = value;
      bestPhi = phi;
    }
    OptimizerState next = d.state();
    OuterStep row = new OuterStep(st.iteration, theta, value, gnorm, accepted,
        e.misclassification(), e.innerIterations(), e.folds(), tol, next.step(), seconds);
    String stop = null;
    if (accepted && gnorm <= options.gradientTolerance()) {
      stop = "gradient-norm";
    } else if (accepted && atFloor(tol) && !Double.isNaN(previousAnchorValue)
        && Math.abs(previousAnchorValue - value)
            <= options.relativeTolerance() * Math.abs(previousAnchorValue)) {
      stop = "relative-improvement";
    } else if (next.step() < MIN_STEP) {
      stop = "step-underflow";
    } else if (st.iteration + 1 >= options.maxIterations()) {
      stop = "max-iterations";
    }
    double[] nextPhi = null;
    if (stop == null) {
      OuterOptimizer.Move move = optimizer.propose(next, phi);
      next = move.state();
      nextPhi = move.next();
      parametrization.project(nextPhi);
    }
    return st.advance(row, nextPhi, next, bestPhi, bestValue, stop);
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

  private static double norm(double[] v) {
    double s = 0;
    for (double x : v) {
      s += x * x;
    }
    return Math.sqrt(s);
  }
}
