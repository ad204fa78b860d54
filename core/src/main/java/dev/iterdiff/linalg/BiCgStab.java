package dev.iterdiff.linalg;

/**
 * BiCGSTAB (van der Vorst 1992, <i>SIAM J. Sci. Stat. Comput.</i> 13(2); Saad, <i>Iterative
 * Methods for Sparse Linear Systems</i>, 2nd ed., Alg. 7.7) for general square A,
 * matrix-free, with shadow residual r̂ = r₀:
 * <pre>
 *   ρₖ = r̂ᵀrₖ;  pₖ = rₖ + (ρₖ/ρₖ₋₁)(α/ω)(pₖ₋₁ − ω vₖ₋₁);  vₖ = A pₖ;  α = ρₖ / r̂ᵀvₖ;
 *   s = rₖ − α vₖ;  t = A s;  ω = tᵀs / tᵀt;  x ← x + α pₖ + ω s;  rₖ₊₁ = s − ω t
 * </pre>
 * Two applications and O(n) work per iteration, fixed memory (6 vectors).
 *
 * <p>Breakdown (the method's known failure mode, e.g. on skew-symmetric A): |ρ| or |r̂ᵀv| below
 * ε·‖r̂‖·‖·‖, or ω = 0 — thrown as {@link LinearSolveException} unless the true residual already
 * meets the tolerance. On a recursive/true residual mismatch it restarts with r̂ = r.
 */
public final class BiCgStab extends IterativeLinearSolver {

  private static final double EPS = Math.ulp(1.0);

  private double[] r = new double[0];
  private double[] rHat = new double[0];
  private double[] p = new double[0];
  private double[] v = new double[0];
  private double[] s = new double[0];
  private double[] t = new double[0];

  /**
   * @param tolerance     relative residual tolerance, > 0.
   * @param maxIterations iteration budget (two applications each), > 0.
   */
  public BiCgStab(double tolerance, int maxIterations) {
    super(tolerance, maxIterations);
  }

  @Override
  public String name() {
    return "bicgstab";
  }

  @Override
  protected void allocate(int n) {
    if (r.length != n) {
      r = new double[n];
      rHat = new double[n];
      p = new double[n];
      v = new double[n];
      s = new double[n];
      t = new double[n];
    }
  }

  @Override
  protected LinearSolveResult iterate(LinearOperator a, int n, double[] b, double bNorm,
      double[] x) {
    double target = tolerance() * bNorm;
    double rNorm = residual(a, b, x, t, r);
    if (rNorm <= target) {
      return converged(0, rNorm / bNorm);
    }
    boolean fresh = true;
    double rho = 1;
    double alpha = 1;
    double omega = 1;
    double rHatNorm = 0;
    for (int k = 1; k <= maxIterations(); k++) {
      if (fresh) {
        System.arraycopy(r, 0, rHat, 0, n);
        rHatNorm = rNorm;
      }
      double rhoNew = Blas.dot(rHat, r);
      if (!(Math.abs(rhoNew) > EPS * rHatNorm * rNorm)) {
        throw breakdown("r̂ᵀr = " + LinearSolveException.format(rhoNew), k, rNorm / bNorm, n);
      }
      if (fresh) {
        System.arraycopy(r, 0, p, 0, n);
        fresh = false;
      } else {
        double beta = (rhoNew / rho) * (alpha / omega);
        for (int i = 0; i < n; i++) {
          p[i] = r[i] + beta * (p[i] - omega * v[i]);
        }
      }
      a.apply(p, v);
      double rv = Blas.dot(rHat, v);
      if (!(Math.abs(rv) > EPS * rHatNorm * Blas.nrm2(v))) {
        throw breakdown("r̂ᵀAp = " + LinearSolveException.format(rv), k, rNorm / bNorm, n);
      }
      alpha = rhoNew / rv;
      for (int i = 0; i < n; i++) {
        s[i] = r[i] - alpha * v[i];
      }
      if (Blas.nrm2(s) <= target) {
        Blas.axpy(alpha, p, x);
        rNorm = residual(a, b, x, t, r);
        if (rNorm <= target) {
          return converged(k, rNorm / bNorm);
        }
        fresh = true;
        continue;
      }
      a.apply(s, t);
      double tt = Blas.dot(t, t);
      omega = tt > 0 ? Blas.dot(t, s) / tt : 0;
      for (int i = 0; i < n; i++) {
        x[i] += alpha * p[i] + omega * s[i];
        r[i] = s[i] - omega * t[i];
      }
      rho = rhoNew;
      rNorm = Blas.nrm2(r);
      if (!Double.isFinite(rNorm)) {
        throw breakdown("non-finite residual", k, rNorm, n);
      }
      if (rNorm <= target) {
        rNorm = residual(a, b, x, t, r);
        if (rNorm <= target) {
          return converged(k, rNorm / bNorm);
        }
        fresh = true;
      } else if (omega == 0) {
        throw breakdown("ω = tᵀs/tᵀt = 0", k, rNorm / bNorm, n);
      }
    }
    rNorm = residual(a, b, x, t, r);
    if (rNorm <= target) {
      return converged(maxIterations(), rNorm / bNorm);
    }
    throw missed(rNorm / bNorm, maxIterations(), n);
  }
}
