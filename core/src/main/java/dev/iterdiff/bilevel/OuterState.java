package dev.iterdiff.bilevel;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything the outer loop needs to continue: the point to evaluate next, the last accepted
 * point (anchor) with its value and gradient, step size, inner tolerance, Adam moments, the
 * best point, the history, and the fingerprint of the config that produced it. Serializable:
 * the job checkpoints it after every step and {@code --resume} continues from it.
 * Mutated by {@link OuterLoop} only.
 */
public final class OuterState implements Serializable {

  private static final long serialVersionUID = 1L;

  /** Fingerprint of the config that produced this state (resume refuses another config). */
  public final String fingerprint;
  /** Evaluations done. */
  public int iteration;
  /** The next point to evaluate, φ = log θ. */
  public double[] phi;
  /** The last accepted point, or null before the first evaluation. */
  public double[] anchorPhi;
  /** Gradient in φ at the anchor. */
  public double[] anchorGradient;
  /** Objective at the anchor. */
  public double anchorValue = Double.NaN;
  /** Inner tolerance the anchor was evaluated with. */
  public double anchorTolerance = Double.NaN;
  /** Step size (1/L for HOAG). NaN until set. */
  public double step = Double.NaN;
  /** Inner tolerance ε of the next evaluation. */
  public double tolerance;
  /** Adam first and second moments and step count. */
  public double[] adamM;
  public double[] adamV;
  public int adamT;
  /** Best accepted point and value. */
  public double[] bestPhi;
  public double bestValue = Double.POSITIVE_INFINITY;
  /** One row per evaluation. */
  public final List<OuterStep> history = new ArrayList<>();
  /** Why the loop stopped (gradient-norm, relative-improvement, max-iterations, step-underflow), or null. */
  public String stopReason;

  /** A fresh state at φ₀. */
  public OuterState(String fingerprint, double[] phi0, double tolerance) {
    this.fingerprint = fingerprint;
    this.phi = phi0.clone();
    this.tolerance = tolerance;
    this.adamM = new double[phi0.length];
    this.adamV = new double[phi0.length];
  }

  /** Whether the loop has stopped. */
  public boolean done() {
    return stopReason != null;
  }

  /** The best θ so far = exp(best φ) (the starting θ before any evaluation). */
  public double[] bestTheta() {
    double[] src = bestPhi != null ? bestPhi : phi;
    double[] theta = new double[src.length];
    LogParametrization.toTheta(src, theta);
    return theta;
  }

  /** A deep copy (through serialization). */
  public OuterState copy() {
    try {
      java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
      try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
        out.writeObject(this);
      }
      try (java.io.ObjectInputStream in = new java.io.ObjectInputStream(
          new java.io.ByteArrayInputStream(bytes.toByteArray()))) {
        return (OuterState) in.readObject();
      }
    } catch (java.io.IOException | ClassNotFoundException e) {
      throw new IllegalStateException("OuterState copy failed", e);
    }
  }
}
