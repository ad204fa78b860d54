/**
 * The Spark side of iterdiff, in one package per concern:
 *
 * <ul>
 *   <li>{@code spark.config}: the job configurations (strict HOCON, θ grids, instance files),
 *       read and validated on the driver before Spark starts; no Spark imports.
 *   <li>{@code spark.sweep}: the sweep job — many (data, θ) instances on executors, one
 *       Parquet row per (instance, estimator), and the same runner as an in-process loop.
 *   <li>{@code spark.hyperopt}: distributed hypergradient descent over folds, checkpoints and
 *       resume, many independent tunings at once.
 *   <li>this package: what every job shares — the session ({@link
 *       dev.iterdiff.spark.SparkSessions}), output paths ({@link dev.iterdiff.spark.OutputPaths})
 *       and the local file system of local mode ({@link dev.iterdiff.spark.NioLocalFileSystem}).
 * </ul>
 *
 * The benchmarks live in {@code dev.iterdiff.bench}. Only the spark and cli modules import
 * Spark; the core module cannot.
 */
package dev.iterdiff.spark;
