package dev.iterdiff.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iterdiff.map.DifferentiableMap;
import dev.iterdiff.problem.LabeledData;
import dev.iterdiff.problem.RidgeProblem;
import dev.iterdiff.solver.GradientDescent;
import dev.iterdiff.solver.Solution;
import dev.iterdiff.solver.Solve;
import dev.iterdiff.solver.SolveOptions;
import dev.iterdiff.solver.StepRule;
import dev.iterdiff.solver.Storage;
import org.hipparchus.linear.EigenDecompositionSymmetric;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.QRDecomposition;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.linear.SingularValueDecomposition;
import org.junit.jupiter.api.Test;

/** ρ = ‖J_sF‖₂ by Lanczos on J_sFᵀJ_sF and ‖J_θF‖_F, against Hipparchus' SVD and eigenvalues. */
class ContractionEstimateTest {

  /** F(s, θ) = M s + B θ. */
  private record LinearMap(RealMatrix m, RealMatrix b) implements DifferentiableMap {
    public int xDim() {
      return m.getColumnDimension();
    }

    public int thetaDim() {
      return b.getColumnDimension();
    }

    public int outDim() {
      return m.getRowDimension();
    }

    public void apply(double[] x, double[] t, double[] out) {
      double[] y = m.operate(x);
      double[] z = b.operate(t);
      for (int i = 0; i < out.length; i++) {
        out[i] = y[i] + z[i];
      }
    }

    public void jvpX(double[] x, double[] t, double[] v, double[] out) {
      System.arraycopy(m.operate(v), 0, out, 0, out.length);
    }

    public void vjpX(double[] x, double[] t, double[] u, double[] out) {
      System.arraycopy(m.preMultiply(u), 0, out, 0, out.length);
    }

    public void jvpTheta(double[] x, double[] t, double[] w, double[] out) {
      System.arraycopy(b.operate(w), 0, out, 0, out.length);
    }

    public void vjpTheta(double[] x, double[] t, double[] u, double[] out) {
      System.arraycopy(b.preMultiply(u), 0, out, 0, out.length);
    }
  }

  private static RealMatrix random(int rows, int cols, long seed) {
    double[] g = RidgeFixture.gaussian(rows * cols, seed);
    RealMatrix a = MatrixUtils.createRealMatrix(rows, cols);
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < cols; j++) {
        a.setEntry(i, j, g[i * cols + j]);
      }
    }
    return a;
  }

  @Test
  void separatedTopSingularValueIsFoundToMachinePrecision() {
    // GIVEN M = U diag(0.9, 0.5, 0.3, 0.1, 0.05) Vᵀ with random orthogonal U, V
    RealMatrix u = new QRDecomposition(random(5, 5, 11)).getQ();
    RealMatrix v = new QRDecomposition(random(5, 5, 12)).getQ();
    RealMatrix m = u.multiply(MatrixUtils.createRealDiagonalMatrix(
        new double[] {0.9, 0.5, 0.3, 0.1, 0.05})).multiply(v.transpose());
    RealMatrix b = random(5, 3, 13);
    LinearMap map = new LinearMap(m, b);
    double[] s = new double[5];
    double[] theta = new double[3];
    ContractionEstimate est = ContractionEstimate.of(map, s, theta, 30, 1);
    assertEquals(0.9, est.rho(), 1e-12);
    assertTrue(est.rho() <= 0.9 + 1e-15, "a Ritz value never overestimates");
    assertEquals(5, est.iterations(), "the Krylov space is exhausted after s = 5 steps");
    // ‖J_θF‖_F through columns (m = 3 < s = 5) and through rows (m = 7 > s = 5)
    assertEquals(b.getFrobeniusNorm(), IterateDiagnostics.thetaJacobianFrobenius(map, s, theta),
        1e-12);
    RealMatrix wide = random(5, 7, 14);
    assertEquals(wide.getFrobeniusNorm(), IterateDiagnostics.thetaJacobianFrobenius(
        new LinearMap(m, wide), s, new double[7]), 1e-12);
  }

  @Test
  void clusteredSpectrumInLargeDimensionIsAccurateToTheDocumentedBound() {
    // GIVEN M = diag(σ), s = 400, σ linear from 0.99 down to 0: σ₂/σ₁ = 0.9975
    int s = 400;
    double[] sigma = new double[s];
    for (int i = 0; i < s; i++) {
      sigma[i] = 0.99 * (1 - i / (double) s);
    }
    LinearMap map = new LinearMap(MatrixUtils.createRealDiagonalMatrix(sigma), random(s, 1, 2));
    // WHEN 30 steps (the default) and 100 steps
    double rho30 = ContractionEstimate.of(map, new double[s], new double[1], 30, 3).rho();
    double rho100 = ContractionEstimate.of(map, new double[s], new double[1], 100, 3).rho();
    // THEN both are lower bounds, 30 steps within 5e-3 relative (6.5e-4 with this seed;
    // 2e-5 … 3e-3 over ten random starts) and 100 steps within 1e-12
    assertTrue(rho30 <= 0.99 && rho100 <= 0.99 + 1e-15);
    assertTrue(0.99 - rho30 < 5e-3 * 0.99, "30 steps: " + rho30);
    assertTrue(0.99 - rho100 < 1e-12, "100 steps: " + rho100);
  }

  @Test
  void nonNormalMapGivesTheOperatorNormNotTheSpectralRadius() {
    RealMatrix m = MatrixUtils.createRealMatrix(new double[][] {{0.5, 2}, {0, 0.5}});
    double norm = new SingularValueDecomposition(m).getNorm();
    ContractionEstimate est = ContractionEstimate.of(
        new LinearMap(m, random(2, 1, 3)), new double[2], new double[1], 30, 7);
    assertEquals(norm, est.rho(), 1e-12);
    assertTrue(est.rho() > 1, "‖M‖ = " + norm + " although the spectral radius is 0.5");
  }

  @Test
  void gradientDescentOnRidgeMatchesTheEigenvalues() {
    // GIVEN ridge on diabetes, λ = 0.1 per feature, GD with step 1/L: J_sF = I − H/L
    LabeledData data = RidgeFixture.diabetes();
    double[] theta = new double[data.cols()];
    java.util.Arrays.fill(theta, 0.1);
    GradientDescent gd = new GradientDescent(new RidgeProblem(data, theta.length),
        StepRule.inverseLipschitz());
    Solution s = Solve.run(gd, theta, new double[data.cols()],
        SolveOptions.iterations(200, Storage.lastTwo()));
    RealMatrix h = RidgeFixture.ridge(data, theta).hessian();
    double[] ev = new EigenDecompositionSymmetric(h).getEigenvalues();
    double t = s.trajectory().step(199);
    double rho = 0;
    for (double e : ev) {
      rho = Math.max(rho, Math.abs(1 - t * e));
    }
    // WHEN
    Diagnostics d = new OneStep().jacobian(s).diagnostics();
    // THEN ρ̂ = ρ (s = 10 ≤ 30 Lanczos steps: exact up to rounding; power iteration was 1.7%
    // low here, the top two |1 − tσ| being 0.974 and 0.957), and ‖J_θF‖_F = t‖x_k‖ exactly
    // (J_θF = −t diag x)
    assertEquals(rho, d.rho(), 1e-12);
    assertEquals(t * dev.iterdiff.linalg.Blas.nrm2(s.x()), d.thetaJacobianNorm(), 1e-14);
    assertEquals(d.rho() / (1 - d.rho()) * d.thetaJacobianNorm(), d.oneStepBound(), 1e-12);
  }

  @Test
  void badArgumentsAreNamed() {
    LinearMap map = new LinearMap(MatrixUtils.createRealIdentityMatrix(2), random(2, 1, 1));
    var e = assertThrows(IllegalArgumentException.class,
        () -> ContractionEstimate.of(map, new double[3], new double[1], 30, 1));
    assertEquals("state: length 3 != 2", e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> ContractionEstimate.of(map, new double[2], new double[1], 0, 1));
    assertEquals("Lanczos steps must be > 0, got 0", e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> new DiagnosticsOptions(true, 0, 1));
    assertEquals("diagnostics Lanczos steps must be > 0, got 0", e.getMessage());
  }
}
