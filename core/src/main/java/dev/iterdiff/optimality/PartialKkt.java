package dev.iterdiff.optimality;

import dev.iterdiff.linalg.Blas;
import dev.iterdiff.linalg.Lu;
import dev.iterdiff.problem.QpData;
import dev.iterdiff.problem.QpKktSystem;
import dev.iterdiff.problem.QuadraticProgram;

/**
 * One LU of the partially reduced KKT matrix of a QP at z = (x, ν, λ, s): the inactive
 * constraints I (λᵢ ≤ sᵢ) are eliminated as in {@link QpKktSystem} (dλ_I through D_I = Λ_I S_I⁻¹,
 * small), the active ones A (λᵢ &gt; sᵢ) keep their multiplier as an unknown,
 * <pre>
 *   M = [[cQ + G_Iᵀ D_I G_I, Aᵀ, G_Aᵀ], [A, 0, 0], [G_A, 0, −D_A⁻¹]],   order n + p + |A|,
 * </pre>
 * symmetric, so that no entry of order D_A (up to 1e13 near the solution) enters it — the
 * fully reduced matrix of order n + p is then too ill-conditioned to solve to 1e-10. K y = r:
 * M(dx, dν, dλ_A) = (r₁ − G_Iᵀ S_I⁻¹(r₄ − Λr₃)_I, r₂, r₃_A − r₄_A/λ_A), ds = r₃ − G dx,
 * dλ_I = S_I⁻¹(r₄ − Λr₃)_I + D_I G_I dx. Kᵀ w = r: M(w₁, w₂, w₃_A) = (r₁ − G_Iᵀ(r₄ − Dr₃)_I, r₂,
 * r₃_A − r₄_A/D_A), w₄_I = S_I⁻¹(r₃ − G w₁)_I, w₃_I = r₄_I − Λ_I w₄_I, w₄_A = (r₄ − w₃)_A/λ_A.
 */
final class PartialKkt {

  private final QuadraticProgram qp;
  private final int n;
  private final int p;
  private final int m;
  private final int[] active;
  private final int order;
  private final double[] lambda;
  private final double[] slack;
  private final Lu lu;
  private final double[] rhs;
  private final double[] t;

  PartialKkt(QuadraticProgram qp, double[] z, double[] theta) {
    this.qp = qp;
    this.n = qp.dim();
    this.p = qp.equalities();
    this.m = qp.inequalities();
    this.lambda = new double[m];
    this.slack = new double[m];
    System.arraycopy(z, n + p, lambda, 0, m);
    System.arraycopy(z, n + p + m, slack, 0, m);
    int k = 0;
    for (int i = 0; i < m; i++) {
      k += lambda[i] > slack[i] ? 1 : 0;
    }
    this.active = new int[k];
    for (int i = 0, q = 0; i < m; i++) {
      if (lambda[i] > slack[i]) {
        active[q++] = i;
      }
    }
    this.order = n + p + k;
    QpData data = qp.data();
    double[] g = data.g();
    double[] a = data.a();
    double[] mat = new double[order * order];
    double c = qp.scale(theta);
    for (int j = 0; j < n; j++) {
      for (int i = 0; i < n; i++) {
        mat[i + j * order] = c * data.q2()[i + j * n];
      }
    }
    if (m > 0) {
      double[] gs = new double[m * n];
      for (int j = 0; j < n; j++) {
        for (int i = 0; i < m; i++) {
          gs[i + j * m] = lambda[i] > slack[i] ? 0.0 : lambda[i] / slack[i] * g[i + j * m];
        }
      }
      Blas.netlib().dgemm("T", "N", n, n, m, 1.0, g, 0, m, gs, 0, m, 1.0, mat, 0, order);
    }
    for (int j = 0; j < n; j++) {
      for (int i = 0; i < p; i++) {
        mat[n + i + j * order] = a[i + j * p];
        mat[j + (n + i) * order] = a[i + j * p];
      }
      for (int q = 0; q < k; q++) {
        mat[n + p + q + j * order] = g[active[q] + j * m];
        mat[j + (n + p + q) * order] = g[active[q] + j * m];
      }
    }
    for (int q = 0; q < k; q++) {
      mat[(n + p + q) * (order + 1)] = -slack[active[q]] / lambda[active[q]];
    }
    this.lu = new Lu(1e-10);
    lu.factor(mat, order);
    this.rhs = new double[order];
    this.t = new double[m];
  }

  /** n + p + |A|. */
  int order() {
    return order;
  }

  /** out = K⁻¹r, or K⁻ᵀr when transposed (lengths n + p + 2m, distinct arrays). */
  void solve(double[] r, double[] out, boolean transposed) {
    double[] g = qp.data().g();
    int li = n + p;
    int si = n + p + m;
    for (int i = 0; i < m; i++) { // inactive: the eliminated part; active: unused
      t[i] = lambda[i] > slack[i] ? 0.0 : transposed
          ? r[si + i] - lambda[i] / slack[i] * r[li + i]
          : (r[si + i] - lambda[i] * r[li + i]) / slack[i];
    }
    System.arraycopy(r, 0, rhs, 0, n + p);
    if (m > 0) {
      Blas.gemv(true, m, n, -1.0, g, t, 1.0, rhs);
    }
    for (int q = 0; q < active.length; q++) {
      int i = active[q];
      rhs[n + p + q] = transposed ? r[li + i] - slack[i] / lambda[i] * r[si + i]
          : r[li + i] - r[si + i] / lambda[i];
    }
    lu.solve(rhs, rhs);
    System.arraycopy(rhs, 0, out, 0, n + p);
    if (m > 0) {
      Blas.gemv(false, m, n, 1.0, g, rhs, 0, 0.0, out, li); // G dx into the λ block
    }
    int q = 0;
    for (int i = 0; i < m; i++) {
      double gdx = out[li + i];
      boolean act = q < active.length && active[q] == i;
      double lamA = act ? rhs[n + p + q++] : 0.0;
      if (transposed) {
        if (act) {
          out[li + i] = lamA;
          out[si + i] = (r[si + i] - lamA) / lambda[i];
        } else {
          double w4 = (r[li + i] - gdx) / slack[i];
          out[si + i] = w4;
          out[li + i] = r[si + i] - lambda[i] * w4;
        }
      } else {
        out[li + i] = act ? lamA : t[i] + lambda[i] / slack[i] * gdx;
        out[si + i] = r[li + i] - gdx;
      }
    }
  }
}
