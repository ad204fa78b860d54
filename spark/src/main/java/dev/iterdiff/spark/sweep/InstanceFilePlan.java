package dev.iterdiff.spark.sweep;

import dev.iterdiff.spark.config.JobConfigException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where each input split of an instance file starts, in lines and in instance ids: the splits
 * ordered by (file, first byte), lines numbered from 1 in each file, ids given data set by data
 * set with rows in file order — exactly those of the driver-side reader ({@link InstanceSpace}
 * over {@code InstanceFileReader}'s rows). Built on the driver from the counting pass's blocks
 * (one per split, {@link InstanceFileCounter}), broadcast to the generating pass
 * ({@link InstanceFileGenerator}) with the parser; its size is the number of splits, not of
 * rows.
 *
 * @param parser  how the rows are parsed.
 * @param offsets per split ({@link #key}), where it starts.
 * @param size    the instance count.
 */
record InstanceFilePlan(InstanceLineParser parser, Map<String, Offsets> offsets, long size)
    implements Serializable {

  /**
   * Where a split starts.
   *
   * @param line its first line's number in its file, minus one.
   * @param ids  per target, the id of its first instance there.
   */
  record Offsets(long line, long[] ids) implements Serializable {}

  /** The key of the split of {@code file} starting at byte {@code start}. */
  static String key(String file, long start) {
    return file + "@" + start;
  }

  /**
   * Orders the splits, numbers their lines and ids.
   *
   * @param path the file as configured (in messages).
   * @throws JobConfigException naming {@code sweep.theta.file}: a row naming an unknown data
   *         set (its file and line, the first in file order), or no instances at all.
   */
  static InstanceFilePlan of(InstanceLineParser parser, List<InstanceFileCounter.Block> blocks,
      String path) {
    List<InstanceFileCounter.Block> sorted = new ArrayList<>(blocks);
    sorted.sort(Comparator.comparing(InstanceFileCounter.Block::file)
        .thenComparingLong(InstanceFileCounter.Block::start));
    int k = parser.targetCount();
    long[] total = new long[k];
    for (InstanceFileCounter.Block b : sorted) {
      for (int d = 0; d < k; d++) {
        total[d] += b.instances()[d];
      }
    }
    long[] next = new long[k];
    long first = 0;
    for (int d = 0; d < k; d++) {
      next[d] = first;
      first += total[d];
    }
    Map<String, Offsets> out = new HashMap<>();
    String file = null;
    long line = 0;
    String unknown = null;
    for (InstanceFileCounter.Block b : sorted) {
      if (!b.file().equals(file)) {
        file = b.file();
        line = 0;
      }
      out.put(key(b.file(), b.start()), new Offsets(line, next.clone()));
      if (b.unknown() != null && unknown == null) {
        unknown = parser.shown(b.file()) + ":" + (line + b.unknownAt() + 1)
            + ": unknown data set '" + b.unknown() + "'";
      }
      line += b.lines();
      for (int d = 0; d < k; d++) {
        next[d] += b.instances()[d];
      }
    }
    if (unknown != null) {
      throw new JobConfigException(InstanceFileSource.KEY, unknown);
    }
    if (first == 0) {
      throw new JobConfigException(InstanceFileSource.KEY, path + ": no instances in the file");
    }
    return new InstanceFilePlan(parser, out, first);
  }

  /**
   * Where the split of {@code file} at byte {@code start} starts.
   *
   * @throws IllegalStateException if the counting pass did not see that split.
   */
  Offsets at(String file, long start) {
    Offsets o = offsets.get(key(file, start));
    if (o == null) {
      throw new IllegalStateException("instance file split " + file + " at byte " + start
          + " was not seen by the counting pass (did the file change?)");
    }
    return o;
  }
}
