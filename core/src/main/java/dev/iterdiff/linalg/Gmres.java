package dev.iterdiff.linalg;

import dev.iterdiff.map.Checks;

/**
 * Restarted GMRES(m) (Saad &amp; Schultz 1986; Saad, <i>Iterative Methods for Sparse Linear
 * Systems</i>, 2nd ed., Alg. 6.9) for general square A, matrix-free. Each cycle builds an
 * orthonormal basis v₁ … v_k of the Krylov space K_k(A, r₀) by modified Gram–Schmidt, reduces
 * the Hessenberg matrix H̄_k (A V_k = V_{k+1} H̄_k) to triangular form with Givens rotations
 * as it grows, and stops when the least-squares residual |g_{k+1}| = min_y ‖β e₁ − H̄_k y‖ ≤
 * tol·‖b‖ or k = m; then x ← x + V_k y and the true residual b − A x starts the next cycle.
 *
 * <p>Cost per iteration: one application plus O(k·n) for the orthogonalisation; memory
 * (m + 1)·n for the basis, allocated once per instance (per n). The iteration budget counts
 * applications (inner iterations over all cycles).
 *
 * <p>Breakdown: a zero diagonal entry of the rotated H (A singular on the Krylov space), or a
 * cycle that does not reduce the true residual at all (stagnation: GMRES residuals never grow,
 * so further cycles would only burn the budget). A "happy" breakdown (h_{k+1,k} = 0: the
 * Krylov space is invariant) ends the cycle normally.
 */
public final class Gmres extends IterativeLinearSolver {

  /** The default restart length m. */
  public static final int DEFAULT_RESTART = 50;

  private final int restart;
  private int m;
  private double[] basis = new double[0];
  private double[] hessenberg = new double[0];
  private double[] cs = new double[0];
  private double[] sn = new double[0];
  private double[] g = new double[0];
  private double[] w = new double[0];
  private double[] r = new double[0];

  /** GMRES({@value #DEFAULT_RESTART}). */
  public Gmres(double tolerance, int maxIterations) {
    this(tolerance, maxIterations, DEFAULT_RESTART);
  }

  /**
   * @param tolerance     relative residual tolerance, > 0.
   * @param maxIterations budget of applications over all cycles, > 0.
   * @param restart       Krylov dimension m per cycle, > 0 (capped at n).
   */
  public Gmres(double tolerance, int maxIterations, int restart) {
    super(tolerance, maxIterations);
    Checks.positive("restart", restart);
    this.restart = restart;
  }

  @Override
  public String name() {
    return "gmres";
  }

  /** The restart length m. */
  public int restart() {
    return restart;
  }

  @Override
  protected void allocate(int n) {
    int mNew = Math.min(restart, n);
    if (r.length != n || m != mNew) {
      m = mNew;
      basis = new double[n * (m + 1)];
      hessenberg = new double[(m + 1) * m];
      cs = new double[m];
      sn = new double[m];
      g = new double[m + 1];
      w = new double[n];
      r = new double[n];
    }
  }

  @Override
  protected LinearSolveResult iterate(LinearOperator a, int n, double[] b, double bNorm,
      double[] x) {
    double target = tolerance() * bNorm;
    int ld = m + 1; // leading dimension of the Hessenberg matrix
    int total = 0;
    double beta = residual(a, b, x, w, r);
    while (beta > target && total < maxIterations()) {
      System.arraycopy(r, 0, basis, 0, n);
      Blas.scal(n, 1 / beta, basis, 0);
      java.util.Arrays.fill(g, 0.0);
      g[0] = beta;
      int k = 0;
      while (k < m && total < maxIterations()) {
        int j = k;
        System.arraycopy(basis, j * n, r, 0, n);
        a.apply(r, w);
        total++;
        double wNorm = Blas.nrm2(w);
        for (int i = 0; i <= j; i++) { // modified Gram–Schmidt
          double h = Blas.dot(n, w, 0, basis, i * n);
          hessenberg[i + j * ld] = h;
          Blas.axpy(n, -h, basis, i * n, w, 0);
        }
        double hNext = Blas.nrm2(w);
        boolean happy = hNext <= 1e-14 * wNorm;
        hessenberg[j + 1 + j * ld] = hNext;
        if (!happy) {
          System.arraycopy(w, 0, basis, (j + 1) * n, n);
          Blas.scal(n, 1 / hNext, basis, (j + 1) * n);
        }
        for (int i = 0; i < j; i++) { // previous rotations on column j
          double h0 = hessenberg[i + j * ld];
          double h1 = hessenberg[i + 1 + j * ld];
          hessenberg[i + j * ld] = cs[i] * h0 + sn[i] * h1;
          hessenberg[i + 1 + j * ld] = -sn[i] * h0 + cs[i] * h1;
        }
        double d = Math.hypot(hessenberg[j + j * ld], hessenberg[j + 1 + j * ld]);
        if (!(d > 0) || !Double.isFinite(d)) {
          throw breakdown("Hessenberg diagonal " + LinearSolveException.format(d)
              + ": operator singular on the Krylov space", total, Math.abs(g[j]) / bNorm, n);
        }
        cs[j] = hessenberg[j + j * ld] / d;
        sn[j] = hessenberg[j + 1 + j * ld] / d;
        hessenberg[j + j * ld] = d;
        hessenberg[j + 1 + j * ld] = 0;
        g[j + 1] = -sn[j] * g[j];
        g[j] = cs[j] * g[j];
        k++;
        if (Math.abs(g[k]) <= target || happy) {
          break;
        }
      }
      for (int i = k - 1; i >= 0; i--) { // back substitution R y = g, y stored in g
        double s = g[i];
        for (int l = i + 1; l < k; l++) {
          s -= hessenberg[i + l * ld] * g[l];
        }
        g[i] = s / hessenberg[i + i * ld];
      }
      for (int i = 0; i < k; i++) {
        Blas.axpy(n, g[i], basis, i * n, x, 0);
      }
      double previous = beta;
      beta = residual(a, b, x, w, r);
      if (!Double.isFinite(beta)) {
        throw breakdown("non-finite residual", total, beta, n);
      }
      if (beta > target && !(beta < previous * (1 - 1e-12))) {
        throw breakdown("stagnation: a cycle of " + k + " iterations did not reduce the "
            + "residual", total, beta / bNorm, n);
      }
    }
    if (beta <= target) {
      return converged(total, beta / bNorm);
    }
    throw missed(beta / bNorm, total, n);
  }
}
