package dev.iterdiff.spark.sweep;

import dev.iterdiff.spark.config.SweepConfig;

import java.io.Serializable;

/**
 * One problem instance of a sweep: a data set and a θ. Built on the driver, shipped to the
 * executors inside their partition.
 *
 * @param id      unique, dense id in build order (data set by data set, θ in grid order).
 * @param data    index of the data set in {@link SweepConfig#data()}.
 * @param theta   θ. Not modified by the runner.
 * @param cost    estimated relative cost, for size-aware partitioning only.
 */
public record SweepInstance(long id, int data, double[] theta, double cost)
    implements Serializable {}
