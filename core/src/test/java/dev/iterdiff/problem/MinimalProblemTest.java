package dev.iterdiff.problem;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iterdiff.check.FiniteDifferenceReport;
import dev.iterdiff.check.FiniteDifferences;
import dev.iterdiff.solver.Newton;
import dev.iterdiff.solver.Solution;
import dev.iterdiff.solver.Solve;
import dev.iterdiff.solver.SolveOptions;
import dev.iterdiff.solver.Solvers;
import dev.iterdiff.solver.Storage;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.LUDecomposition;
import org.hipparchus.linear.RealMatrix;
import org.junit.jupiter.api.Test;

/**
 * A custom smooth problem written with only the required methods — f(x; θ) = ½xᵀQx − θᵀx, Q
 * symmetric positive definite — gets its dense Hessian, L and μ from the defaults, runs with
 * gradient descent (x* = Q⁻¹θ, closed form), and is refused by Newton with a message naming it.
 */
class MinimalProblemTest {

  static final int N = 6;
  static final double[] Q = spd(N);

  /** Only value, gradient, hvp and the two cross products. */
  static final class Quadratic implements Problem {
    public String name() {
      return "quadratic";
    }

    public int dim() {
      return N;
    }

    public int thetaDim() {
      return N;
    }

    public void checkTheta(double[] theta) {
      dev.iterdiff.map.Checks.length("theta", theta, N);
    }

    public double value(double[] x, double[] theta) {
      double[] qx = new double[N];
      hvp(x, theta, x, qx);
      double s = 0;
      for (int i = 0; i < N; i++) {
        s += 0.5 * x[i] * qx[i] - theta[i] * x[i];
      }
      return s;
    }

    public void gradient(double[] x, double[] theta, double[] out) {
      hvp(x, theta, x, out);
      for (int i = 0; i < N; i++) {
        out[i] -= theta[i];
      }
    }

    public void hvp(double[] x, double[] theta, double[] v, double[] out) {
      for (int i = 0; i < N; i++) {
        double s = 0;
        for (int j = 0; j < N; j++) {
          s += Q[i + j * N] * v[j];
        }
        out[i] = s;
      }
    }

    public void crossJvp(double[] x, double[] theta, double[] w, double[] out) {
      for (int i = 0; i < N; i++) {
        out[i] = -w[i];
      }
    }

    public void crossVjp(double[] x, double[] theta, double[] u, double[] out) {
      crossJvp(x, theta, u, out);
    }
  }

  static double[] spd(int n) {
    double[] b = RandomDatasets.gaussian(n * n, 3);
    double[] q = new double[n * n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        double s = i == j ? 0.5 : 0;
        for (int k = 0; k < n; k++) {
          s += b[k + i * n] * b[k + j * n];
        }
        q[i + j * n] = s;
      }
    }
    return q;
  }

  @Test
  void defaultsGiveTheHessianAndItsExtremeEigenvalues() {
    Quadratic f = new Quadratic();
    double[] theta = RandomDatasets.gaussian(N, 4);
    double[] h = new double[N * N];
    f.hessian(RandomDatasets.gaussian(N, 5), theta, h);
    assertArrayEquals(Q, h, 1e-15);
    double[] eig = ProblemDerivativesTest.eigenvalues(Q); // Hipparchus, descending
    // n ≤ 30 Lanczos steps span the space: the Ritz values are the extreme eigenvalues.
    assertEquals(eig[0], f.lipschitz(theta), 1e-10 * eig[0]);
    assertEquals(eig[N - 1], f.strongConvexity(theta), 1e-10 * eig[0]);
    FiniteDifferenceReport r = FiniteDifferences.checkProblem(f, RandomDatasets.gaussian(N, 6),
        theta, 1);
    assertEquals(6, r.errors().size()); // no third-order products to check
    assertTrue(r.passes(1e-6, 1e-9), r::toString);
  }

  @Test
  void gradientDescentSolvesItAndNewtonRefusesIt() {
    Problem f = new Quadratic();
    assertFalse(f instanceof ThirdOrderProblem);
    double[] theta = RandomDatasets.gaussian(N, 7);
    Solution s = Solve.run(Solvers.create("gd", f, null), theta, new double[N],
        new SolveOptions(100000, 1e-12, Storage.lastTwo()));
    RealMatrix q = new Array2DRowRealMatrix(N, N);
    for (int i = 0; i < N; i++) {
      for (int j = 0; j < N; j++) {
        q.setEntry(i, j, Q[i + j * N]);
      }
    }
    double[] exact = new LUDecomposition(q).getSolver().solve(
        new org.hipparchus.linear.ArrayRealVector(theta)).toArray();
    assertArrayEquals(exact, s.x(), 1e-9);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new Newton(f));
    assertEquals("newton needs third derivatives of f (problem quadratic does not provide "
        + "them); use gd or heavy-ball, or implement ThirdOrderProblem", e.getMessage());
  }

  @Test
  void everyRegisteredProblemStatesItsCapabilities() {
    LabeledData data = RandomDatasets.regression(12, 5, 42);
    for (ProblemEntry entry : Problems.CATALOG) {
      if (entry.source() != null) { // reads its own data (qp): its example builds, data refused
        Problem own = entry.source().create(entry.source().example(), 1.0);
        assertEquals(entry.thirdOrder(), own instanceof ThirdOrderProblem, entry.name());
        assertThrows(IllegalArgumentException.class, () -> entry.factory().create(data, 1, 1.0));
        continue;
      }
      for (int m : entry.acceptedThetaLengths(data)) {
        Problem p = entry.factory().create(data, m, 1.0);
        assertEquals(m, p.thetaDim());
        assertEquals(entry.unknowns().applyAsInt(data), p.dim(), entry.name() + ": dim x");
        double[] x = RandomDatasets.gaussian(p.dim(), 1);
        assertEquals(entry.thirdOrder(), p instanceof ThirdOrderProblem, entry.name());
        double[] theta = new double[m];
        java.util.Arrays.fill(theta, 0.5);
        double other = entry.factory().create(data, m, 3.0).value(x, theta);
        assertEquals(entry.usesAlpha(), p.value(x, theta) != other, entry.name());
      }
      assertThrows(IllegalArgumentException.class, () -> entry.factory().create(data, 7, 1.0));
    }
    assertEquals("1 or p", Problems.CATALOG.get("ridge").thetaLengths().describe());
    assertEquals("N", Problems.CATALOG.get("weighted-logistic").thetaLengths().describe());
    assertEquals(java.util.List.of(1, 12),
        Problems.CATALOG.get("weighted-ridge").thetaLengths().accepted(12, 5));
  }
}
