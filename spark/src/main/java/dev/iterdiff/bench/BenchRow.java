package dev.iterdiff.bench;

/**
 * One line of the benchmark table: the cost of one estimator on one instance. Times are
 * medians over the measured repetitions, in milliseconds.
 *
 * @param setting         e.g. {@code newton-logistic}.
 * @param parametrization what θ is.
 * @param n               dim x.
 * @param m               dim θ.
 * @param iterations      solver iterations k.
 * @param rounds          measured rounds (the medians are over these).
 * @param estimator       estimator name.
 * @param product         {@code vjp} or {@code jacobian}.
 * @param storage         storage of its solve, e.g. {@code LAST(1)}, {@code FULL}.
 * @param baselineMs      median time of the solve alone with LAST(1) storage.
 * @param solveMs         median time of the solve with this estimator's storage.
 * @param estimatorMs     median time of the estimator call alone.
 * @param ratio           median(solve + estimator) / baselineMs.
 * @param extra           estimatorMs / baselineMs: the estimator's own share.
 * @param minRatio        min(solve + estimator) / min(solve_LAST(1)) over the rounds: less
 *                        sensitive to other processes on a loaded machine than the median.
 * @param relativeError   ‖product − reference‖/‖reference‖ for products of the reference's
 *                        kind and length (the estimator's accuracy on this instance), else NaN.
 * @param status          {@code ok}, or what went wrong (the estimator's exception).
 */
public record BenchRow(String setting, String parametrization, int n, int m, int iterations,
    int rounds, String estimator, String product, String storage, double baselineMs, double solveMs,
    double estimatorMs, double ratio, double extra, double minRatio, double relativeError, String status) {}
