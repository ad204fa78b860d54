package dev.iterdiff.linalg;

import dev.iterdiff.map.Checks;

/**
 * A dense n×n matrix as a {@link LinearOperator}: out = A v by BLAS {@code dgemv}, O(n²) per
 * application. The dense solvers ({@link Cholesky}, {@link Lu}) read its matrix directly;
 * given any other operator they materialise A column by column, which costs n applications
 * (n·cost(apply), e.g. n Hessian-vector products) plus n² doubles of storage.
 *
 * <p>The operator keeps a reference to {@code data}, it does not copy it: changing the array
 * changes the operator.
 */
public final class DenseMatrixOperator implements LinearOperator {

  private final int n;
  private final double[] data;

  /**
   * @param n    dimension, > 0.
   * @param data the matrix, column-major, length n², A(i, j) = data[i + j·n]. Not modified
   *             (kept by reference).
   * @throws IllegalArgumentException if n ≤ 0 or {@code data.length != n·n}.
   */
  public DenseMatrixOperator(int n, double[] data) {
    Checks.positive("n", n);
    Checks.length("data", data, Math.multiplyExact(n, n));
    this.n = n;
    this.data = data;
  }

  /**
   * Materialises an operator as a dense matrix by n applications to the unit vectors
   * e₀ … e_{n−1}: column j of {@code out} is A e_j.
   *
   * @param a   the operator. Not modified.
   * @param n   dimension, > 0.
   * @param out length n², column-major. Modified.
   */
  public static void materialise(LinearOperator a, int n, double[] out) {
    Checks.positive("n", n);
    Checks.length("out", out, Math.multiplyExact(n, n));
    if (a instanceof DenseMatrixOperator dense) {
      Checks.sameDim("materialise: operator dimension vs n", dense.n, n);
      System.arraycopy(dense.data, 0, out, 0, n * n);
      return;
    }
    double[] unit = new double[n];
    double[] column = new double[n];
    for (int j = 0; j < n; j++) {
      unit[j] = 1.0;
      a.apply(unit, column);
      unit[j] = 0.0;
      System.arraycopy(column, 0, out, j * n, n);
    }
  }

  /** Materialises {@code a} into a new operator (n applications, see {@link #materialise}). */
  public static DenseMatrixOperator of(LinearOperator a, int n) {
    double[] data = new double[Math.multiplyExact(n, n)];
    materialise(a, n, data);
    return new DenseMatrixOperator(n, data);
  }

  /** The dimension n. */
  public int n() {
    return n;
  }

  /** The matrix itself (column-major, length n²), not a copy. */
  public double[] data() {
    return data;
  }

  /** A(i, j). */
  public double get(int i, int j) {
    return data[i + j * n];
  }

  /**
   * out = A v.
   *
   * @param v   length n. Not modified.
   * @param out length n. Modified.
   */
  @Override
  public void apply(double[] v, double[] out) {
    Checks.length("v", v, n);
    Checks.length("out", out, n);
    Blas.gemv(false, n, n, 1.0, data, v, 0.0, out);
  }

  /**
   * out = Aᵀ v.
   *
   * @param v   length n. Not modified.
   * @param out length n. Modified.
   */
  public void applyTranspose(double[] v, double[] out) {
    Checks.length("v", v, n);
    Checks.length("out", out, n);
    Blas.gemv(true, n, n, 1.0, data, v, 0.0, out);
  }

  /** True if A(i, j) = A(j, i) within {@code relTol}·max|A| for all i, j. */
  public boolean isSymmetric(double relTol) {
    double max = 0;
    for (double d : data) {
      max = Math.max(max, Math.abs(d));
    }
    for (int j = 0; j < n; j++) {
      for (int i = j + 1; i < n; i++) {
        if (Math.abs(data[i + j * n] - data[j + i * n]) > relTol * max) {
          return false;
        }
      }
    }
    return true;
  }
}
