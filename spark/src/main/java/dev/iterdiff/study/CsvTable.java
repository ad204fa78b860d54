package dev.iterdiff.study;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The numbers behind a figure: a header and rows of text or numbers, written as RFC 4180 CSV
 * (numbers by {@link Double#toString}, so they read back exactly; integers without a point).
 */
public final class CsvTable {

  private final List<String> columns;
  private final List<Object[]> rows = new ArrayList<>();

  /** @param columns the header. */
  public CsvTable(String... columns) {
    this.columns = List.of(columns);
  }

  /** The header. */
  public List<String> columns() {
    return columns;
  }

  /** Number of rows. */
  public int size() {
    return rows.size();
  }

  /**
   * Appends a row of Strings, Integers, Longs or Doubles.
   *
   * @throws IllegalArgumentException if the row's length is not the header's.
   */
  public void add(Object... row) {
    if (row.length != columns.size()) {
      throw new IllegalArgumentException("csv row of " + row.length + " values vs "
          + columns.size() + " columns " + columns + ": " + Arrays.toString(row));
    }
    rows.add(row.clone());
  }

  /** Writes the table to {@code file} (its directory is created). */
  public Path write(Path file) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    if (dir != null) {
      Files.createDirectories(dir);
    }
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      w.write(String.join(",", columns));
      w.write('\n');
      for (Object[] row : rows) {
        for (int i = 0; i < row.length; i++) {
          if (i > 0) {
            w.write(',');
          }
          w.write(cell(row[i]));
        }
        w.write('\n');
      }
    }
    return file;
  }

  private static String cell(Object v) {
    if (v instanceof String s) {
      return s.contains(",") || s.contains("\"") ? '"' + s.replace("\"", "\"\"") + '"' : s;
    }
    return String.valueOf(v);
  }
}
