package dev.iterdiff.spark.sweep;

import java.io.Serializable;

/**
 * The ids [first, end) of a sweep's instances that one partition runs; what the driver
 * sends instead of the instances themselves.
 *
 * @param first first id.
 * @param end   one past the last id.
 */
public record InstanceRange(long first, long end) implements Serializable {

  /** The instance count. */
  public long size() {
    return end - first;
  }
}
