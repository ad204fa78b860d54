package dev.iterdiff.data;

import dev.iterdiff.problem.LabeledData;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * Reads LIBSVM text into a dense {@link LabeledData} (column-major, as given: no scaling, no
 * intercept).
 *
 * <p>Format, one sample per line: {@code label idx:val idx:val ...}, tokens separated by
 * spaces or tabs. Indices are 1-based and strictly ascending within a line; a feature that
 * is not listed is 0. Numbers are plain decimals ({@code 1}, {@code -0.5}, {@code 2.5e-3},
 * {@code +1}); NaN and infinite values are rejected. {@code #} starts a comment that runs to
 * the end of the line; blank and comment-only lines are skipped. Line numbers in messages
 * count every line of the file from 1. Lines may end in LF or CRLF, and a UTF-8 byte-order
 * mark at the start of the file is skipped (editors on Windows write both).
 *
 * <p>The number of features p is the largest index seen, or fixed by the caller (then an
 * index &gt; p is an error and trailing all-zero features are kept). The dense matrix is
 * allocated only if its 8·n·p bytes fit in the heap left; otherwise the error says how many
 * bytes it would need.
 *
 * <p>Every malformation throws {@link IllegalArgumentException} whose message names the
 * source, the line and the token, e.g. {@code "data/x.libsvm:17: feature index 0 (indices
 * are 1-based)"}.
 */
public final class LibsvmReader {

  /** Decimal number: optional sign, digits with optional fraction, optional exponent. */
  private static final Pattern NUMBER =
      Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
  private static final Pattern NON_FINITE =
      Pattern.compile("[+-]?(nan|inf|infinity)", Pattern.CASE_INSENSITIVE);
  private static final Pattern SEPARATORS = Pattern.compile("[ \\t]+");

  /** Marker for "infer p from the largest index". */
  public static final int INFER_FEATURES = -1;

  private LibsvmReader() {}

  /**
   * Reads a local LIBSVM file, p = largest index.
   *
   * @throws IOException              if the file cannot be read (missing, a directory, …).
   * @throws IllegalArgumentException on malformed content, naming file, line and token.
   */
  public static LabeledData read(Path file) throws IOException {
    return read(file, INFER_FEATURES);
  }

  /**
   * Reads a local LIBSVM file with a fixed number of features.
   *
   * @param features p &gt; 0, or {@link #INFER_FEATURES}.
   * @throws IOException              if the file cannot be read.
   * @throws IllegalArgumentException on malformed content or an index &gt; p.
   */
  public static LabeledData read(Path file, int features) throws IOException {
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return read(file.toString(), in, features);
    }
  }

  /**
   * Reads LIBSVM text from any reader (e.g. a Hadoop stream opened by a Spark job).
   *
   * @param source   name used in messages and as {@link LabeledData#source()}.
   * @param reader   the text. Consumed, not closed.
   * @param features p &gt; 0, or {@link #INFER_FEATURES}.
   * @throws IOException              if reading fails.
   * @throws IllegalArgumentException on malformed content, naming source, line and token.
   */
  public static LabeledData read(String source, Reader reader, int features) throws IOException {
    if (features != INFER_FEATURES && features <= 0) {
      throw new IllegalArgumentException(source + ": number of features must be > 0, got "
          + features);
    }
    BufferedReader in = reader instanceof BufferedReader b ? b : new BufferedReader(reader);
    SparseRows rows = new SparseRows();
    int maxIndex = 0;
    int lineNumber = 0;
    for (String line = in.readLine(); line != null; line = in.readLine()) {
      lineNumber++;
      if (lineNumber == 1 && line.startsWith("\uFEFF")) {
        line = line.substring(1);
      }
      int hash = line.indexOf('#');
      String content = (hash >= 0 ? line.substring(0, hash) : line).strip();
      if (content.isEmpty()) {
        continue;
      }
      String where = source + ":" + lineNumber + ": ";
      String[] tokens = SEPARATORS.split(content);
      double label = parseNumber(tokens[0], where, "label");
      rows.startRow(label);
      int previous = 0;
      for (int t = 1; t < tokens.length; t++) {
        String token = tokens[t];
        int colon = token.indexOf(':');
        if (colon < 0) {
          throw new IllegalArgumentException(where + "token '" + token
              + "' is not index:value");
        }
        int index = parseIndex(token.substring(0, colon), token, where);
        if (index <= previous) {
          throw new IllegalArgumentException(where + "feature index " + index + " after "
              + previous + " (indices must be strictly ascending)");
        }
        if (features != INFER_FEATURES && index > features) {
          throw new IllegalArgumentException(where + "feature index " + index + " > "
              + features + " features");
        }
        double value = parseNumber(token.substring(colon + 1), where, "feature " + index);
        rows.add(index - 1, value);
        previous = index;
      }
      maxIndex = Math.max(maxIndex, previous);
    }
    if (rows.count() == 0) {
      throw new IllegalArgumentException(source + " is empty: no samples");
    }
    int p = features == INFER_FEATURES ? maxIndex : features;
    if (p == 0) {
      throw new IllegalArgumentException(source + ": no features: all " + rows.count()
          + " samples have only a label");
    }
    return rows.toDataset(p, source);
  }

  private static int parseIndex(String text, String token, String where) {
    if (text.isEmpty() || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw new IllegalArgumentException(where + "feature index '" + text + "' in '" + token
          + "' is not a positive integer");
    }
    int index;
    try {
      index = Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(where + "feature index '" + text + "' is too large");
    }
    if (index == 0) {
      throw new IllegalArgumentException(where + "feature index 0 (indices are 1-based)");
    }
    return index;
  }

  /** Parses a finite decimal; {@code what} is "label" or "feature j". */
  private static double parseNumber(String text, String where, String what) {
    if (NON_FINITE.matcher(text).matches()) {
      String kind = text.toLowerCase().contains("nan") ? "NaN" : "infinite";
      throw new IllegalArgumentException(where + kind + " value '" + text + "' for " + what);
    }
    if (!NUMBER.matcher(text).matches()) {
      throw new IllegalArgumentException(where + what + ": value '" + text
          + "' is not a number");
    }
    double v = Double.parseDouble(text);
    if (!Double.isFinite(v)) {
      throw new IllegalArgumentException(where + what + ": value '" + text
          + "' overflows a double");
    }
    return v;
  }

  /** Growable sparse rows: labels, row starts, (column, value) pairs. */
  private static final class SparseRows {
    private double[] labels = new double[64];
    private int[] rowStart = new int[65];
    private int[] cols = new int[256];
    private double[] values = new double[256];
    private int rows;
    private int nnz;

    int count() {
      return rows;
    }

    void startRow(double label) {
      if (rows == labels.length) {
        labels = Arrays.copyOf(labels, 2 * rows);
        rowStart = Arrays.copyOf(rowStart, 2 * rows + 1);
      }
      labels[rows] = label;
      rows++;
      rowStart[rows] = nnz;
    }

    void add(int col, double value) {
      if (nnz == cols.length) {
        cols = Arrays.copyOf(cols, 2 * nnz);
        values = Arrays.copyOf(values, 2 * nnz);
      }
      cols[nnz] = col;
      values[nnz] = value;
      nnz++;
      rowStart[rows] = nnz;
    }

    LabeledData toDataset(int p, String source) {
      long size = (long) rows * p;
      Runtime rt = Runtime.getRuntime();
      long free = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
      if (size > Integer.MAX_VALUE - 8 || 8 * size > free) {
        throw new IllegalArgumentException(source + ": a dense " + rows + " x " + p
            + " matrix (largest feature index " + p + ") would need " + 8 * size
            + " bytes, " + (size > Integer.MAX_VALUE - 8 ? "more than a Java array holds"
            : "more than the " + free + " bytes of heap left")
            + "; the data must be smaller (fewer samples or a smaller largest index)");
      }
      double[] a = new double[(int) size];
      for (int i = 0; i < rows; i++) {
        for (int k = rowStart[i]; k < rowStart[i + 1]; k++) {
          a[i + cols[k] * rows] = values[k];
        }
      }
      return new LabeledData(a, rows, p, Arrays.copyOf(labels, rows), source);
    }
  }
}
