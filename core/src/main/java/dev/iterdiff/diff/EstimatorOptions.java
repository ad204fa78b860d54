package dev.iterdiff.diff;

import dev.iterdiff.linalg.LinearSolvers;
import dev.iterdiff.map.Checks;
import dev.iterdiff.optimality.Conditions;
import dev.iterdiff.optimality.FixedPoint;
import java.io.Serializable;

/**
 * Options of the estimators, as the CLI and the jobs pass them to
 * {@link Estimators#byName} and {@link Estimators#requiredStorage}. {@link #defaults()} is the
 * one place their defaults live; {@code iterdiff jacobian}, the sweep, hyperopt and the
 * benchmarks start from it.
 *
 * @param truncation          K of {@code truncated} (≥ 1), or 0 when not set.
 * @param linearSolver        linear solver of {@code implicit}: auto, cholesky, lu, cg, gmres,
 *                            bicgstab, neumann.
 * @param linearTolerance     relative residual the implicit linear solve must reach.
 * @param linearMaxIterations iteration cap of iterative linear solvers; 0 = default
 *                            ({@code LinearSolvers.defaultMaxIterations}).
 * @param condition           optimality condition of {@code implicit}, a name of
 *                            {@link Conditions#CATALOG} (stationarity: ∇ₓf = 0 at x_k;
 *                            fixed-point: F(s) − s = 0 at s_k with the last step; …) or
 *                            {@link Conditions#AUTO}: the one that holds for each solve's
 *                            solver and problem ({@link Conditions#defaultFor}).
 * @param checkpointing       unrolled-reverse on a checkpointed trajectory (memory ≈ √k·s)
 *                            instead of the full one.
 * @param diagnostics         which diagnostics to attach.
 */
public record EstimatorOptions(int truncation, String linearSolver, double linearTolerance,
    int linearMaxIterations, String condition, boolean checkpointing,
    DiagnosticsOptions diagnostics) implements Serializable {

  private static final long serialVersionUID = 1L;

  /** Condition names. */
  public static final String STATIONARITY = dev.iterdiff.optimality.Stationarity.NAME;

  /** Condition names. */
  public static final String FIXED_POINT = FixedPoint.NAME;

  /**
   * @throws IllegalArgumentException on a negative truncation or iteration cap, a bad
   *         tolerance, an unknown linear solver or condition, naming the value (and the valid
   *         names: {@link dev.iterdiff.catalog.UnknownNameException}).
   */
  public EstimatorOptions {
    if (truncation < 0) {
      throw new IllegalArgumentException("truncation K must be >= 1, got " + truncation);
    }
    if (linearMaxIterations < 0) {
      throw new IllegalArgumentException(
          "linear solver max iterations must be >= 0, got " + linearMaxIterations);
    }
    Checks.positive("linear solver tolerance", linearTolerance);
    linearSolver = linearSolver == null ? LinearSolvers.AUTO : LinearSolvers.choice(linearSolver);
    if (condition == null) {
      condition = Conditions.AUTO;
    }
    condition = Conditions.choice(condition);
    if (diagnostics == null) {
      diagnostics = DiagnosticsOptions.full();
    }
  }

  /**
   * No truncation, automatic linear solver at 1e-12, the condition that holds for each solve
   * ({@link Conditions#AUTO}: stationarity for a smooth problem, the prox-gradient fixed point
   * for f + g, kkt after interior-point), no checkpointing, all diagnostics.
   */
  public static EstimatorOptions defaults() {
    return new EstimatorOptions(0, "auto", Implicit.DEFAULT_TOLERANCE, 0, Conditions.AUTO,
        false, DiagnosticsOptions.full());
  }

  /** With truncation K. */
  public EstimatorOptions withTruncation(int k) {
    return new EstimatorOptions(k, linearSolver, linearTolerance, linearMaxIterations,
        condition, checkpointing, diagnostics);
  }

  /** With a linear solver name and tolerance. */
  public EstimatorOptions withLinearSolver(String name, double tolerance) {
    return new EstimatorOptions(truncation, name, tolerance, linearMaxIterations, condition,
        checkpointing, diagnostics);
  }

  /** With an optimality condition name. */
  public EstimatorOptions withCondition(String name) {
    return new EstimatorOptions(truncation, linearSolver, linearTolerance, linearMaxIterations,
        name, checkpointing, diagnostics);
  }

  /** With or without checkpointing for unrolled-reverse. */
  public EstimatorOptions withCheckpointing(boolean on) {
    return new EstimatorOptions(truncation, linearSolver, linearTolerance, linearMaxIterations,
        condition, on, diagnostics);
  }

  /** With the given diagnostics. */
  public EstimatorOptions withDiagnostics(DiagnosticsOptions d) {
    return new EstimatorOptions(truncation, linearSolver, linearTolerance, linearMaxIterations,
        condition, checkpointing, d);
  }
}
