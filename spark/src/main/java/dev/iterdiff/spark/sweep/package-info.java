/**
 * The sweep job ({@link dev.iterdiff.spark.sweep.SweepJob}): instances built on the driver
 * ({@link dev.iterdiff.spark.sweep.SweepPlan}), size-aware partitions ({@link
 * dev.iterdiff.spark.sweep.InstancePartitioner}), a per-partition runner reusing workspaces
 * ({@link dev.iterdiff.spark.sweep.InstanceRunner}), the Parquet row schema with MLlib
 * vectors ({@link dev.iterdiff.spark.sweep.SweepRowSchema}) and the per-estimator summary; the
 * same runner as a plain in-process loop ({@link dev.iterdiff.spark.sweep.LocalSweep}).
 */
package dev.iterdiff.spark.sweep;
