package dev.iterdiff.report;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A small comma-separated table as the jobs write it (one header line, no quoting, {@code null}
 * for a missing number): cells as text, columns as numbers.
 *
 * @param header column names.
 * @param lines  the cells of each data line.
 */
public record Csv(List<String> header, List<String[]> lines) {

  /**
   * Parses the text.
   *
   * @param source named in errors.
   * @throws IOException on an empty text or a line of another width (naming line and widths).
   */
  public static Csv parse(String text, String source) throws IOException {
    String[] all = text.split("\\R");
    if (all.length == 0 || all[0].isBlank()) {
      throw new IOException(source + ": empty (no header line)");
    }
    List<String> header = List.of(all[0].split(",", -1));
    List<String[]> lines = new ArrayList<>();
    for (int i = 1; i < all.length; i++) {
      if (all[i].isBlank()) {
        continue;
      }
      String[] cells = all[i].split(",", -1);
      if (cells.length != header.size()) {
        throw new IOException(source + " line " + (i + 1) + ": " + cells.length
            + " cells under " + header.size() + " columns");
      }
      lines.add(cells);
    }
    return new Csv(header, lines);
  }

  /** Data lines. */
  public int rows() {
    return lines.size();
  }

  /** Whether a column exists. */
  public boolean has(String name) {
    return header.contains(name);
  }

  /**
   * A column as numbers: "null", empty or not a number is NaN.
   *
   * @throws IllegalArgumentException if there is no such column.
   */
  public double[] column(String name) {
    int j = header.indexOf(name);
    if (j < 0) {
      throw new IllegalArgumentException("no column '" + name + "' (have " + header + ")");
    }
    double[] v = new double[lines.size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = number(lines.get(i)[j]);
    }
    return v;
  }

  private static double number(String s) {
    try {
      return Double.parseDouble(s);
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }

  /** Table cells of lines [from, to), all columns. */
  public List<List<Object>> cells(int from, int to) {
    return cells(from, to, header);
  }

  /** Table cells of lines [from, to), the given columns: integers, numbers or text. */
  public List<List<Object>> cells(int from, int to, List<String> columns) {
    List<List<Object>> out = new ArrayList<>();
    for (int i = from; i < to; i++) {
      Object[] r = new Object[columns.size()];
      for (int c = 0; c < r.length; c++) {
        String s = lines.get(i)[header.indexOf(columns.get(c))];
        r[c] = s.matches("-?\\d{1,18}") ? (Object) Long.parseLong(s)
            : s.equals("null") ? null
            : Double.isNaN(number(s)) ? s : (Object) number(s);
      }
      out.add(Arrays.asList(r));
    }
    return out;
  }
}
