package dev.iterdiff.problem;

import dev.iterdiff.linalg.Blas;
import dev.iterdiff.linalg.CsrMatrix;
import dev.iterdiff.map.Checks;

/**
 * A labelled data set: the design matrix A (rows × cols, used as given — no intercept, no
 * scaling) and one label per row. {@code source} names where it came from (a file path) for
 * error messages and provenance. A is dense (column-major {@code a}) or sparse ({@code sparse},
 * compressed rows in MLlib's SparseVector layout, {@code a} null): the data terms' products
 * ({@link DataTerm}) take either in O(entries stored); code that needs the dense array gets an
 * {@link IllegalArgumentException} naming the data from {@link #a()} on sparse data.
 *
 * @param a      column-major rows × cols design matrix; entry (i, j) at {@code a[i + j * rows]}.
 * @param rows   N, number of samples.
 * @param cols   p, number of features.
 * @param labels length rows.
 * @param source where the data came from, e.g. a file path.
 * @param sparse the sparse A (then {@code a} is null), or null for dense data.
 */
public record LabeledData(double[] a, int rows, int cols, double[] labels, String source,
    CsrMatrix sparse) {

  /**
   * @throws IllegalArgumentException on inconsistent sizes, an empty data set, both or neither
   *         of a dense and a sparse A, or a non-finite entry (named by row and column).
   */
  public LabeledData {
    Checks.positive(source + ": rows", rows);
    Checks.positive(source + ": cols", cols);
    Checks.length(source + ": labels", labels, rows);
    if (sparse != null) {
      if (a != null) {
        throw new IllegalArgumentException(source + ": both a dense and a sparse design matrix");
      }
      if (sparse.rows() != rows || sparse.cols() != cols) {
        throw new IllegalArgumentException(source + ": sparse design matrix is " + sparse.rows()
            + "x" + sparse.cols() + ", expected " + rows + "x" + cols);
      }
    } else {
      Checks.length(source + ": design matrix", a, Math.multiplyExact(rows, cols));
    }
    for (int j = 0; sparse == null && j < cols; j++) {
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

  /** Dense data: A column-major, the labels and the source. */
  public LabeledData(double[] a, int rows, int cols, double[] labels, String source) {
    this(a, rows, cols, labels, source, null);
  }

  /** Sparse data: A in compressed rows (its finite entries checked when it was built). */
  public static LabeledData sparse(CsrMatrix a, double[] labels, String source) {
    return new LabeledData(null, a.rows(), a.cols(), labels, source, a);
  }

  /** Whether A is held sparse. */
  public boolean isSparse() {
    return sparse != null;
  }

  /**
   * The dense column-major A.
   *
   * @throws IllegalArgumentException on sparse data, naming it (the caller needs dense
   *         features; the data terms and cross validation of linear models do not).
   */
  @Override
  public double[] a() {
    if (sparse != null) {
      throw new IllegalArgumentException(source + ": sparse features (" + rows + "x" + cols
          + ", " + sparse.nnz() + " stored entries) where dense ones are needed");
    }
    return a;
  }

  /** out (length rows) ← A x, dense or sparse. */
  public void multiply(double[] x, double[] out) {
    if (sparse != null) {
      sparse.times(1.0, x, 0.0, out);
    } else {
      Blas.gemv(false, rows, cols, 1.0, a, x, 0.0, out);
    }
  }

  /** The same A and labels held densely (rows·cols doubles; a dense copy is itself). */
  public LabeledData densified() {
    return sparse == null ? this : new LabeledData(sparse.toDense(), rows, cols, labels, source);
  }

  /** Entry A(i, j). */
  public double get(int i, int j) {
    return sparse != null ? sparse.get(i, j) : a[i + j * rows];
  }
}
