package dev.iterdiff.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * PCG against Cholesky solutions of the same systems (reference: LAPACK dpotrf/dpotrs on the
 * dense matrix), with preconditioners of three qualities: exact, a factorization of a nearby
 * matrix (what Newton hands to implicit differentiation) and Jacobi.
 */
class PreconditionedConjugateGradientTest {

  private static final int N = 120;

  private static double[] reference(double[] a, double[] b) {
    Cholesky c = new Cholesky();
    c.factor(a, N);
    double[] x = new double[N];
    c.solve(b, x);
    return x;
  }

  private static LinearOperator inverseOf(double[] m) {
    Cholesky c = new Cholesky();
    c.factor(m, N);
    return c::solve;
  }

  @Test
  void exactPreconditionerConvergesInOneIteration() {
    double[] a = TestMatrices.spd(N, 1e6, 3);
    double[] b = TestMatrices.gaussian(N, 1, new Random(4));
    double[] x = new double[N];
    LinearSolveResult r = new ConjugateGradient(1e-10, 50, inverseOf(a))
        .solve(new DenseMatrixOperator(N, a), N, b, x);
    assertEquals("pcg", r.method());
    assertTrue(r.iterations() <= 2, "iterations " + r.iterations());
    assertTrue(r.relativeResidual() <= 1e-10);
    assertTrue(TestMatrices.relativeError(x, reference(a, b)) < 1e-8);
  }

  @Test
  void factorizationOfANearbyMatrixNeedsAFewIterationsWherePlainCgNeedsHundreds() {
    // spectrum in [1, 1e4]; M = (A + E)⁻¹ with ‖E‖ ≤ 1e-3·λ_min(A): the Hessian one
    // Newton step earlier, differing by O(‖x_k − x_{k−1}‖) from the one at x_k
    double[] a = TestMatrices.spd(N, 1e4, 5);
    double[] e = TestMatrices.spd(N, 10, 6);
    double[] nearby = new double[N * N];
    for (int i = 0; i < nearby.length; i++) {
      nearby[i] = a[i] + 1e-4 * e[i];
    }
    double[] b = TestMatrices.gaussian(N, 1, new Random(7));
    double[] x = new double[N];
    LinearSolveResult pcg = new ConjugateGradient(1e-10, 50, inverseOf(nearby))
        .solve(new DenseMatrixOperator(N, a), N, b, x);
    double[] y = new double[N];
    LinearSolveResult cg = new ConjugateGradient(1e-10, 100 * N)
        .solve(new DenseMatrixOperator(N, a), N, b, y);
    assertTrue(pcg.iterations() <= 4, "pcg iterations " + pcg.iterations());
    assertTrue(cg.iterations() > 100, "cg iterations " + cg.iterations());
    double[] ref = reference(a, b);
    assertTrue(TestMatrices.relativeError(x, ref) < 1e-8, "" + TestMatrices.relativeError(x, ref));
    assertEquals(TestMatrices.relativeResidual(a, N, b, x, 1, 0), pcg.relativeResidual(), 1e-13);
  }

  @Test
  void jacobiOnABadlyScaledMatrixAndOnItsNegative() {
    // D S D with S well conditioned and D spanning six orders: Jacobi undoes the scaling
    double[] s = TestMatrices.spd(N, 20, 8);
    double[] d = new double[N];
    for (int i = 0; i < N; i++) {
      d[i] = Math.pow(10, 3.0 * i / (N - 1));
    }
    double[] a = new double[N * N];
    for (int j = 0; j < N; j++) {
      for (int i = 0; i < N; i++) {
        a[i + j * N] = d[i] * s[i + j * N] * d[j];
      }
    }
    LinearOperator jacobi = (v, out) -> {
      for (int i = 0; i < N; i++) {
        out[i] = v[i] / a[i + i * N];
      }
    };
    double[] b = TestMatrices.gaussian(N, 1, new Random(9));
    double[] x = new double[N];
    LinearSolveResult r = new ConjugateGradient(1e-11, 1000, jacobi)
        .solve(new DenseMatrixOperator(N, a), N, b, x);
    double[] ref = reference(a, b);
    assertTrue(TestMatrices.relativeError(x, ref) < 1e-7, "" + TestMatrices.relativeError(x, ref));
    double[] plain = new double[N];
    int plainIterations = new ConjugateGradient(1e-11, 100 * N)
        .solve(new DenseMatrixOperator(N, a), N, b, plain).iterations();
    assertTrue(r.iterations() * 3 < plainIterations,
        "jacobi " + r.iterations() + " vs plain " + plainIterations);
    // negative definite A with the negative preconditioner: the same iterates, negated b
    double[] negA = TestMatrices.negate(a);
    LinearOperator negJacobi = (v, out) -> {
      jacobi.apply(v, out);
      for (int i = 0; i < N; i++) {
        out[i] = -out[i];
      }
    };
    double[] z = new double[N];
    new ConjugateGradient(1e-11, 1000, negJacobi).solve(new DenseMatrixOperator(N, negA), N,
        TestMatrices.negate(b), z);
    assertTrue(TestMatrices.relativeError(z, ref) < 1e-7);
  }

  @Test
  void indefinitePreconditionerIsABreakdownNamingIt() {
    double[] a = TestMatrices.spd(N, 100, 10);
    LinearOperator indefinite = (v, out) -> {
      for (int i = 0; i < N; i++) {
        out[i] = i % 2 == 0 ? v[i] : -v[i];
      }
    };
    double[] b = TestMatrices.gaussian(N, 1, new Random(11));
    LinearSolveException e = assertThrows(LinearSolveException.class,
        () -> new ConjugateGradient(1e-10, 100, indefinite)
            .solve(new DenseMatrixOperator(N, a), N, b, new double[N]));
    assertTrue(e.getMessage().startsWith("pcg: breakdown at iteration"), e.getMessage());
    assertTrue(e.getMessage().contains("not definite"), e.getMessage());
  }

  @Test
  void fallbackSolvesWhenThePrimaryMissesItsTolerance() {
    double[] a = TestMatrices.spd(N, 1e6, 12);
    double[] b = TestMatrices.gaussian(N, 1, new Random(13));
    double[] x = new double[N];
    FallbackLinearSolver solver = new FallbackLinearSolver(new ConjugateGradient(1e-12, 3),
        new Cholesky(1e-10));
    assertEquals("cg→cholesky", solver.name());
    LinearSolveResult r = solver.solve(new DenseMatrixOperator(N, a), N, b, x);
    assertEquals("cholesky", r.method());
    assertTrue(TestMatrices.relativeError(x, reference(a, b)) < 1e-8);
    // both failing: the fallback's exception, with its own message
    double[] singular = new double[N * N];
    singular[0] = 1;
    LinearSolveException e = assertThrows(LinearSolveException.class,
        () -> new FallbackLinearSolver(new ConjugateGradient(1e-12, 3), new Cholesky(1e-10))
            .solve(new DenseMatrixOperator(N, singular), N, b, new double[N]));
    assertTrue(e.getMessage().startsWith("cholesky"), e.getMessage());
  }
}
