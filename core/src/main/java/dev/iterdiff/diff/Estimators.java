package dev.iterdiff.diff;

import dev.iterdiff.catalog.Catalog;
import dev.iterdiff.optimality.Conditions;
import dev.iterdiff.solver.Storage;
import java.util.List;

/**
 * The catalog of the estimators of ∂x/∂θ, and the trajectory storage a solve must keep so that
 * all requested estimators can run on it. A new estimator is one class and one line in
 * {@link #CATALOG}.
 */
public final class Estimators {

  /** Every registered estimator, in the order the CLI lists them. */
  public static final Catalog<EstimatorEntry> CATALOG = Catalog.of("estimator",
      new EstimatorEntry(UnrolledForward.NAME, "forward mode through the k iterations "
          + "(tangents replayed from s0)", unrolled(false),
          (k, o) -> new Storage(Storage.Kind.CHECKPOINTED, Math.max(1, k)),
          o -> new UnrolledForward(o.diagnostics())),
      new EstimatorEntry(UnrolledReverse.NAME, "reverse mode through the k iterations (stored "
          + "or checkpointed trajectory)", unrolled(false),
          (k, o) -> o.checkpointing() ? Storage.checkpointed() : Storage.full(),
          o -> new UnrolledReverse(o.diagnostics())),
      new EstimatorEntry(Truncated.NAME, "reverse mode through the last K iterations "
          + "(Shaban et al. 2019)", unrolled(true), Estimators::truncatedStorage, Estimators::truncated),
      new EstimatorEntry(OneStep.NAME, "the last iteration only, J_theta F (Bolte, Pauwels & "
          + "Vaiter 2023)", new EstimatorEntry.Capabilities(EstimatorEntry.Target.LAST_STEP,
              false, false), (k, o) -> Storage.lastTwo(), o -> new OneStep(o.diagnostics())),
      new EstimatorEntry(Implicit.NAME, "the optimality condition G(x*, theta) = 0 (Blondel et "
          + "al. 2021)", new EstimatorEntry.Capabilities(EstimatorEntry.Target.CONDITION,
              true, false), (k, o) -> Storage.lastTwo(),
          o -> new Implicit(Conditions.factory(o.condition()), o.linearSolver(),
              o.linearTolerance(), o.linearMaxIterations(), o.diagnostics())));

  /** All estimator names, in the order the CLI lists them. */
  public static final List<String> NAMES = CATALOG.names();

  private Estimators() {}

  /**
   * The estimator called {@code name}.
   *
   * @param name    a name of {@link #CATALOG}.
   * @param options truncation K (required for truncated), linear solver and condition
   *                (implicit), diagnostics (all).
   * @throws IllegalArgumentException for an unknown name, truncated without K, or an unknown
   *         linear solver, naming the value.
   */
  public static JacobianEstimator byName(String name, EstimatorOptions options) {
    EstimatorOptions o = options == null ? EstimatorOptions.defaults() : options;
    return CATALOG.get(name).factory().create(o);
  }

  /** {@link #byName(String, EstimatorOptions)} with the default options. */
  public static JacobianEstimator byName(String name) {
    return byName(name, EstimatorOptions.defaults());
  }

  /**
   * The storage a solve of at most k iterations must keep for all the named estimators
   * together: each entry's requirement (LAST(1) for one-step and implicit, LAST(K) for
   * truncated(K), FULL for unrolled-reverse — CHECKPOINTED every ⌈√k⌉ with
   * {@code options.checkpointing()} — and for unrolled-forward only s₀, CHECKPOINTED every k
   * iterations, since forward mode replays the states from s₀), joined into the weakest
   * storage that serves them all ({@link Storage#join}).
   *
   * @param names   estimator names.
   * @param k       the solve's maximum number of iterations, ≥ 0.
   * @param options truncation K and checkpointing.
   * @throws IllegalArgumentException for an unknown name, an empty list, k &lt; 0, truncated
   *         without K or with K &gt; k.
   */
  public static Storage requiredStorage(List<String> names, int k, EstimatorOptions options) {
    if (names == null || names.isEmpty()) {
      throw new IllegalArgumentException("estimators: empty list, expected one or more of "
          + NAMES);
    }
    if (k < 0) {
      throw new IllegalArgumentException("iterations must be >= 0, got " + k);
    }
    EstimatorOptions o = options == null ? EstimatorOptions.defaults() : options;
    Storage storage = null;
    for (String name : names) {
      Storage s = CATALOG.get(name).storage().required(k, o);
      storage = storage == null ? s : storage.join(s);
    }
    return storage;
  }

  private static EstimatorEntry.Capabilities unrolled(boolean truncation) {
    return new EstimatorEntry.Capabilities(EstimatorEntry.Target.UNROLLED, false, truncation);
  }

  private static int truncation(EstimatorOptions o) {
    if (o.truncation() < 1) {
      throw new IllegalArgumentException(
          "estimator truncated needs a truncation K >= 1, got " + o.truncation());
    }
    return o.truncation();
  }

  private static JacobianEstimator truncated(EstimatorOptions o) {
    return new Truncated(truncation(o), o.diagnostics());
  }

  private static Storage truncatedStorage(int k, EstimatorOptions o) {
    int kk = truncation(o);
    if (kk > k) {
      throw new IllegalArgumentException("truncated: truncation K = " + kk
          + " exceeds the iterations k = " + k);
    }
    return new Storage(Storage.Kind.LAST, kk);
  }
}
