package dev.iterdiff.data;

import dev.iterdiff.problem.LabeledData;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a {@link LabeledData} as LIBSVM text that {@link LibsvmReader} reads back: one line
 * {@code label idx:val ...} per sample, 1-based ascending indices, exact zeros omitted
 * (the sparse convention; read it back with the fixed number of features if trailing
 * columns may be all zero).
 *
 * <p>Numbers are rounded to {@link #SIGNIFICANT_DIGITS} significant digits and printed in
 * plain decimal without trailing zeros ({@code 1}, {@code -0.471847485442}), through
 * {@link BigDecimal}, so the bytes written do not depend on the JDK's {@code Double.toString}.
 */
public final class LibsvmWriter {

  /** Significant digits of every number written. */
  public static final int SIGNIFICANT_DIGITS = 12;

  private static final MathContext ROUNDING = new MathContext(SIGNIFICANT_DIGITS);

  private LibsvmWriter() {}

  /**
   * Writes the data set to a file (created or truncated), with header comment lines
   * (each written as {@code "# " + line}).
   *
   * @throws IOException if the file cannot be written.
   */
  public static void write(LabeledData data, Path file, String... comments) throws IOException {
    try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      write(data, out, comments);
    }
  }

  /** Writes the data set to {@code out} (not closed). */
  public static void write(LabeledData data, Writer out, String... comments) throws IOException {
    for (String comment : comments) {
      out.write("# " + comment + "\n");
    }
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < data.rows(); i++) {
      line.setLength(0);
      line.append(format(data.labels()[i]));
      for (int j = 0; j < data.cols(); j++) {
        double v = data.get(i, j);
        if (v != 0) {
          line.append(' ').append(j + 1).append(':').append(format(v));
        }
      }
      out.write(line.append('\n').toString());
    }
  }

  /** v rounded to {@link #SIGNIFICANT_DIGITS} digits, plain decimal, no trailing zeros. */
  public static String format(double v) {
    if (!Double.isFinite(v)) {
      throw new IllegalArgumentException("cannot write " + v + " to LIBSVM");
    }
    if (v == 0) {
      return "0";
    }
    return new BigDecimal(v).round(ROUNDING).stripTrailingZeros().toPlainString();
  }
}
