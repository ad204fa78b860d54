package dev.iterdiff.spark.config;

import dev.iterdiff.spark.config.JobConfigException;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigSyntax;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the instances of a sweep from a file, by extension:
 *
 * <ul>
 *   <li>{@code .jsonl} / {@code .json}: one JSON object per line,
 *       {@code {"data": "diabetes", "theta": [0.1, 2.0]}} ({@code data} optional: every data
 *       set; {@code theta} a number or an array);</li>
 *   <li>{@code .csv}: a header line; a column named {@code data} is optional, every other
 *       column is one θ coordinate, in order.</li>
 * </ul>
 * Blank lines and lines starting with {@code #} are skipped. Errors name the file and line.
 */
public final class InstanceFileReader {

  /** One row: the data set name (null = every data set) and θ. */
  public record Row(String data, double[] theta, int line) {}

  private InstanceFileReader() {}

  /**
   * @param in     the file's content.
   * @param source the file's path, for messages and for the format (by extension).
   * @throws JobConfigException naming the file and line of a malformed row, or an empty file.
   */
  public static List<Row> read(BufferedReader in, String source) {
    String lower = source.toLowerCase(java.util.Locale.ROOT);
    boolean csv = lower.endsWith(".csv");
    if (!csv && !lower.endsWith(".jsonl") && !lower.endsWith(".json")) {
      throw new JobConfigException("sweep.theta.file", "unknown format of " + source
          + " (expected .jsonl, .json or .csv)");
    }
    List<Row> rows = new ArrayList<>();
    try {
      String line;
      int n = 0;
      String[] header = null;
      while ((line = in.readLine()) != null) {
        n++;
        String t = line.trim();
        if (t.isEmpty() || t.startsWith("#")) {
          continue;
        }
        if (!csv) {
          rows.add(jsonRow(t, source, n));
        } else if (header == null) {
          header = csvHeader(t);
        } else {
          rows.add(csvRow(header, t, source, n));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + source, e);
    }
    if (rows.isEmpty()) {
      throw new JobConfigException("sweep.theta.file", source + ": no instances in the file");
    }
    return rows;
  }

  /**
   * Whether a line holds nothing to read: blank, or a comment starting with {@code #}.
   */
  public static boolean skipped(String line) {
    String t = line.trim();
    return t.isEmpty() || t.startsWith("#");
  }

  /** The column names of a CSV header line, trimmed. */
  public static String[] csvHeader(String line) {
    String[] header = line.trim().split(",", -1);
    for (int i = 0; i < header.length; i++) {
      header[i] = header[i].trim();
    }
    return header;
  }

  /**
   * One JSON-lines row, as {@link #read} parses it.
   *
   * @param source the file, for messages.
   * @param n      the line number, for messages.
   * @throws JobConfigException naming the file and line.
   */
  public static Row jsonRow(String line, String source, int n) {
    Config c;
    try {
      c = ConfigFactory.parseString(line, ConfigParseOptions.defaults()
          .setSyntax(ConfigSyntax.JSON));
    } catch (ConfigException e) {
      throw bad(source, n, "not a JSON object: " + e.getMessage());
    }
    for (String k : c.root().keySet()) {
      if (!k.equals("data") && !k.equals("theta")) {
        throw bad(source, n, "unknown key '" + k + "' (known: data, theta)");
      }
    }
    if (!c.hasPath("theta")) {
      throw bad(source, n, "missing \"theta\"");
    }
    ConfigValue v = c.getValue("theta");
    double[] theta;
    if (v.valueType() == ConfigValueType.NUMBER) {
      theta = new double[] {((Number) v.unwrapped()).doubleValue()};
    } else if (v.valueType() == ConfigValueType.LIST) {
      List<?> items = (List<?>) v.unwrapped();
      theta = new double[items.size()];
      for (int i = 0; i < theta.length; i++) {
        if (!(items.get(i) instanceof Number num)) {
          throw bad(source, n, "theta[" + i + "] is not a number: " + items.get(i));
        }
        theta[i] = num.doubleValue();
      }
    } else {
      throw bad(source, n, "\"theta\" must be a number or an array of numbers, got "
          + v.render());
    }
    String data = null;
    if (c.hasPath("data")) {
      if (c.getValue("data").valueType() != ConfigValueType.STRING) {
        throw bad(source, n, "\"data\" must be a string, got " + c.getValue("data").render());
      }
      data = c.getString("data");
    }
    return check(new Row(data, theta, n), source);
  }

  /**
   * One CSV row under {@code header}, as {@link #read} parses it.
   *
   * @throws JobConfigException naming the file and line.
   */
  public static Row csvRow(String[] header, String line, String source, int n) {
    String[] cells = line.trim().split(",", -1);
    if (cells.length != header.length) {
      throw bad(source, n, cells.length + " fields, header has " + header.length);
    }
    String data = null;
    List<Double> theta = new ArrayList<>();
    for (int i = 0; i < cells.length; i++) {
      String cell = cells[i].trim();
      if (header[i].equals("data")) {
        data = cell.isEmpty() ? null : cell;
        continue;
      }
      try {
        theta.add(Double.parseDouble(cell));
      } catch (NumberFormatException e) {
        throw bad(source, n, "column '" + header[i] + "' is not a number: '" + cell + "'");
      }
    }
    if (theta.isEmpty()) {
      throw bad(source, n, "no theta columns");
    }
    return check(new Row(data, theta.stream().mapToDouble(Double::doubleValue).toArray(), n),
        source);
  }

  /**
   * A row read from elsewhere (a Parquet instance file), checked as the text rows are: θ not
   * empty, every entry finite.
   *
   * @throws JobConfigException naming the file and line (row).
   */
  public static Row check(Row r, String source) {
    if (r.theta().length == 0) {
      throw bad(source, r.line(), "empty theta");
    }
    for (int i = 0; i < r.theta().length; i++) {
      if (!Double.isFinite(r.theta()[i])) {
        throw bad(source, r.line(), "theta[" + i + "] is " + r.theta()[i] + " (must be finite)");
      }
    }
    return r;
  }

  private static JobConfigException bad(String source, int line, String what) {
    return new JobConfigException("sweep.theta.file", source + ":" + line + ": " + what);
  }
}
