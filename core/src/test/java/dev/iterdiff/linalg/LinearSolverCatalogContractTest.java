package dev.iterdiff.linalg;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every entry of {@link LinearSolvers#CATALOG}, enrolled automatically (the per-solver suites
 * extending {@link LinearSolverContract} go deeper): built by its factory, it solves a
 * manufactured system A x* = b to its tolerance, checked by the true residual recomputed with
 * naive loops and by the forward error ‖x − x*‖ ≤ ‖A⁻¹‖·‖b − Ax‖. The matrices suit every
 * method, Neumann's series included: SPD with spectrum in [0.5, 1.5] (ρ(I − A) ≤ 0.5) for
 * all; for an entry that does not declare itself symmetric-only, also I + 0.3·G/√n
 * nonsymmetric (G Gaussian: eigenvalues in a disk of radius ≈ 0.3 around 1).
 */
class LinearSolverCatalogContractTest {

  static final int N = 40;
  static final double TOL = 1e-10;

  static Iterable<LinearSolverEntry> entries() {
    return LinearSolvers.CATALOG;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("entries")
  void solvesManufacturedSystemsToItsTolerance(LinearSolverEntry entry) {
    double[] lambda = new double[N];
    for (int i = 0; i < N; i++) {
      lambda[i] = 0.5 + i / (double) (N - 1);
    }
    double[] spd = TestMatrices.symmetric(TestMatrices.orthogonal(N, new Random(3)), lambda);
    check(entry, spd, 1 / 0.5, "spd");
    if (!entry.symmetric()) {
      double[] a = TestMatrices.nonsymmetric(N, 1.0, 4);
      for (int i = 0; i < a.length; i++) {
        a[i] *= 0.3;
      }
      for (int i = 0; i < N; i++) {
        a[i + i * N] += 0.7; // 0.3·(G/√n + I) + 0.7·I = I + 0.3·G/√n
      }
      check(entry, a, Double.NaN, "nonsymmetric");
    }
  }

  private static void check(LinearSolverEntry entry, double[] a, double inverseNorm,
      String what) {
    double[] xStar = TestMatrices.gaussian(N, 1, new Random(5));
    double[] b = TestMatrices.multiply(a, N, xStar, 1);
    double[] x = new double[N];
    LinearSolver solver = entry.factory().create(TOL, 10 * N);
    LinearSolveResult r = solver.solve(new DenseMatrixOperator(N, a), N, b, x);
    double residual = TestMatrices.relativeResidual(a, N, b, x, 1, 0);
    assertTrue(r.converged(), entry.name() + " " + what + ": " + r);
    assertTrue(residual <= 10 * TOL, entry.name() + " " + what + ": true residual " + residual);
    if (!Double.isNaN(inverseNorm)) {
      double bound = inverseNorm * residual * norm(b) / norm(xStar);
      double err = TestMatrices.relativeError(x, xStar);
      assertTrue(err <= bound * (1 + 1e-6) + 1e-15, entry.name() + ": forward error " + err
          + " > bound " + bound);
    }
  }

  private static double norm(double[] v) {
    double s = 0;
    for (double e : v) {
      s += e * e;
    }
    return Math.sqrt(s);
  }
}
