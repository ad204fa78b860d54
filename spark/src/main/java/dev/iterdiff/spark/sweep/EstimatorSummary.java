package dev.iterdiff.spark.sweep;

import java.io.Serializable;

/**
 * Summary of one estimator over a sweep.
 *
 * @param estimator         estimator name.
 * @param rows              rows (instances) of this estimator.
 * @param failures          rows whose status is not ok.
 * @param medianError       median relative Jacobian error ‖J − J_ref‖_F/‖J_ref‖_F over the ok
 *                          rows (NaN without a reference).
 * @param medianCostRatio   median of diff_seconds / solve_seconds over the ok rows.
 * @param medianSolveSeconds median solve time over the ok rows.
 */
public record EstimatorSummary(String estimator, long rows, long failures, double medianError,
    double medianCostRatio, double medianSolveSeconds) implements Serializable {}
