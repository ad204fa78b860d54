/**
 * The project's benchmarks, in one place, each behind an {@code iterdiff bench} command:
 * the estimators' cost as a ratio to the solve ({@link dev.iterdiff.bench.EstimatorSuite},
 * {@code bench estimators}: median of repeated runs in one JVM after warm-up, on the
 * synthetic data of {@code dev.iterdiff.data} — the two Gaussian classes of the Newton
 * experiment of Bolte, Pauwels &amp; Vaiter (NeurIPS 2023) and least squares with a prescribed
 * condition number), the sweep's throughput and Spark overhead ({@link
 * dev.iterdiff.bench.SweepBenchmark}, {@code bench sweep}) and hyperopt against Spark ML's
 * CrossValidator ({@link dev.iterdiff.bench.HyperoptBenchmark}, {@code bench hyperopt}).
 */
package dev.iterdiff.bench;
