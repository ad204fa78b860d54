/**
 * The Spark side of iterdiff. The sweep job ({@link dev.iterdiff.spark.SweepJob}): a strict
 * HOCON config ({@link dev.iterdiff.spark.SweepConfig}), θ grids and instance files, instances
 * built on the driver ({@link dev.iterdiff.spark.SweepPlan}), size-aware partitions
 * ({@link dev.iterdiff.spark.InstancePartitioner}), a per-partition runner reusing workspaces
 * ({@link dev.iterdiff.spark.InstanceRunner}), the Parquet row schema with MLlib vectors
 * ({@link dev.iterdiff.spark.SweepRowSchema}) and the per-estimator summary; the same runner
 * as a plain in-process loop ({@link dev.iterdiff.spark.LocalSweep}).
 *
 * <p>The hyperopt job ({@link dev.iterdiff.spark.HyperoptJob}): distributed hypergradient
 * descent over K folds with the outer state on the driver, the folds solved on executors
 * ({@link dev.iterdiff.spark.SparkEvaluator}, warm starts in a persisted RDD keyed by fold,
 * reduction by treeAggregate), a checkpoint after every step
 * ({@link dev.iterdiff.spark.HyperoptCheckpoint}), outputs
 * ({@link dev.iterdiff.spark.HyperoptOutput}), many independent tunings at once
 * ({@link dev.iterdiff.spark.IndependentTunings}) and the benchmark against Spark ML's
 * CrossValidator ({@link dev.iterdiff.spark.HyperoptBenchmark}). Only this package and
 * {@code cli} import Spark.
 */
package dev.iterdiff.spark;
