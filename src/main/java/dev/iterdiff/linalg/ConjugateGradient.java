package dev.iterdiff.linalg;

/**
 * Conjugate gradients (Hestenes &amp; Stiefel 1952; Saad, <i>Iterative Methods for Sparse
 * Linear Systems</i>, 2nd ed., Alg. 6.18) for symmetric definite A, matrix-free:
 * <pre>
 *   r₀ = b − A x₀, p₀ = r₀;  αₖ = rₖᵀrₖ / pₖᵀA pₖ;  x ← x + αₖ pₖ;  r ← r − αₖ A pₖ;
 *   βₖ = rₖ₊₁ᵀrₖ₊₁ / rₖᵀrₖ;  pₖ₊₁ = rₖ₊₁ + βₖ pₖ
 * </pre>
 * One application and O(n) work per iteration; at most n iterations in exact arithmetic,
 * O(√κ·log(1/tol)) in practice. Negative definite A works unchanged (every pᵀAp &lt; 0: it is
 * CG on −A x = −b), which covers the fixed-point condition ∂ₓG = −tH of gradient descent.
 *
 * <p>Breakdown: pᵀAp = 0, non-finite, or of the opposite sign to the first iteration's — A is
 * not definite (or not symmetric). When the recursive residual meets the tolerance but the true
 * one does not (rounding drift), CG restarts from the true residual within the same budget.
 */
public final class ConjugateGradient extends IterativeLinearSolver {

  private double[] r = new double[0];
  private double[] p = new double[0];
  private double[] ap = new double[0];

  /**
   * @param tolerance     relative residual tolerance, > 0.
   * @param maxIterations iteration budget, > 0.
   */
  public ConjugateGradient(double tolerance, int maxIterations) {
    super(tolerance, maxIterations);
  }

  @Override
  public String name() {
    return "cg";
  }

  @Override
  protected void allocate(int n) {
    if (r.length != n) {
      r = new double[n];
      p = new double[n];
      ap = new double[n];
    }
  }

  @Override
  protected LinearSolveResult iterate(LinearOperator a, int n, double[] b, double bNorm,
      double[] x) {
    double target = tolerance() * bNorm;
    double rNorm = residual(a, b, x, ap, r);
    if (rNorm <= target) {
      return converged(0, rNorm / bNorm);
    }
    System.arraycopy(r, 0, p, 0, n);
    double rr = rNorm * rNorm;
    double sign = 0;
    for (int k = 1; k <= maxIterations(); k++) {
      a.apply(p, ap);
      double pap = Blas.dot(p, ap);
      if (!Double.isFinite(pap) || pap == 0 || (sign != 0 && Math.signum(pap) != sign)) {
        throw breakdown("pᵀAp = " + LinearSolveException.format(pap)
            + (sign == 0 ? "" : " after " + (sign > 0 ? "positive" : "negative") + " values")
            + ": operator not definite", k, Math.sqrt(rr) / bNorm, n);
      }
      sign = Math.signum(pap);
      double alpha = rr / pap;
      Blas.axpy(alpha, p, x);
      Blas.axpy(-alpha, ap, r);
      double rrNew = Blas.dot(r, r);
      if (Math.sqrt(rrNew) <= target) {
        rNorm = residual(a, b, x, ap, r);
        if (rNorm <= target) {
          return converged(k, rNorm / bNorm);
        }
        System.arraycopy(r, 0, p, 0, n); // restart from the true residual
        rr = rNorm * rNorm;
        continue;
      }
      double beta = rrNew / rr;
      for (int i = 0; i < n; i++) {
        p[i] = r[i] + beta * p[i];
      }
      rr = rrNew;
    }
    rNorm = residual(a, b, x, ap, r);
    if (rNorm <= target) {
      return converged(maxIterations(), rNorm / bNorm);
    }
    throw missed(rNorm / bNorm, maxIterations(), n);
  }
}
