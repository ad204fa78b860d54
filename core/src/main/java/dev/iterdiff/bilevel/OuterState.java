package dev.iterdiff.bilevel;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything the outer loop needs to continue, immutable: the point φ to evaluate next, the
 * optimizer's state ({@link OptimizerState}: anchor, step, inner tolerance, moments), the best
 * accepted point, the history of every evaluation, why the loop stopped, the parametrization
 * θ = T(φ) and the fingerprint of the config that produced it. {@link OuterLoop#step} maps a
 * state to the next one; the job checkpoints each and {@code --resume} continues from it. A
 * finished state is the result of a run: best θ, best value, history.
 *
 * <p>{@link #iteration} stays a public (final) field for the callers that read it.
 */
public final class OuterState implements Serializable {

  private static final long serialVersionUID = 2L;

  /** Evaluations done. */
  public final int iteration;
  private final String fingerprint;
  private final Parametrization parametrization;
  private final double[] phi;
  private final OptimizerState optimizer;
  private final double[] bestPhi;
  private final double bestValue;
  private final List<OuterStep> history;
  private final String stopReason;

  /**
   * A state as it is (the checkpoint reader builds one so).
   *
   * @param fingerprint     fingerprint of the config (resume refuses another config).
   * @param parametrization θ = T(φ).
   * @param iteration       evaluations done.
   * @param phi             the next point to evaluate. Copied.
   * @param optimizer       the optimizer's state.
   * @param bestPhi         the best accepted point, or null. Copied.
   * @param bestValue       its value (+∞ before one).
   * @param history         one row per evaluation. Copied.
   * @param stopReason      why the loop stopped, or null.
   * @throws IllegalArgumentException if the vectors' lengths differ.
   */
  public OuterState(String fingerprint, Parametrization parametrization, int iteration,
      double[] phi, OptimizerState optimizer, double[] bestPhi, double bestValue,
      List<OuterStep> history, String stopReason) {
    this.fingerprint = fingerprint;
    this.parametrization = parametrization;
    this.iteration = iteration;
    this.phi = phi.clone();
    this.optimizer = optimizer;
    this.bestPhi = bestPhi == null ? null : bestPhi.clone();
    this.bestValue = bestValue;
    this.history = List.copyOf(history);
    this.stopReason = stopReason;
    OptimizerState.Anchor a = optimizer.anchor();
    for (double[] v : new double[][] {bestPhi, a == null ? null : a.phi()}) {
      if (v != null && v.length != phi.length) {
        throw new IllegalArgumentException("outer state: vectors of lengths " + phi.length
            + " and " + v.length);
      }
    }
    for (double[] v : optimizer.moments()) {
      if (v.length != phi.length) {
        throw new IllegalArgumentException("outer state: optimizer moment of length "
            + v.length + ", phi " + phi.length);
      }
    }
  }

  /** A fresh state at φ₀ (no evaluation yet). */
  public static OuterState initial(String fingerprint, Parametrization parametrization,
      double[] phi0, double tolerance) {
    return new OuterState(fingerprint, parametrization, 0, phi0,
        OptimizerState.initial(tolerance), null, Double.POSITIVE_INFINITY, List.of(), null);
  }

  /** Fingerprint of the config that produced this state. */
  public String fingerprint() {
    return fingerprint;
  }

  /** θ = T(φ). */
  public Parametrization parametrization() {
    return parametrization;
  }

  /** Evaluations done. */
  public int iteration() {
    return iteration;
  }

  /** The next point to evaluate. A copy. */
  public double[] phi() {
    return phi.clone();
  }

  /** dim φ = dim θ. */
  public int dim() {
    return phi.length;
  }

  /** The optimizer's state. */
  public OptimizerState optimizer() {
    return optimizer;
  }

  /** The best accepted point, or null before one. A copy. */
  public double[] bestPhi() {
    return bestPhi == null ? null : bestPhi.clone();
  }

  /** The best accepted value (+∞ before one). */
  public double bestValue() {
    return bestValue;
  }

  /** One row per evaluation, unmodifiable. */
  public List<OuterStep> history() {
    return history;
  }

  /** Why the loop stopped (gradient-norm, relative-improvement, max-iterations, step-underflow), or null. */
  public String stopReason() {
    return stopReason;
  }

  /** Whether the loop has stopped. */
  public boolean done() {
    return stopReason != null;
  }

  /** The best θ so far = T(best φ) (the starting θ before any evaluation). */
  public double[] bestTheta() {
    double[] src = bestPhi != null ? bestPhi : phi;
    double[] theta = new double[src.length];
    parametrization.toTheta(src, theta);
    return theta;
  }

  /**
   * The same state with another history (a checkpoint written without it, the history rows
   * kept elsewhere, e.g. a Parquet trajectory).
   */
  public OuterState withHistory(List<OuterStep> rows) {
    return new OuterState(fingerprint, parametrization, iteration, phi, optimizer, bestPhi,
        bestValue, rows, stopReason);
  }

  /** The same state with another parametrization (a resume rebuilding it from its options). */
  public OuterState withParametrization(Parametrization p) {
    return new OuterState(fingerprint, p, iteration, phi, optimizer, bestPhi, bestValue,
        history, stopReason);
  }

  /**
   * The state after one more evaluation.
   *
   * @param row       the evaluation's history row.
   * @param next      the next point (ignored when stopping; φ is kept then).
   * @param optimizer the optimizer's state after it.
   * @param bestPhi   the best point after it.
   * @param bestValue its value.
   * @param stop      why the loop stops now, or null.
   */
  OuterState advance(OuterStep row, double[] next, OptimizerState optimizer, double[] bestPhi,
      double bestValue, String stop) {
    List<OuterStep> h = new ArrayList<>(history.size() + 1);
    h.addAll(history);
    h.add(row);
    return new OuterState(fingerprint, parametrization, iteration + 1,
        next == null ? phi : next, optimizer, bestPhi, bestValue, h, stop);
  }

  /** This state: it is immutable (kept for callers that copied the mutable one). */
  public OuterState copy() {
    return this;
  }
}
