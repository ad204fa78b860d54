package dev.iterdiff.problem;

import dev.iterdiff.map.Checks;

/**
 * A labelled data set: the design matrix A (rows × cols, column-major, used as given — no
 * intercept, no scaling) and one label per row. {@code source} names where it came from
 * (a file path) for error messages and provenance.
 *
 * @param a      column-major rows × cols design matrix; entry (i, j) at {@code a[i + j * rows]}.
 * @param rows   N, number of samples.
 * @param cols   p, number of features.
 * @param labels length rows.
 * @param source where the data came from, e.g. a file path.
 */
public record LabeledData(double[] a, int rows, int cols, double[] labels, String source) {

  /**
   * @throws IllegalArgumentException on inconsistent sizes, an empty data set, or a non-finite
   *         entry (named by row and column).
   */
  public LabeledData {
    Checks.positive(source + ": rows", rows);
    Checks.positive(source + ": cols", cols);
    Checks.length(source + ": design matrix", a, Math.multiplyExact(rows, cols));
    Checks.length(source + ": labels", labels, rows);
    for (int j = 0; j < cols; j++) {
      for (int i = 0; i < rows; i++) {
        double v = a[i + j * rows];
        if (!Double.isFinite(v)) {
          throw new IllegalArgumentException(source + ": feature " + (j + 1) + " of row "
              + (i + 1) + " is " + v + " (must be finite)");
        }
      }
    }
    for (int i = 0; i < rows; i++) {
      if (!Double.isFinite(labels[i])) {
        throw new IllegalArgumentException(source + ": label of row " + (i + 1) + " is "
            + labels[i] + " (must be finite)");
      }
    }
  }

  /** Entry A(i, j). */
  public double get(int i, int j) {
    return a[i + j * rows];
  }
}
