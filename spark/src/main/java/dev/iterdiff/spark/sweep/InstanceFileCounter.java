package dev.iterdiff.spark.sweep;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Row;

/**
 * The counting pass over an instance file: for each input split of a partition (rows tagged
 * with their file and the split's first byte, {@link InstanceFileSource#read}), one
 * {@link Block} with its line count, the instances each target gets from it and the first row
 * naming an unknown data set. The driver collects one block per split, never a row.
 */
final class InstanceFileCounter implements FlatMapFunction<Iterator<Row>,
    InstanceFileCounter.Block> {

  private static final long serialVersionUID = 1L;

  /**
   * One input split as the counting pass sees it.
   *
   * @param file      its file (Spark's path).
   * @param start     its first byte in the file.
   * @param lines     its lines (rows), blank and comment lines included.
   * @param instances per target (data set; own data: one entry), the instances its lines give.
   * @param unknown   the first data set name it names that the config lacks, or null.
   * @param unknownAt that row's index within the split.
   */
  record Block(String file, long start, long lines, long[] instances, String unknown,
      long unknownAt) implements Serializable {}

  private final InstanceLineParser parser;

  InstanceFileCounter(InstanceLineParser parser) {
    this.parser = parser;
  }

  @Override
  public Iterator<Block> call(Iterator<Row> rows) {
    List<Block> out = new ArrayList<>();
    String file = null;
    long start = -1;
    long lines = 0;
    long[] counts = null;
    String unknown = null;
    long unknownAt = -1;
    boolean first = true;
    int k = parser.targetCount();
    while (rows.hasNext()) {
      Row r = rows.next();
      int fi = r.fieldIndex(InstanceFileSource.FILE);
      String f = r.getString(fi);
      long s = r.getLong(fi + 1);
      if (!f.equals(file) || s != start) {
        if (file != null) {
          out.add(new Block(file, start, lines, counts, unknown, unknownAt));
        }
        file = f;
        start = s;
        lines = 0;
        counts = new long[k];
        unknown = null;
        unknownAt = -1;
        first = s == 0;
      }
      InstanceLineParser.Parsed p = parser.parse(r, f, 0, first);
      if (!p.skip()) {
        first = false;
        int[] t = parser.targets(p);
        if (t == null) {
          if (unknown == null) {
            unknown = p.row().data();
            unknownAt = lines;
          }
        } else {
          for (int d : t) {
            counts[d]++;
          }
        }
      } else if (parser.endsFirst(r, first)) {
        first = false;
      }
      lines++;
    }
    if (file != null) {
      out.add(new Block(file, start, lines, counts, unknown, unknownAt));
    }
    return out.iterator();
  }
}
