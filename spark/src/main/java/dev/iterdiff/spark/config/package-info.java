/**
 * Job configurations as typed records, read strictly from HOCON with {@code --set}
 * overrides: an unknown key, a value of the wrong type, an out-of-range value or an unknown
 * name fails with a {@link dev.iterdiff.spark.config.JobConfigException} naming the full key,
 * before any Spark work. {@link dev.iterdiff.spark.config.SweepConfig} (θ grids: {@link
 * dev.iterdiff.spark.config.ThetaSpec}; instance files: {@link
 * dev.iterdiff.spark.config.InstanceFileReader}) and {@link
 * dev.iterdiff.spark.config.HyperoptConfig}. No Spark imports.
 */
package dev.iterdiff.spark.config;
