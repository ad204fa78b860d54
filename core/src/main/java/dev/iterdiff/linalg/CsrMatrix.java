package dev.iterdiff.linalg;

import java.io.Serializable;
import java.util.Arrays;

/**
 * A sparse rows × cols matrix in compressed sparse row form — row i's entries are
 * {@code values[rowStart[i] … rowStart[i+1])} at columns {@code columns[…]}, strictly
 * ascending: each row is laid out as an MLlib {@code SparseVector} (indices, values), so rows
 * read from a DataFrame are copied without densifying. Memory O(nnz + rows); every product is
 * O(nnz) plus the output's length, none forms a dense rows × cols or cols × cols array:
 * <pre>
 *   out ← α·A v + β·out          (rows)     {@link #times}
 *   out ← α·Aᵀ u + β·out         (cols)     {@link #transposeTimes}
 *   out ← α·Aᵀ diag(s) A v        (cols)     {@link #weightedGramTimes}, one pass
 *   out ← α·Aᵀ diag(s) A + β·out (cols²)    {@link #weightedGram}, O(Σᵢ nnzᵢ²) + cols²
 * </pre>
 * Immutable (the arrays are not to be modified once given); Serializable by its arrays.
 */
public final class CsrMatrix implements Serializable {

  private static final long serialVersionUID = 1L;

  private final int rows;
  private final int cols;
  private final int[] rowStart;
  private final int[] columns;
  private final double[] values;

  /**
   * @param rows     number of rows (≥ 1).
   * @param cols     number of columns (≥ 1).
   * @param rowStart length rows + 1, non-decreasing, from 0 to nnz.
   * @param columns  length nnz, strictly ascending within each row, in [0, cols).
   * @param values   length nnz, finite.
   * @throws IllegalArgumentException naming the row (and column) of the first bad entry.
   */
  public CsrMatrix(int rows, int cols, int[] rowStart, int[] columns, double[] values) {
    if (rows < 1 || cols < 1) {
      throw new IllegalArgumentException("sparse matrix: shape " + rows + "x" + cols
          + " (need at least 1x1)");
    }
    if (rowStart == null || rowStart.length != rows + 1 || rowStart[0] != 0) {
      throw new IllegalArgumentException("sparse matrix: row starts must have length rows + 1 = "
          + (rows + 1) + " and start at 0");
    }
    int nnz = rowStart[rows];
    if (columns == null || values == null || columns.length != nnz || values.length != nnz) {
      throw new IllegalArgumentException("sparse matrix: " + nnz + " entries declared, "
          + (columns == null ? "null" : columns.length) + " column indices and "
          + (values == null ? "null" : values.length) + " values given");
    }
    for (int i = 0; i < rows; i++) {
      if (rowStart[i + 1] < rowStart[i]) {
        throw new IllegalArgumentException("sparse matrix: row " + i + " ends before it starts");
      }
      for (int k = rowStart[i]; k < rowStart[i + 1]; k++) {
        int c = columns[k];
        if (c < 0 || c >= cols || (k > rowStart[i] && c <= columns[k - 1])) {
          throw new IllegalArgumentException("sparse matrix: row " + i + " has column index " + c
              + (c < 0 || c >= cols ? " outside [0, " + cols + ")" : " not above the previous "
              + columns[k - 1] + " (indices must be strictly ascending)"));
        }
        if (!Double.isFinite(values[k])) {
          throw new IllegalArgumentException("sparse matrix: entry (" + i + ", " + c + ") is "
              + values[k] + " (must be finite)");
        }
      }
    }
    this.rows = rows;
    this.cols = cols;
    this.rowStart = rowStart;
    this.columns = columns;
    this.values = values;
  }

  /** The non-zeros of a dense column-major rows × cols matrix (exact zeros dropped). */
  public static CsrMatrix fromDense(int rows, int cols, double[] a) {
    int nnz = 0;
    for (double v : a) {
      nnz += v != 0 ? 1 : 0;
    }
    int[] start = new int[rows + 1];
    int[] col = new int[nnz];
    double[] val = new double[nnz];
    int k = 0;
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < cols; j++) {
        double v = a[i + j * rows];
        if (v != 0) {
          col[k] = j;
          val[k++] = v;
        }
      }
      start[i + 1] = k;
    }
    return new CsrMatrix(rows, cols, start, col, val);
  }

  public int rows() {
    return rows;
  }

  public int cols() {
    return cols;
  }

  /** Number of stored entries. */
  public int nnz() {
    return rowStart[rows];
  }

  /** Row starts (length rows + 1). Not to be modified. */
  public int[] rowStart() {
    return rowStart;
  }

  /** Column index of each stored entry. Not to be modified. */
  public int[] columns() {
    return columns;
  }

  /** Stored values. Not to be modified. */
  public double[] values() {
    return values;
  }

  /** Entry (i, j) by binary search in row i. */
  public double get(int i, int j) {
    int k = Arrays.binarySearch(columns, rowStart[i], rowStart[i + 1], j);
    return k >= 0 ? values[k] : 0.0;
  }

  /** out (length rows) ← α·A v + β·out; v has length cols. */
  public void times(double alpha, double[] v, double beta, double[] out) {
    for (int i = 0; i < rows; i++) {
      double s = 0;
      for (int k = rowStart[i]; k < rowStart[i + 1]; k++) {
        s += values[k] * v[columns[k]];
      }
      out[i] = beta == 0 ? alpha * s : alpha * s + beta * out[i];
    }
  }

  /** out (length cols) ← α·Aᵀ u + β·out; u has length rows. */
  public void transposeTimes(double alpha, double[] u, double beta, double[] out) {
    if (beta == 0) {
      Arrays.fill(out, 0, cols, 0.0);
    } else if (beta != 1) {
      for (int j = 0; j < cols; j++) {
        out[j] *= beta;
      }
    }
    for (int i = 0; i < rows; i++) {
      double a = alpha * u[i];
      if (a == 0) {
        continue;
      }
      for (int k = rowStart[i]; k < rowStart[i + 1]; k++) {
        out[columns[k]] += a * values[k];
      }
    }
  }

  /**
   * out (length cols) ← α·Aᵀ diag(s) A v, s = null meaning 1: a Hessian-vector product of a
   * data term in one pass over the rows (row i's entries read once for aᵢᵀv and, still in cache,
   * for the scatter of sᵢ(aᵢᵀv)·aᵢ), no workspace. O(nnz) plus the output's length.
   */
  public void weightedGramTimes(double alpha, double[] s, double[] v, double[] out) {
    Arrays.fill(out, 0, cols, 0.0);
    for (int i = 0; i < rows; i++) {
      int from = rowStart[i];
      int to = rowStart[i + 1];
      double t = 0;
      for (int k = from; k < to; k++) {
        t += values[k] * v[columns[k]];
      }
      t *= s == null ? alpha : alpha * s[i];
      if (t == 0) {
        continue;
      }
      for (int k = from; k < to; k++) {
        out[columns[k]] += t * values[k];
      }
    }
  }

  /**
   * out (cols × cols, column-major) ← α·Aᵀ diag(s) A + β·out, s = null meaning 1, by the rows'
   * outer products: O(Σᵢ nnzᵢ²) plus the cols² of out (which the caller asked for).
   */
  public void weightedGram(double alpha, double[] s, double beta, double[] out) {
    if (beta == 0) {
      Arrays.fill(out, 0, cols * cols, 0.0);
    } else if (beta != 1) {
      for (int j = 0; j < cols * cols; j++) {
        out[j] *= beta;
      }
    }
    for (int i = 0; i < rows; i++) {
      double w = s == null ? alpha : alpha * s[i];
      if (w == 0) {
        continue;
      }
      for (int k = rowStart[i]; k < rowStart[i + 1]; k++) {
        double a = w * values[k];
        int off = columns[k] * cols;
        for (int l = rowStart[i]; l < rowStart[i + 1]; l++) {
          out[columns[l] + off] += a * values[l];
        }
      }
    }
  }

  /** ‖aᵢ‖² per row (length rows, new array). */
  public double[] rowNormsSquared() {
    double[] out = new double[rows];
    for (int i = 0; i < rows; i++) {
      double s = 0;
      for (int k = rowStart[i]; k < rowStart[i + 1]; k++) {
        s += values[k] * values[k];
      }
      out[i] = s;
    }
    return out;
  }

  /**
   * Per column: the mean and the sum of squared deviations from it over all rows (implicit
   * zeros included), in out[2j] and out[2j+1] (length 2·cols, new array). Two passes over the
   * non-zeros: Σ(v − m)² over stored entries plus (rows − nnzⱼ)·m² for the zeros.
   */
  public double[] columnMoments() {
    double[] sum = new double[cols];
    int[] count = new int[cols];
    for (int k = 0; k < nnz(); k++) {
      sum[columns[k]] += values[k];
      count[columns[k]]++;
    }
    double[] out = new double[2 * cols];
    for (int j = 0; j < cols; j++) {
      out[2 * j] = sum[j] / rows;
    }
    for (int k = 0; k < nnz(); k++) {
      double e = values[k] - out[2 * columns[k]];
      out[2 * columns[k] + 1] += e * e;
    }
    for (int j = 0; j < cols; j++) {
      double m = out[2 * j];
      out[2 * j + 1] += (rows - count[j]) * m * m;
    }
    return out;
  }

  /** The rows listed in {@code which}, in that order (indices checked by the caller). */
  public CsrMatrix subsetRows(int[] which) {
    int[] start = new int[which.length + 1];
    for (int i = 0; i < which.length; i++) {
      int r = which[i];
      start[i + 1] = start[i] + rowStart[r + 1] - rowStart[r];
    }
    int[] col = new int[start[which.length]];
    double[] val = new double[col.length];
    for (int i = 0; i < which.length; i++) {
      int r = which[i];
      int len = rowStart[r + 1] - rowStart[r];
      System.arraycopy(columns, rowStart[r], col, start[i], len);
      System.arraycopy(values, rowStart[r], val, start[i], len);
    }
    return new CsrMatrix(which.length, cols, start, col, val);
  }

  /** [A, 1]: a last column of ones (an intercept), cols + 1 columns. */
  public CsrMatrix withOnesColumn() {
    int[] start = new int[rows + 1];
    int[] col = new int[nnz() + rows];
    double[] val = new double[col.length];
    for (int i = 0; i < rows; i++) {
      int len = rowStart[i + 1] - rowStart[i];
      start[i + 1] = start[i] + len + 1;
      System.arraycopy(columns, rowStart[i], col, start[i], len);
      System.arraycopy(values, rowStart[i], val, start[i], len);
      col[start[i] + len] = cols;
      val[start[i] + len] = 1.0;
    }
    return new CsrMatrix(rows, cols + 1, start, col, val);
  }

  /** The dense column-major copy (rows·cols doubles: small matrices and tests only). */
  public double[] toDense() {
    double[] a = new double[Math.multiplyExact(rows, cols)];
    for (int i = 0; i < rows; i++) {
      for (int k = rowStart[i]; k < rowStart[i + 1]; k++) {
        a[i + columns[k] * rows] = values[k];
      }
    }
    return a;
  }
}
