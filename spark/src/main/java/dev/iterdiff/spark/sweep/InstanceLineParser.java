package dev.iterdiff.spark.sweep;

import dev.iterdiff.spark.config.InstanceFileReader;
import dev.iterdiff.spark.config.JobConfigException;
import java.io.Serializable;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;

/**
 * How one row of an instance file becomes θ for the data sets it goes to, the same in the
 * counting pass ({@link InstanceFileCounter}) and the generating pass
 * ({@link InstanceFileGenerator}): a text line (JSON lines or CSV, parsed by
 * {@link InstanceFileReader}) or a Parquet row (data, theta); for a problem that reads its own
 * data, the line itself. A row that cannot be read is not an exception but a {@link Parsed}
 * with the error naming the file and line. Serializable: it travels to the executors.
 */
final class InstanceLineParser implements Serializable {

  private static final long serialVersionUID = 1L;

  /**
   * What one row (line) of the file is.
   *
   * @param skip  nothing (blank, comment, a CSV header).
   * @param row   the row read, or null when it could not be.
   * @param error why not (naming the file and line), or null.
   * @param text  the line (own data: the problem's JSON).
   */
  record Parsed(boolean skip, InstanceFileReader.Row row, String error, String text) {}

  private final String format;
  private final boolean ownData;
  private final List<String> dataNames;
  private final Map<String, String> display;
  private final Map<String, String[]> headers;

  /**
   * @param format    jsonl, csv or parquet.
   * @param ownData   whether each line is a problem that reads its own data (one target).
   * @param dataNames the sweep's data sets, in config order.
   * @param display   per file (its URI path), the name errors show for it.
   * @param headers   per CSV file (its URI path), its header.
   */
  InstanceLineParser(String format, boolean ownData, List<String> dataNames,
      Map<String, String> display, Map<String, String[]> headers) {
    this.format = format;
    this.ownData = ownData;
    this.dataNames = List.copyOf(dataNames);
    this.display = Map.copyOf(display);
    this.headers = Map.copyOf(headers);
  }

  /** Whether each line is a problem that reads its own data. */
  boolean ownData() {
    return ownData;
  }

  /** How many targets there are: the data sets, or one for a problem with its own data. */
  int targetCount() {
    return ownData ? 1 : dataNames.size();
  }

  /** The name errors show for {@code file} (Spark's path). */
  String shown(String file) {
    String p = new Path(file).toUri().getPath();
    return display.getOrDefault(p, file);
  }

  /**
   * Parses one row of a split: {@code first} says whether it is the first content row of a
   * split that starts its file (a CSV header there is skipped).
   */
  Parsed parse(Row r, String file, int line, boolean first) {
    String shown = shown(file);
    if (format.equals("parquet")) {
      return parquet(r, shown, line);
    }
    String text = r.getString(0);
    if (InstanceFileReader.skipped(text)) {
      return new Parsed(true, null, null, null);
    }
    if (ownData) {
      return new Parsed(false, null, null, text);
    }
    try {
      if (format.equals("csv")) {
        if (first) {
          return new Parsed(true, null, null, null);
        }
        String[] header = headers.get(new Path(file).toUri().getPath());
        return new Parsed(false, InstanceFileReader.csvRow(header, text, shown, line), null,
            null);
      }
      return new Parsed(false, InstanceFileReader.jsonRow(text.trim(), shown, line), null, null);
    } catch (JobConfigException e) {
      return new Parsed(false, null, detail(e), null);
    }
  }

  /**
   * Whether a row {@link #parse} skipped ends the "first content row" state of its split: a
   * CSV header (a skipped row that is neither blank nor a comment) does.
   */
  boolean endsFirst(Row r, boolean first) {
    return format.equals("csv") && first && !InstanceFileReader.skipped(r.getString(0));
  }

  private Parsed parquet(Row r, String shown, int line) {
    String d = r.isNullAt(0) ? null : r.getString(0);
    if (r.isNullAt(1)) {
      return new Parsed(false, new InstanceFileReader.Row(d, null, line), shown + ":" + line
          + ": theta is null", null);
    }
    List<Object> values = r.getList(1);
    double[] theta = new double[values.size()];
    for (int i = 0; i < theta.length; i++) {
      if (values.get(i) == null) {
        return new Parsed(false, new InstanceFileReader.Row(d, null, line), shown + ":" + line
            + ": theta[" + i + "] is null", null);
      }
      theta[i] = ((Number) values.get(i)).doubleValue();
    }
    try {
      return new Parsed(false, InstanceFileReader.check(
          new InstanceFileReader.Row(d, theta, line), shown), null, null);
    } catch (JobConfigException e) {
      return new Parsed(false, new InstanceFileReader.Row(d, null, line), detail(e), null);
    }
  }

  /** The message without its key: the file, line and what is wrong. */
  private static String detail(JobConfigException e) {
    String m = e.getMessage();
    String prefix = e.key() + ": ";
    return m.startsWith(prefix) ? m.substring(prefix.length()) : m;
  }

  /**
   * The targets (data set indices) a parsed row goes to: its own, every one when it names none
   * (or could not be read), null when it names an unknown one.
   */
  int[] targets(Parsed p) {
    if (ownData) {
      return new int[] {0};
    }
    String d = p.row() == null ? null : p.row().data();
    if (d == null) {
      int[] all = new int[dataNames.size()];
      for (int i = 0; i < all.length; i++) {
        all[i] = i;
      }
      return all;
    }
    int i = dataNames.indexOf(d);
    return i < 0 ? null : new int[] {i};
  }
}
