/**
 * The estimator benchmark: the cost of each estimator of ∂x/∂θ as a ratio to the solve
 * alone, median of repeated runs in one JVM after warm-up (issue 2, {@code iterdiff bench
 * estimators}), and the synthetic data it runs on — the two Gaussian classes of the Newton
 * experiment of Bolte, Pauwels &amp; Vaiter (NeurIPS 2023) and least squares with a prescribed
 * condition number. Plain Java: no Spark.
 */
package dev.iterdiff.bench;
