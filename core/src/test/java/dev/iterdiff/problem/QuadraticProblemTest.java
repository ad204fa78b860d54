package dev.iterdiff.problem;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iterdiff.check.FiniteDifferenceReport;
import dev.iterdiff.check.FiniteDifferences;
import dev.iterdiff.data.QuadraticSpectrum;
import dev.iterdiff.data.QuadraticSpectrum.Spacing;
import dev.iterdiff.diff.Estimators;
import dev.iterdiff.linalg.SymmetricEigenvalues;
import dev.iterdiff.solver.Solution;
import dev.iterdiff.solver.Solve;
import dev.iterdiff.solver.SolveOptions;
import dev.iterdiff.solver.Solvers;
import dev.iterdiff.solver.Storage;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.LUDecomposition;
import org.hipparchus.linear.RealMatrix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The {@code quadratic} problem: its spectrum is the one asked for, its products agree with
 * central finite differences, L and μ are exact, Newton and implicit differentiation give the
 * closed forms x* = H⁻¹b, ∂x* / ∂b = H⁻¹ and ∂x* / ∂s = −H⁻¹c/s², and a θ off the domain is refused.
 */
class QuadraticProblemTest {

  static final int N = 8;

  static Problem quadratic(QuadraticSpectrum spec, int m) {
    return Problems.create("quadratic", spec.generate("test"), m, 1.0);
  }

  @ParameterizedTest
  @EnumSource(Spacing.class)
  void theGramMatrixHasTheRequestedSpectrum(Spacing spacing) {
    QuadraticSpectrum spec = new QuadraticSpectrum(N, 0.01, 2.0, spacing, 3);
    QuadraticProblem p = (QuadraticProblem) quadratic(spec, N);
    double[] eig = SymmetricEigenvalues.of(N, p.gram());
    double[] want = spec.eigenvalues();
    for (int j = 0; j < N; j++) {
      assertEquals(want[j], eig[j], 1e-12 * 2.0, "eigenvalue " + j);
    }
    assertEquals(0.01, want[0], 1e-15);
    assertEquals(spacing == Spacing.GEOMETRIC ? 0.01 * Math.pow(200, 1.0 / 7) : 0.01 + 1.99 / 7,
        want[1], 1e-14);
    double[] theta = {1.5};
    Problem scaled = quadratic(spec, 1);
    assertEquals(1.5 * 2.0, scaled.lipschitz(theta), 1e-12);
    assertEquals(1.5 * 0.01, scaled.strongConvexity(theta), 1e-12);
  }

  @Test
  void productsAgreeWithFiniteDifferencesForBothWaysThetaEnters() {
    QuadraticSpectrum spec = new QuadraticSpectrum(N, 0.1, 3.0, Spacing.UNIFORM, 5);
    double[] x = RandomDatasets.gaussian(N, 2);
    for (int m : new int[] {1, N}) {
      Problem p = quadratic(spec, m);
      assertTrue(p instanceof ThirdOrderProblem);
      double[] theta = RandomDatasets.gaussian(m, 4);
      theta[0] = Math.abs(theta[0]) + 0.5;
      FiniteDifferenceReport r = FiniteDifferences.checkProblem(p, x, theta, 6);
      assertEquals(10, r.errors().size());
      assertTrue(r.passes(1e-6, 1e-9), "m = " + m + "\n" + r);
    }
  }

  @Test
  void newtonAndImplicitGiveTheClosedForms() {
    QuadraticSpectrum spec = new QuadraticSpectrum(N, 0.05, 1.0, Spacing.GEOMETRIC, 9);
    QuadraticProblem pb = (QuadraticProblem) quadratic(spec, N);
    RealMatrix hinv = inverse(pb.gram());
    double[] b = RandomDatasets.gaussian(N, 8);
    Solution sol = Solve.run(Solvers.create("newton", pb, "1"), b, new double[N],
        SolveOptions.iterations(2, Storage.full()));
    assertArrayEquals(hinv.operate(b), sol.x(), 1e-11);
    double[] j = Estimators.byName("implicit").jacobian(sol).jacobian();
    for (int r = 0; r < N; r++) {
      for (int c = 0; c < N; c++) {
        assertEquals(hinv.getEntry(r, c), j[r + c * N], 1e-10, "dx/db (" + r + ", " + c + ")");
      }
    }
    QuadraticProblem ps = (QuadraticProblem) quadratic(spec, 1);
    double s = 2.5;
    Solution scaled = Solve.run(Solvers.create("newton", ps, "1"), new double[] {s},
        new double[N], SolveOptions.iterations(2, Storage.full()));
    double[] hc = hinv.operate(ps.linearTerm());
    double[] js = Estimators.byName("implicit").jacobian(scaled).jacobian();
    for (int r = 0; r < N; r++) {
      assertEquals(hc[r] / s, scaled.x()[r], 1e-10);
      assertEquals(-hc[r] / (s * s), js[r], 1e-10, "dx/ds " + r);
    }
  }

  @Test
  void badInputsAreRefusedWithTheValue() {
    QuadraticSpectrum spec = new QuadraticSpectrum(N, 0.1, 1.0, Spacing.UNIFORM, 1);
    Problem scaled = quadratic(spec, 1);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> scaled.checkTheta(new double[] {-0.5}));
    assertEquals("theta[0] is -0.5 (quadratic: the scale of H must be > 0; a scale <= 0 "
        + "leaves the convex domain)", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> quadratic(spec, 3));
    assertTrue(e.getMessage().startsWith("theta: length 3 for quadratic on test (expected 1"),
        e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> new QuadraticSpectrum(4, 1.0, 0.5, Spacing.UNIFORM, 1));
    assertEquals("quadratic spectrum: L must be finite and >= mu = 1.0, got 0.5", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> QuadraticSpectrum.spacing("log"));
    assertEquals("quadratic spectrum: spacing 'log' (expected geometric or uniform)",
        e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> new QuadraticSpectrum(4, 0.0, 1.0, Spacing.UNIFORM, 1));
    assertEquals("quadratic spectrum: mu must be finite and > 0, got 0.0", e.getMessage());
  }

  static RealMatrix inverse(double[] colMajor) {
    int n = (int) Math.round(Math.sqrt(colMajor.length));
    double[][] a = new double[n][n];
    for (int r = 0; r < n; r++) {
      for (int c = 0; c < n; c++) {
        a[r][c] = colMajor[r + c * n];
      }
    }
    return new LUDecomposition(new Array2DRowRealMatrix(a)).getSolver().getInverse();
  }

}
