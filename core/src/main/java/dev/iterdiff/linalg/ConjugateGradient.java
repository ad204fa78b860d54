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
 *
 * <p><b>Preconditioning.</b> With a preconditioner M ≈ A⁻¹ (symmetric definite, of the same
 * sign as A) it is PCG (Saad, Alg. 9.1): zₖ = M rₖ, αₖ = rₖᵀzₖ / pₖᵀA pₖ, βₖ = rₖ₊₁ᵀzₖ₊₁ /
 * rₖᵀzₖ, pₖ₊₁ = zₖ₊₁ + βₖ pₖ; the stopping test stays on the true residual ‖b − A x‖/‖b‖.
 * Implicit differentiation after Newton uses the solver's last Cholesky factor of the Hessian
 * as M: at a converged iterate it is within O(‖x_k − x_{k−1}‖) of A⁻¹ and PCG needs one to
 * three iterations instead of a new factorization. Its name is then "pcg".
 */
public final class ConjugateGradient extends IterativeLinearSolver {

  private final LinearOperator preconditioner;
  private double[] r = new double[0];
  private double[] z = new double[0];
  private double[] p = new double[0];
  private double[] ap = new double[0];

  /**
   * @param tolerance     relative residual tolerance, > 0.
   * @param maxIterations iteration budget, > 0.
   */
  public ConjugateGradient(double tolerance, int maxIterations) {
    this(tolerance, maxIterations, null);
  }

  /**
   * Preconditioned CG.
   *
   * @param tolerance      relative residual tolerance, > 0.
   * @param maxIterations  iteration budget, > 0.
   * @param preconditioner out = M v with M ≈ A⁻¹ symmetric definite of A's sign, or null for
   *                       plain CG. Applied once per iteration.
   */
  public ConjugateGradient(double tolerance, int maxIterations, LinearOperator preconditioner) {
    super(tolerance, maxIterations);
    this.preconditioner = preconditioner;
  }

  @Override
  public String name() {
    return preconditioner == null ? "cg" : "pcg";
  }

  @Override
  protected void allocate(int n) {
    if (r.length != n) {
      r = new double[n];
      z = preconditioner == null ? r : new double[n];
      p = new double[n];
      ap = new double[n];
    }
  }

  /**
   * z ← M r (z is r itself without a preconditioner); returns rᵀz.
   *
   * @param rr rᵀr, already computed: it is rᵀz without a preconditioner.
   */
  private double precondition(double rr) {
    if (preconditioner == null) {
      return rr;
    }
    preconditioner.apply(r, z);
    return Blas.dot(r, z);
  }

  @Override
  protected LinearSolveResult iterate(LinearOperator a, int n, double[] b, double bNorm,
      double[] x) {
    double target = tolerance() * bNorm;
    double rNorm = residual(a, b, x, ap, r);
    if (rNorm <= target) {
      return converged(0, rNorm / bNorm);
    }
    double rz = precondition(rNorm * rNorm);
    System.arraycopy(z, 0, p, 0, n);
    double sign = 0;
    for (int k = 1; k <= maxIterations(); k++) {
      a.apply(p, ap);
      double pap = Blas.dot(p, ap);
      if (!Double.isFinite(pap) || pap == 0 || (sign != 0 && Math.signum(pap) != sign)) {
        throw breakdown("pᵀAp = " + LinearSolveException.format(pap)
            + (sign == 0 ? "" : " after " + (sign > 0 ? "positive" : "negative") + " values")
            + ": operator not definite", k, Blas.nrm2(r) / bNorm, n);
      }
      sign = Math.signum(pap);
      double alpha = rz / pap;
      Blas.axpy(alpha, p, x);
      Blas.axpy(-alpha, ap, r);
      double rr = Blas.dot(r, r);
      if (Math.sqrt(rr) <= target) {
        rNorm = residual(a, b, x, ap, r);
        if (rNorm <= target) {
          return converged(k, rNorm / bNorm);
        }
        rz = precondition(rNorm * rNorm); // restart from the true residual
        System.arraycopy(z, 0, p, 0, n);
        continue;
      }
      double rzNew = precondition(rr);
      if (!Double.isFinite(rzNew) || rzNew * rz <= 0) {
        throw breakdown("rᵀMr = " + LinearSolveException.format(rzNew)
            + ": preconditioner not definite", k, Math.sqrt(rr) / bNorm, n);
      }
      double beta = rzNew / rz;
      for (int i = 0; i < n; i++) {
        p[i] = z[i] + beta * p[i];
      }
      rz = rzNew;
    }
    rNorm = residual(a, b, x, ap, r);
    if (rNorm <= target) {
      return converged(maxIterations(), rNorm / bNorm);
    }
    throw missed(rNorm / bNorm, maxIterations(), n);
  }
}
