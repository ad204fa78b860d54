/**
 * The Spark side of iterdiff. The sweep job ({@link dev.iterdiff.spark.SweepJob}): a strict
 * HOCON config ({@link dev.iterdiff.spark.SweepConfig}), θ grids and instance files, instances
 * built on the driver ({@link dev.iterdiff.spark.SweepPlan}), size-aware partitions
 * ({@link dev.iterdiff.spark.InstancePartitioner}), a per-partition runner reusing workspaces
 * ({@link dev.iterdiff.spark.InstanceRunner}), the Parquet row schema with MLlib vectors
 * ({@link dev.iterdiff.spark.SweepRowSchema}) and the per-estimator summary; the same runner
 * as a plain in-process loop ({@link dev.iterdiff.spark.LocalSweep}). Only this package and
 * {@code cli} import Spark.
 */
package dev.iterdiff.spark;
