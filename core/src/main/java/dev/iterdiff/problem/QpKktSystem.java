package dev.iterdiff.problem;

import dev.iterdiff.linalg.Blas;
import dev.iterdiff.linalg.Lapack;
import dev.iterdiff.linalg.LinearSolveException;
import dev.iterdiff.linalg.LinearSolveResult;
import org.netlib.util.intW;

/**
 * The KKT system of a {@link QuadraticProgram} on the primal-dual point z = (x, ν, λ, s)
 * (lengths n, p, m, m): the residual
 * <pre>
 *   R(z; θ) = ( cQx + q + Aᵀν + Gᵀλ,  Ax − b,  Gx + s − h,  λ∘s )
 * </pre>
 * and its Jacobian K = ∂_zR = [[cQ, Aᵀ, Gᵀ, 0], [A, 0, 0, 0], [G, 0, 0, I], [0, 0, S, Λ]],
 * solved with K or Kᵀ through the reduced (symmetric, indefinite) KKT matrix
 * <pre>
 *   M = [[cQ + GᵀDG, Aᵀ], [A, 0]],   D = Λ S⁻¹,
 * </pre>
 * factored once by LU (LAPACK dgetrf/dgetrs; n + p unknowns instead of n + p + 2m; no
 * condition-number refusal: M grows ill-conditioned as D separates active from inactive
 * constraints, a structured ill-conditioning that does not spoil the solve). Eliminating
 * ds = r₃ − G dx, dλ = S⁻¹(r₄ − Λr₃) + DG dx gives M(dx, dν) = (r₁ − GᵀS⁻¹(r₄ − Λr₃), r₂);
 * for Kᵀ, w₄ = S⁻¹(r₃ − Gw₁), w₃ = r₄ − Λw₄ and M(w₁, w₂) = (r₁ − Gᵀ(r₄ − Dr₃), r₂) — the
 * system of primal-dual interior-point methods (Nocedal &amp; Wright, §16.6) and of OptNet's
 * backward pass (Amos &amp; Kolter 2017, eq. (7)).
 *
 * <p>One instance holds one factorization (the point's λ, s and D are copied); the work
 * array for forming M is shared and passed in. Not thread-safe.
 */
public final class QpKktSystem {

  private final QuadraticProgram qp;
  private final int n;
  private final int p;
  private final int m;
  private final double[] lu;
  private final int[] pivots;
  private final double[] lambda;
  private final double[] slack;
  private final double[] d;
  private final double[] reduced;
  private final double[] tmpM;

  /** @param qp the program. */
  public QpKktSystem(QuadraticProgram qp) {
    this.qp = qp;
    this.n = qp.dim();
    this.p = qp.equalities();
    this.m = qp.inequalities();
    this.lambda = new double[m];
    this.slack = new double[m];
    this.d = new double[m];
    this.reduced = new double[n + p];
    this.tmpM = new double[m];
    this.lu = new double[(n + p) * (n + p)];
    this.pivots = new int[n + p];
  }

  /** The length of z: n + p + 2m. */
  public static int dim(QuadraticProgram qp) {
    return qp.dim() + qp.equalities() + 2 * qp.inequalities();
  }

  /** The work array {@link #factor} needs: DG (m·n). */
  public static double[] workspace(QuadraticProgram qp) {
    return new double[qp.inequalities() * qp.dim()];
  }

  /**
   * Forms M at z and factors it.
   *
   * @param z     length n + p + 2m, λ &gt; 0 and s &gt; 0. Not modified.
   * @param theta θ. Not modified.
   * @param work  from {@link #workspace}. Modified.
   * @throws LinearSolveException when M is exactly singular (A without full row
   *         rank, or cQ + GᵀDG singular on the null space of A).
   */
  public void factor(double[] z, double[] theta, double[] work) {
    QpData data = qp.data();
    int np = n + p;
    double[] mat = lu;
    double[] gs = work;
    System.arraycopy(z, n + p, lambda, 0, m);
    System.arraycopy(z, n + p + m, slack, 0, m);
    double c = qp.scale(theta);
    double[] q2 = data.q2();
    java.util.Arrays.fill(mat, 0.0);
    for (int j = 0; j < n; j++) {
      for (int i = 0; i < n; i++) {
        mat[i + j * np] = c * q2[i + j * n];
      }
    }
    double[] g = data.g();
    for (int i = 0; i < m; i++) {
      d[i] = lambda[i] / slack[i];
    }
    if (m > 0) { // rows dᵢ·Gᵢ, then the top-left block += Gᵀ(DG) (BLAS-3, in place, ld n + p)
      for (int j = 0; j < n; j++) {
        for (int i = 0; i < m; i++) {
          gs[i + j * m] = d[i] * g[i + j * m];
        }
      }
      Blas.netlib().dgemm("T", "N", n, n, m, 1.0, g, 0, m, gs, 0, m, 1.0, mat, 0, np);
    }
    double[] a = data.a();
    for (int j = 0; j < n; j++) {
      for (int i = 0; i < p; i++) {
        mat[n + i + j * np] = a[i + j * p];
        mat[j + (n + i) * np] = a[i + j * p];
      }
    }
    for (double v : mat) {
      if (!Double.isFinite(v)) {
        throw new IllegalArgumentException("qp KKT matrix: not finite at a point with lambda, s "
            + "not positive (lambda/s = " + java.util.Arrays.toString(d) + ")");
      }
    }
    intW info = new intW(0);
    Lapack.netlib().dgetrf(np, np, mat, Math.max(1, np), pivots, info);
    if (info.val != 0) {
      throw new LinearSolveException("qp: the reduced KKT matrix [[Q + G'DG, A'], [A, 0]] (n + p "
          + "= " + np + ") is singular: pivot " + info.val + " is zero (A without full row rank, "
          + "or Q singular on the null space of A)", new LinearSolveResult("lu", 0, Double.NaN,
          0, false));
    }
  }

  /**
   * out = K⁻¹ r (or K⁻ᵀ r when {@code transposed}) with the current factorization.
   *
   * @param r   length n + p + 2m. Not modified.
   * @param out length n + p + 2m, distinct from r. Modified.
   */
  public void solve(double[] r, double[] out, boolean transposed) {
    double[] g = qp.data().g();
    int li = n + p;
    int si = n + p + m;
    // t = S⁻¹(r₄ − Λr₃) (K), or r₄ − D r₃ (Kᵀ)
    boolean zero = true;
    for (int i = 0; i < m; i++) {
      tmpM[i] = transposed ? r[si + i] - d[i] * r[li + i]
          : (r[si + i] - lambda[i] * r[li + i]) / slack[i];
      zero &= tmpM[i] == 0;
    }
    System.arraycopy(r, 0, reduced, 0, n + p);
    if (m > 0 && !zero) { // (zero: a right-hand side in x and ν only, as a VJP of g(x) starts)
      Blas.gemv(true, m, n, -1.0, g, tmpM, 1.0, reduced);
    }
    intW info = new intW(0);
    Lapack.netlib().dgetrs("N", n + p, 1, lu, Math.max(1, n + p), pivots, reduced,
        Math.max(1, n + p), info);
    System.arraycopy(reduced, 0, out, 0, n + p);
    for (int i = 0; i < m; i++) {
      out[li + i] = 0;
    }
    if (m > 0) {
      Blas.gemv(false, m, n, 1.0, g, reduced, 0, 0.0, out, li); // G dx
    }
    for (int i = 0; i < m; i++) {
      double gdx = out[li + i];
      if (transposed) {
        double w4 = (r[li + i] - gdx) / slack[i];
        out[si + i] = w4;
        out[li + i] = r[si + i] - lambda[i] * w4;
      } else {
        out[li + i] = tmpM[i] + d[i] * gdx;
        out[si + i] = r[li + i] - gdx;
      }
    }
  }

  /**
   * out = R(z; θ), the KKT residual.
   *
   * @param z   length n + p + 2m. Not modified.
   * @param out length n + p + 2m. Modified.
   */
  public static void residual(QuadraticProgram qp, double[] z, double[] theta, double[] out) {
    int n = qp.dim();
    int p = qp.equalities();
    int m = qp.inequalities();
    QpData data = qp.data();
    qp.gradient(z, theta, out); // cQx + q into out[0, n)
    if (p > 0) {
      Blas.gemv(true, p, n, 1.0, data.a(), z, n, 1.0, out, 0);
      double[] b = qp.b(theta);
      Blas.gemv(false, p, n, 1.0, data.a(), z, 0, 0.0, out, n);
      for (int i = 0; i < p; i++) {
        out[n + i] -= b[i];
      }
    }
    if (m > 0) {
      Blas.gemv(true, m, n, 1.0, data.g(), z, n + p, 1.0, out, 0);
      double[] h = qp.h(theta);
      Blas.gemv(false, m, n, 1.0, data.g(), z, 0, 0.0, out, n + p);
      for (int i = 0; i < m; i++) {
        out[n + p + i] += z[n + p + m + i] - h[i];
        out[n + p + m + i] = z[n + p + i] * z[n + p + m + i];
      }
    }
  }

  /**
   * out = K(z) v (or K(z)ᵀ v when {@code transposed}), matrix-free.
   *
   * @param v   length n + p + 2m. Not modified.
   * @param out length n + p + 2m, distinct from v. Modified.
   */
  public static void apply(QuadraticProgram qp, double[] z, double[] theta, double[] v,
      double[] out, boolean transposed) {
    int n = qp.dim();
    int p = qp.equalities();
    int m = qp.inequalities();
    QpData data = qp.data();
    int li = n + p;
    int si = n + p + m;
    qp.hvp(z, theta, v, out);
    if (p > 0) {
      Blas.gemv(true, p, n, 1.0, data.a(), v, n, 1.0, out, 0);
      Blas.gemv(false, p, n, 1.0, data.a(), v, 0, 0.0, out, n);
    }
    if (m > 0) {
      Blas.gemv(true, m, n, 1.0, data.g(), v, li, 1.0, out, 0);
      Blas.gemv(false, m, n, 1.0, data.g(), v, 0, 0.0, out, li);
    }
    for (int i = 0; i < m; i++) {
      double lam = z[li + i];
      double s = z[si + i];
      if (transposed) { // rows λ: Gv₁ + S v₄; rows s: v₃ + Λ v₄
        out[li + i] += s * v[si + i];
        out[si + i] = v[li + i] + lam * v[si + i];
      } else { // rows λ: Gv₁ + v₄; rows s: S v₃ + Λ v₄
        out[li + i] += v[si + i];
        out[si + i] = s * v[li + i] + lam * v[si + i];
      }
    }
  }
}
