package dev.iterdiff.diff;

import dev.iterdiff.optimality.FixedPoint;
import dev.iterdiff.optimality.OptimalityCondition;
import dev.iterdiff.optimality.Stationarity;
import dev.iterdiff.solver.Solution;
import dev.iterdiff.solver.Storage;
import java.util.List;
import java.util.function.Function;

/**
 * The estimators by the names the CLI and the jobs use, and the trajectory storage a solve
 * must keep so that all requested estimators can run on it.
 */
public final class Estimators {

  /** All estimator names, in the order the CLI lists them. */
  public static final List<String> NAMES = List.of(UnrolledForward.NAME, UnrolledReverse.NAME,
      Truncated.NAME, OneStep.NAME, Implicit.NAME);

  private Estimators() {}

  /**
   * The estimator called {@code name}.
   *
   * @param name    unrolled-forward, unrolled-reverse, truncated, one-step or implicit.
   * @param options truncation K (required for truncated), linear solver and condition
   *                (implicit), diagnostics (all).
   * @throws IllegalArgumentException for an unknown name, truncated without K, or an unknown
   *         linear solver, naming the value.
   */
  public static Estimator byName(String name, EstimatorOptions options) {
    EstimatorOptions o = options == null ? EstimatorOptions.defaults() : options;
    switch (checkName(name)) {
      case UnrolledForward.NAME:
        return new UnrolledForward(o.diagnostics());
      case UnrolledReverse.NAME:
        return new UnrolledReverse(o.diagnostics());
      case Truncated.NAME:
        if (o.truncation() < 1) {
          throw new IllegalArgumentException(
              "estimator truncated needs a truncation K >= 1, got " + o.truncation());
        }
        return new Truncated(o.truncation(), o.diagnostics());
      case OneStep.NAME:
        return new OneStep(o.diagnostics());
      default:
        return new Implicit(condition(o.condition()), o.linearSolver(), o.linearTolerance(),
            o.linearMaxIterations(), o.diagnostics());
    }
  }

  /** {@link #byName(String, EstimatorOptions)} with the default options. */
  public static Estimator byName(String name) {
    return byName(name, EstimatorOptions.defaults());
  }

  /**
   * The storage a solve of at most k iterations must keep for all the named estimators
   * together: LAST(1) for one-step and implicit, LAST(K) for truncated(K), FULL for
   * unrolled-reverse (CHECKPOINTED every ⌈√k⌉ with {@code options.checkpointing()}), and for
   * unrolled-forward only s₀ — CHECKPOINTED every k iterations, since forward mode replays the
   * states from s₀. The weakest storage that serves them all is returned.
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
    boolean reverse = false;
    boolean forward = false;
    boolean truncated = false;
    int last = 1;
    for (String name : names) {
      switch (checkName(name)) {
        case UnrolledReverse.NAME:
          reverse = true;
          break;
        case UnrolledForward.NAME:
          forward = true;
          break;
        case Truncated.NAME:
          if (o.truncation() < 1) {
            throw new IllegalArgumentException(
                "estimator truncated needs a truncation K >= 1, got " + o.truncation());
          }
          if (o.truncation() > k) {
            throw new IllegalArgumentException("truncated: truncation K = " + o.truncation()
                + " exceeds the iterations k = " + k);
          }
          truncated = true;
          last = Math.max(last, o.truncation());
          break;
        default:
          break;
      }
    }
    if (reverse && !o.checkpointing()) {
      return Storage.full();
    }
    if (reverse || (forward && truncated)) {
      return Storage.checkpointed();
    }
    if (forward) {
      return new Storage(Storage.Kind.CHECKPOINTED, Math.max(1, k));
    }
    return new Storage(Storage.Kind.LAST, last);
  }

  private static String checkName(String name) {
    if (name == null || !NAMES.contains(name)) {
      throw new IllegalArgumentException("estimator: unknown name '" + name
          + "' (expected one of " + String.join(", ", NAMES) + ")");
    }
    return name;
  }

  private static Function<Solution, OptimalityCondition> condition(String name) {
    if (EstimatorOptions.FIXED_POINT.equals(name)) {
      return solution -> {
        if (solution.iterations() == 0) {
          throw new IllegalArgumentException("implicit with condition fixed-point needs at "
              + "least one iteration (it uses the last step), got k = 0");
        }
        return new FixedPoint(solution.solver(),
            solution.trajectory().step(solution.iterations() - 1));
      };
    }
    return solution -> new Stationarity(solution.solver().problem());
  }
}
