package dev.iterdiff.linalg;

import dev.iterdiff.map.Checks;

/**
 * A dense LAPACK factorization, usable two ways.
 *
 * <p><b>Factor once, solve many</b> (e.g. Newton: factor the Hessian once per iteration, solve
 * several right-hand sides): {@link #factor(double[], int)} <em>copies</em> A into a workspace
 * owned by this object (grown when n grows, reused otherwise; the caller's array is never
 * modified), then {@link #solve(double[], double[])} and {@link #solveColumns(double[], int,
 * double[])} as often as needed, O(n²) per right-hand side. No residual check on this path.
 *
 * <p><b>As a {@link LinearSolver}</b>: {@link #solve(LinearOperator, int, double[], double[])}
 * reads the matrix of a {@link DenseMatrixOperator} directly and materialises any other
 * operator column by column (n applications), factors it into the same workspace (replacing
 * any earlier factorization), solves, and checks the true relative residual ‖b − A x‖/‖b‖
 * (one application per right-hand side) against the tolerance, with up to
 * {@value #MAX_REFINEMENT} steps of iterative refinement (x ← x + A⁻¹(b − A x), reported as
 * iterations) before throwing {@link LinearSolveException}.
 *
 * <p>Not thread-safe: one instance per thread.
 */
public abstract class DenseFactorization implements LinearSolver {

  /** Steps of iterative refinement tried when a direct solve misses its tolerance. */
  public static final int MAX_REFINEMENT = 2;

  /** Reciprocal condition numbers below this (machine epsilon) mean numerically singular. */
  public static final double RCOND_MIN = 0x1.0p-52;

  private final double tolerance;
  /** The factor, column-major with leading dimension n (first n² entries used). */
  protected double[] factorData = new double[0];
  private int n;
  private boolean estimateCondition = true;
  private double[] xColumn = new double[0];
  private double[] residual = new double[0];
  private double[] product = new double[0];

  protected DenseFactorization(double tolerance) {
    Checks.positive("tolerance", tolerance);
    this.tolerance = tolerance;
  }

  /** The tolerance on ‖b − A x‖/‖b‖ of the {@link LinearSolver} path. */
  public double tolerance() {
    return tolerance;
  }

  /** The dimension of the current factorization, 0 when nothing has been factored. */
  public int dimension() {
    return n;
  }

  /**
   * Factors A (copied into this object's workspace).
   *
   * @param a A, n×n column-major. Not modified.
   * @param n dimension, > 0.
   * @throws LinearSolveException if A is singular / not positive definite (per subclass);
   *         the earlier factorization is then gone and solves throw until the next factor.
   * @throws IllegalArgumentException if n ≤ 0, {@code a.length != n²} or a is not finite.
   */
  public final void factor(double[] a, int n) {
    Checks.positive("n", n);
    Checks.length("a", a, Math.multiplyExact(n, n));
    Checks.finite("a", a);
    prepare(n);
    this.n = 0; // a failed factorization leaves nothing to solve with
    System.arraycopy(a, 0, factorData, 0, n * n);
    decompose(n, false);
    this.n = n;
  }

  /**
   * The workspace to write an n×n matrix into (column-major, leading dimension n, the first n²
   * entries) for {@link #factorInPlace}: the caller fills it — e.g. one BLAS-3 call — and the
   * factorization then runs without a copy or a pass over the entries in Java. Grown when n
   * grows, reused otherwise; any earlier factorization is gone.
   *
   * @param n dimension, &gt; 0.
   * @return the workspace (length ≥ n²), owned by this object.
   */
  public final double[] workspace(int n) {
    Checks.positive("n", n);
    Math.multiplyExact(n, n);
    prepare(n);
    this.n = 0;
    return factorData;
  }

  /**
   * Factors the matrix written into {@link #workspace workspace(n)}, in place (Cholesky reads
   * only its lower triangle). Entries are not checked one by one: a non-finite entry makes
   * the condition estimate fail ({@link LinearSolveException}, "numerically singular").
   *
   * @param n the dimension given to {@link #workspace}.
   * @throws LinearSolveException as {@link #factor}.
   * @throws IllegalArgumentException if the workspace is smaller than n².
   */
  public final void factorInPlace(int n) {
    factorInPlace(n, true);
  }

  /**
   * {@link #factorInPlace(int)}, optionally without the condition estimate (LAPACK dpocon /
   * dgecon: several triangular solves at BLAS-2 speed — measured here at half the cost of
   * dpotrf for n = 526): for callers that check the true residual of every solve themselves,
   * the criterion an iterative solver uses. {@link #rcond} is NaN then, and a numerically
   * singular matrix shows as a failed factorization or a missed residual instead.
   *
   * @param estimateCondition whether to estimate 1/κ₁ and refuse a numerically singular matrix.
   */
  public final void factorInPlace(int n, boolean estimateCondition) {
    Checks.positive("n", n);
    if (factorData.length < Math.multiplyExact(n, n)) {
      throw new IllegalArgumentException(name() + ": factorInPlace(" + n + ") without "
          + "workspace(" + n + ") (workspace holds " + factorData.length + " entries)");
    }
    prepare(n);
    this.n = 0;
    this.estimateCondition = estimateCondition;
    try {
      decompose(n, false);
    } finally {
      this.estimateCondition = true;
    }
    this.n = n;
  }

  /** Whether {@link #decompose} is to estimate the condition number (false only on request). */
  protected final boolean estimatesCondition() {
    return estimateCondition;
  }

  /**
   * x = A⁻¹ b with the current factorization.
   *
   * @param b length n. Not modified.
   * @param x length n. Modified (may be the same array as b).
   * @throws IllegalStateException if nothing has been factored.
   */
  public final void solve(double[] b, double[] x) {
    solveColumns(b, 1, x);
  }

  /**
   * X = A⁻¹ B for m right-hand sides, n×m column-major.
   *
   * @param b B, length n·m. Not modified.
   * @param m number of right-hand sides, > 0.
   * @param x X, length n·m. Modified (may be the same array as b).
   */
  public final void solveColumns(double[] b, int m, double[] x) {
    requireFactored();
    Checks.positive("m", m);
    Checks.length("b", b, Math.multiplyExact(n, m));
    Checks.length("x", x, Math.multiplyExact(n, m));
    if (b != x) {
      System.arraycopy(b, 0, x, 0, n * m);
    }
    solveInPlace(x, m, false);
  }

  /**
   * x = A⁻ᵀ b with the current factorization (the same as {@link #solve(double[], double[])}
   * for Cholesky).
   *
   * @param b length n. Not modified.
   * @param x length n. Modified (may be the same array as b).
   */
  public final void solveTransposed(double[] b, double[] x) {
    requireFactored();
    Checks.length("b", b, n);
    Checks.length("x", x, n);
    if (b != x) {
      System.arraycopy(b, 0, x, 0, n);
    }
    solveInPlace(x, 1, true);
  }

  @Override
  public final LinearSolveResult solve(LinearOperator a, int n, double[] b, double[] x) {
    return solveColumns(a, n, b, 1, x);
  }

  /** Factors A once (materialised if needed), then solves all m columns. */
  @Override
  public final LinearSolveResult solveColumns(LinearOperator a, int n, double[] b, int m,
      double[] x) {
    Checks.positive("n", n);
    Checks.positive("m", m);
    Checks.length("b", b, Math.multiplyExact(n, m));
    Checks.length("x", x, Math.multiplyExact(n, m));
    Checks.finite("b", b);
    prepare(n);
    this.n = 0;
    DenseMatrixOperator.materialise(a, n, factorData);
    for (int k = 0; k < n * n; k++) {
      if (!Double.isFinite(factorData[k])) {
        throw failure("operator is not finite (n = " + n + "): A(" + (k % n) + "," + (k / n)
            + ") = " + factorData[k]);
      }
    }
    decompose(n, true);
    this.n = n;
    System.arraycopy(b, 0, x, 0, n * m);
    solveInPlace(x, m, false);
    LinearSolveResult worst = null;
    for (int j = 0; j < m; j++) {
      LinearSolveResult r = refine(a, b, x, j);
      if (worst == null || r.relativeResidual() > worst.relativeResidual()) {
        worst = r;
      }
    }
    return worst;
  }

  /** Checks ‖b_j − A x_j‖/‖b_j‖ and refines column j of x until it meets the tolerance. */
  private LinearSolveResult refine(LinearOperator a, double[] b, double[] x, int j) {
    int off = j * n;
    double bNorm = Blas.nrm2(n, b, off);
    if (bNorm == 0) {
      java.util.Arrays.fill(x, off, off + n, 0.0);
      return new LinearSolveResult(name(), 0, 0.0, tolerance, true);
    }
    System.arraycopy(x, off, xColumn, 0, n);
    int steps = 0;
    double rel;
    while (true) {
      a.apply(xColumn, product);
      for (int i = 0; i < n; i++) {
        residual[i] = b[off + i] - product[i];
      }
      rel = Blas.nrm2(residual) / bNorm;
      if (rel <= tolerance || steps == MAX_REFINEMENT || !Double.isFinite(rel)) {
        break;
      }
      solveInPlace(residual, 1, false);
      Blas.axpy(1.0, residual, xColumn);
      steps++;
    }
    System.arraycopy(xColumn, 0, x, off, n);
    if (!(rel <= tolerance)) {
      throw LinearSolveException.missedTolerance(name(), rel, tolerance, steps,
          "refinement steps", n);
    }
    return new LinearSolveResult(name(), steps, rel, tolerance, true);
  }

  private void requireFactored() {
    if (n == 0) {
      throw new IllegalStateException(name() + ": nothing factored yet (call factor first)");
    }
  }

  private void prepare(int n) {
    if (factorData.length < n * n) {
      factorData = new double[n * n];
    }
    if (xColumn.length != n) {
      xColumn = new double[n];
      residual = new double[n];
      product = new double[n];
    }
    allocate(n);
  }

  /** Grows the subclass's workspaces for dimension n. */
  protected abstract void allocate(int n);

  /**
   * Factors the n×n matrix in {@link #factorData} in place.
   *
   * @param fromOperator true on the {@link LinearSolver} path (Cholesky then also accepts a
   *                     negative definite matrix).
   * @throws LinearSolveException naming the method, n and the failing minor / pivot.
   */
  protected abstract void decompose(int n, boolean fromOperator);

  /** bx ← A⁻¹ bx (or A⁻ᵀ bx), bx n×m column-major, with the factor in {@link #factorData}. */
  protected abstract void solveInPlace(double[] bx, int m, boolean transposed);

  /** The failure of a factorization, with the method's result attached. */
  protected LinearSolveException failure(String message) {
    return new LinearSolveException(name() + ": " + message,
        new LinearSolveResult(name(), 0, Double.NaN, tolerance, false));
  }
}
