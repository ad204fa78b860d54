package dev.iterdiff.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iterdiff.data.QuadraticSpectrum;
import dev.iterdiff.data.QuadraticSpectrum.Spacing;
import dev.iterdiff.problem.Problems;
import dev.iterdiff.problem.QuadraticProblem;
import dev.iterdiff.solver.Solution;
import dev.iterdiff.solver.Solve;
import dev.iterdiff.solver.SolveOptions;
import dev.iterdiff.solver.Solvers;
import dev.iterdiff.solver.Storage;
import org.hipparchus.linear.EigenDecompositionSymmetric;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.RealMatrix;
import org.junit.jupiter.api.Test;

/**
 * Scieur, Bertrand, Gidel &amp; Pedregosa, <i>The Curse of Unrolling</i> (NeurIPS 2022), on the
 * quadratic f = ½ s xᵀHx − cᵀx (n = 20, spectrum uniform in [10⁻³, 1], κ = 1000), θ = s = 1,
 * x₀ = 0. With the recorded steps held fixed, x_k = (I − P_k(sH))(sH)⁻¹c for the residual
 * polynomial P_k of the method, so the unrolled Jacobian error is, in H's eigenbasis,
 * <pre>
 *   ∂x_k/∂s − ∂x* / ∂s = Σᵢ (P_k(λᵢ)/λᵢ − P_k'(λᵢ)) c̃ᵢ qᵢ,
 * </pre>
 * and the iterate error is Σᵢ −P_k(λᵢ)/λᵢ c̃ᵢ qᵢ. For Chebyshev P_k(λ) = T_k(z)/T_k(σ),
 * z = (L+μ−2λ)/(L−μ), σ = (L+μ)/(L−μ); for gradient descent P_k = (1 − tλ)^k.
 */
class CurseOfUnrollingTest {

  static final int N = 20;
  static final double MU = 1e-3;
  static final double L = 1.0;
  static final QuadraticSpectrum SPEC = new QuadraticSpectrum(N, MU, L, Spacing.UNIFORM, 1);
  static final QuadraticProblem PROBLEM =
      (QuadraticProblem) Problems.create("quadratic", SPEC.generate("curse"), 1, 1.0);
  static final double[] THETA = {1.0};
  static final double[] LAMBDA;
  static final double[] C_TILDE;
  static final double[] J_STAR;

  static {
    RealMatrix h = MatrixUtils.createRealMatrix(N, N);
    double[] g = PROBLEM.gram();
    for (int i = 0; i < N; i++) {
      for (int j = 0; j < N; j++) {
        h.setEntry(i, j, g[i + j * N]);
      }
    }
    EigenDecompositionSymmetric eig = new EigenDecompositionSymmetric(h);
    LAMBDA = eig.getEigenvalues();
    C_TILDE = new double[N];
    double[] c = PROBLEM.linearTerm();
    for (int i = 0; i < N; i++) {
      C_TILDE[i] = eig.getEigenvector(i).dotProduct(MatrixUtils.createRealVector(c));
    }
    J_STAR = new double[N];
    for (int i = 0; i < N; i++) {
      J_STAR[i] = -C_TILDE[i] / LAMBDA[i]; // ∂x* / ∂s at s = 1, eigenbasis
    }
  }

  /** {‖J_k − J*‖, ‖x_k − x*‖} by the library: unrolled forward on a solve of k iterations. */
  static double[] measured(String solver, String step, int k) {
    Solution sol = Solve.run(Solvers.create(solver, PROBLEM, step), THETA, new double[N],
        SolveOptions.iterations(k, Storage.full()));
    double[] j = Estimators.byName("unrolled-forward").jacobian(sol).jacobian();
    double[] hinvc = new double[N];
    double[] jstar = new double[N];
    // back to the standard basis through the closed forms: x* = H⁻¹c, ∂x* / ∂s = −H⁻¹c
    double[] x = sol.x();
    double ej = 0;
    double ex = 0;
    double[][] q = eigenvectors();
    for (int r = 0; r < N; r++) {
      for (int i = 0; i < N; i++) {
        hinvc[r] += q[i][r] * C_TILDE[i] / LAMBDA[i];
        jstar[r] += q[i][r] * J_STAR[i];
      }
    }
    for (int r = 0; r < N; r++) {
      ej += (j[r] - jstar[r]) * (j[r] - jstar[r]);
      ex += (x[r] - hinvc[r]) * (x[r] - hinvc[r]);
    }
    return new double[] {Math.sqrt(ej), Math.sqrt(ex)};
  }

  static double[][] eigenvectors() {
    RealMatrix h = MatrixUtils.createRealMatrix(N, N);
    double[] g = PROBLEM.gram();
    for (int i = 0; i < N; i++) {
      for (int j = 0; j < N; j++) {
        h.setEntry(i, j, g[i + j * N]);
      }
    }
    EigenDecompositionSymmetric eig = new EigenDecompositionSymmetric(h);
    double[][] q = new double[N][];
    for (int i = 0; i < N; i++) {
      q[i] = eig.getEigenvector(i).toArray();
    }
    return q;
  }

  /** {‖J_k − J*‖, ‖x_k − x*‖} predicted from P_k and P_k' on the spectrum. */
  static double[] predicted(double[] pk, double[] dpk) {
    double ej = 0;
    double ex = 0;
    for (int i = 0; i < N; i++) {
      double a = (pk[i] / LAMBDA[i] - dpk[i]) * C_TILDE[i];
      double b = pk[i] / LAMBDA[i] * C_TILDE[i];
      ej += a * a;
      ex += b * b;
    }
    return new double[] {Math.sqrt(ej), Math.sqrt(ex)};
  }

  /** Chebyshev's P_k and P_k' on the spectrum, from T_{k+1} = 2zT_k − T_{k−1}, T_k' = kU_{k−1}. */
  static double[][] chebyshevPolynomial(int k) {
    double mu = PROBLEM.strongConvexity(THETA);
    double l = PROBLEM.lipschitz(THETA);
    double sigma = (l + mu) / (l - mu);
    double[][] out = new double[2][N];
    double tSigma = chebyshevT(k, sigma)[0];
    for (int i = 0; i < N; i++) {
      double z = (l + mu - 2 * LAMBDA[i]) / (l - mu);
      double[] tu = chebyshevT(k, z);
      out[0][i] = tu[0] / tSigma;
      out[1][i] = -2.0 / (l - mu) * k * tu[1] / tSigma;
    }
    return out;
  }

  /** {T_k(z), U_{k−1}(z)} by the three-term recurrences. */
  static double[] chebyshevT(int k, double z) {
    double t0 = 1;
    double t1 = z;
    double u0 = 0; // U_{−1}
    double u1 = 1; // U_0
    for (int j = 1; j < k; j++) {
      double t2 = 2 * z * t1 - t0;
      double u2 = 2 * z * u1 - u0;
      t0 = t1;
      t1 = t2;
      u0 = u1;
      u1 = u2;
    }
    return k == 0 ? new double[] {1, 0} : new double[] {t1, u1};
  }

  /** Gradient descent's P_k = (1 − tλ)^k and P_k' = −kt(1 − tλ)^{k−1}. */
  static double[][] gdPolynomial(double t, int k) {
    double[][] out = new double[2][N];
    for (int i = 0; i < N; i++) {
      double a = 1 - t * LAMBDA[i];
      out[0][i] = Math.pow(a, k);
      out[1][i] = -k * t * Math.pow(a, k - 1);
    }
    return out;
  }

  @Test
  void unrolledErrorsAreThoseOfTheResidualPolynomials() {
    double l = PROBLEM.lipschitz(THETA);
    double mu = PROBLEM.strongConvexity(THETA);
    for (int k : new int[] {1, 2, 10, 50, 100, 200, 300}) {
      double[][] cheb = chebyshevPolynomial(k);
      double[][] gd1 = gdPolynomial(1 / l, k);
      double[][] gd2 = gdPolynomial(2 / (mu + l), k);
      check("chebyshev", measured("chebyshev", null, k), predicted(cheb[0], cheb[1]), k);
      check("gd 1/L", measured("gd", "1/L", k), predicted(gd1[0], gd1[1]), k);
      check("gd 2/(mu+L)", measured("gd", "2/(mu+L)", k), predicted(gd2[0], gd2[1]), k);
    }
  }

  private static void check(String what, double[] measured, double[] predicted, int k) {
    // rounding: the errors are differences of O(‖J*‖ = 1e3) quantities, 1e-9 of them absolute
    assertEquals(predicted[0], measured[0], 1e-6 * predicted[0] + 1e-9 * J_NORM, what
        + " Jacobian error at k = " + k);
    assertEquals(predicted[1], measured[1], 1e-6 * predicted[1] + 1e-9 * J_NORM, what
        + " iterate error at k = " + k);
  }

  static final double J_NORM = norm(J_STAR);

  static double norm(double[] v) {
    double s = 0;
    for (double x : v) {
      s += x * x;
    }
    return Math.sqrt(s);
  }

  /** exp of the least-squares slope of log e_k against k over the window. */
  static double fittedRate(int[] ks, double[] errors) {
    double mk = 0;
    double me = 0;
    for (int i = 0; i < ks.length; i++) {
      mk += ks[i];
      me += Math.log(errors[i]);
    }
    mk /= ks.length;
    me /= ks.length;
    double num = 0;
    double den = 0;
    for (int i = 0; i < ks.length; i++) {
      num += (ks[i] - mk) * (Math.log(errors[i]) - me);
      den += (ks[i] - mk) * (ks[i] - mk);
    }
    return Math.exp(num / den);
  }

  /**
   * Chebyshev's asymptotic rate (√κ−1)/(√κ+1) = 0.93869 (κ = 1000) for the unrolled Jacobian
   * and for the iterates, fitted over k = 200 … 300: within 1% (the Jacobian error carries
   * P_k' ∝ k·U_{k−1}, a polynomial factor k² that biases a 100-iteration fit by (3/2)^{2/100},
   * 0.8%). The curse: the Jacobian lags — it needs ≥ 1.5× the iterations of the iterates to
   * lose a factor 10, and ‖J_k − J*‖/‖x_k − x*‖ grows from 1 to over 100 by k = 300.
   */
  @Test
  void chebyshevDecaysAtItsAsymptoticRateAndTheJacobianLags() {
    double kappa = PROBLEM.lipschitz(THETA) / PROBLEM.strongConvexity(THETA);
    double r = (Math.sqrt(kappa) - 1) / (Math.sqrt(kappa) + 1);
    int[] window = new int[11];
    double[] jErr = new double[11];
    double[] xErr = new double[11];
    for (int i = 0; i <= 10; i++) {
      window[i] = 200 + 10 * i;
      double[] e = measured("chebyshev", null, window[i]);
      jErr[i] = e[0];
      xErr[i] = e[1];
    }
    assertEquals(r, fittedRate(window, jErr), 0.01 * r, "Jacobian error rate");
    assertEquals(r, fittedRate(window, xErr), 0.01 * r, "iterate error rate");
    double[] start = measured("chebyshev", null, 1);
    int tenfoldJ = 0;
    int tenfoldX = 0;
    for (int k = 1; tenfoldJ == 0 && k <= 300; k++) {
      double[] e = measured("chebyshev", null, k);
      tenfoldX = tenfoldX == 0 && e[1] <= start[1] / 10 ? k : tenfoldX;
      tenfoldJ = e[0] <= start[0] / 10 ? k : 0;
    }
    assertTrue(tenfoldX > 0 && tenfoldJ >= 1.5 * tenfoldX, "iterations to lose 10x: iterates "
        + tenfoldX + ", Jacobian " + tenfoldJ);
    assertTrue(jErr[10] / xErr[10] > 100 * start[0] / start[1], "Jacobian/iterate error "
        + jErr[10] / xErr[10]);
  }
}
