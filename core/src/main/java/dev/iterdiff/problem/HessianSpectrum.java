package dev.iterdiff.problem;

import dev.iterdiff.linalg.Blas;
import dev.iterdiff.linalg.SymmetricEigenvalues;
import dev.iterdiff.map.Checks;
import java.util.Random;

/**
 * The defaults of {@link Problem} that need only Hessian-vector products: the dense Hessian
 * column by column, H eⱼ, and an estimate of the extreme Hessian eigenvalues by the Lanczos
 * method (Golub &amp; Van Loan, §10.1) with full reorthogonalization: k = min(n, {@value #STEPS})
 * steps from a fixed pseudo-random start build the tridiagonal Tₖ = QₖᵀHQₖ, whose extreme
 * eigenvalues (LAPACK dsyev) are returned. The Ritz values lie inside [λ_min, λ_max] and
 * converge to them fast (exact up to rounding when k = n or when a Krylov space is invariant);
 * they are estimates, not guaranteed bounds. Allocates O(k·n) per call: for defaults, not for
 * hot loops.
 */
final class HessianSpectrum {

  /** Lanczos steps of the default bounds. */
  static final int STEPS = 30;
  private static final long SEED = 0x1adc05L;

  private HessianSpectrum() {}

  /** out (n×n column-major) = [H e₁ … H eₙ] at (x, θ). out modified. */
  static void denseHessian(Problem problem, double[] x, double[] theta, double[] out) {
    int n = problem.dim();
    Checks.length("hessian out", out, n * n);
    double[] e = new double[n];
    double[] col = new double[n];
    for (int j = 0; j < n; j++) {
      e[j] = 1.0;
      problem.hvp(x, theta, e, col);
      System.arraycopy(col, 0, out, j * n, n);
      e[j] = 0.0;
    }
  }

  /** {smallest, largest} Ritz value of the Hessian at x = 0, θ checked first. */
  static double[] atOrigin(Problem problem, double[] theta) {
    problem.checkTheta(theta);
    return ritzExtremes(problem, new double[problem.dim()], theta, STEPS);
  }

  /**
   * {smallest, largest} Ritz value of k = min(n, steps) Lanczos steps on ∇²ₓf(x; θ).
   *
   * @throws IllegalArgumentException if steps &lt; 1.
   */
  static double[] ritzExtremes(Problem problem, double[] x, double[] theta, int steps) {
    Checks.positive("lanczos steps", steps);
    int n = problem.dim();
    int k = Math.min(n, steps);
    double[][] q = new double[k][];
    double[] alpha = new double[k];
    double[] beta = new double[k];
    double[] w = new double[n];
    double[] v = new double[n];
    Random rng = new Random(SEED);
    for (int i = 0; i < n; i++) {
      v[i] = rng.nextGaussian();
    }
    Blas.scal(1.0 / Blas.nrm2(v), v);
    int used = 0;
    for (int j = 0; j < k; j++) {
      q[j] = v.clone();
      used = j + 1;
      problem.hvp(x, theta, q[j], w);
      alpha[j] = Blas.dot(q[j], w);
      for (int pass = 0; pass < 2; pass++) { // full reorthogonalization, twice is enough
        for (int i = 0; i <= j; i++) {
          Blas.axpy(-Blas.dot(q[i], w), q[i], w);
        }
      }
      double norm = Blas.nrm2(w);
      if (j + 1 == k || norm <= 1e-12 * Math.max(1.0, Math.abs(alpha[j]))) {
        break; // an invariant subspace: its Ritz values are eigenvalues
      }
      beta[j] = norm;
      System.arraycopy(w, 0, v, 0, n);
      Blas.scal(1.0 / norm, v);
    }
    double[] t = new double[used * used];
    for (int j = 0; j < used; j++) {
      t[j + j * used] = alpha[j];
      if (j + 1 < used) {
        t[j + (j + 1) * used] = beta[j];
        t[j + 1 + j * used] = beta[j];
      }
    }
    return SymmetricEigenvalues.extremes(used, t);
  }
}
