package dev.iterdiff.spark.sweep;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;

/**
 * The generating pass over an instance file: each task parses its splits' rows with their
 * file and line number and yields the instances, with the ids and lines the broadcast
 * {@link InstanceFilePlan} gives each split — lazily, one row's instances at a time. A row
 * that could not be read yields instances that carry its error (failed rows naming the file
 * and line); an own-data row yields its text.
 */
final class InstanceFileGenerator implements FlatMapFunction<Iterator<Row>, SweepInstance> {

  private static final long serialVersionUID = 1L;
  private final Broadcast<InstanceFilePlan> plan;

  InstanceFileGenerator(Broadcast<InstanceFilePlan> plan) {
    this.plan = plan;
  }

  @Override
  public Iterator<SweepInstance> call(Iterator<Row> rows) {
    InstanceFilePlan p = plan.value();
    InstanceLineParser parser = p.parser();
    return new Iterator<>() {
      private final List<SweepInstance> pending = new ArrayList<>();
      private int at;
      private String file;
      private long start = -1;
      private long line;
      private long[] ids;
      private boolean first;

      @Override
      public boolean hasNext() {
        while (at >= pending.size()) {
          pending.clear();
          at = 0;
          if (!rows.hasNext()) {
            return false;
          }
          Row r = rows.next();
          int fi = r.fieldIndex(InstanceFileSource.FILE);
          String f = r.getString(fi);
          long s = r.getLong(fi + 1);
          if (!f.equals(file) || s != start) {
            InstanceFilePlan.Offsets o = p.at(f, s);
            file = f;
            start = s;
            line = o.line();
            ids = o.ids().clone();
            first = s == 0;
          }
          line++;
          InstanceLineParser.Parsed parsed = parser.parse(r, f, (int) line, first);
          if (parsed.skip()) {
            if (parser.endsFirst(r, first)) {
              first = false;
            }
            continue;
          }
          first = false;
          int[] t = parser.targets(parsed);
          if (t == null) {
            continue; // refused by the plan; never reached
          }
          String origin = parser.shown(f) + ":" + line;
          for (int d : t) {
            long id = ids[d]++;
            if (parser.ownData()) {
              pending.add(new SweepInstance(id, -1, null, 1.0, origin, parsed.text(), null));
            } else if (parsed.error() != null) {
              pending.add(new SweepInstance(id, d, null, 1.0, null, null, parsed.error()));
            } else {
              pending.add(new SweepInstance(id, d, parsed.row().theta(), 1.0));
            }
          }
        }
        return true;
      }

      @Override
      public SweepInstance next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return pending.get(at++);
      }
    };
  }
}
