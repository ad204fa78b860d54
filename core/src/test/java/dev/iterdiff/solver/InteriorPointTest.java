package dev.iterdiff.solver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iterdiff.check.FiniteDifferenceReport;
import dev.iterdiff.check.FiniteDifferences;
import dev.iterdiff.map.DifferentiableMap;
import dev.iterdiff.problem.QpData;
import dev.iterdiff.problem.QpGenerator;
import dev.iterdiff.problem.QuadraticProgram;
import dev.iterdiff.problem.QuadraticProgram.Parameter;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/**
 * The interior-point iteration map: convergence on the paper's random QPs, its four products
 * against central finite differences (relative 1e-6, absolute 1e-9) and the adjoint identity
 * for every θ part, and the infeasible QP reported as such with the residuals reached.
 */
class InteriorPointTest {

  static Solution solve(QuadraticProgram qp, double[] theta, int k, double tol) {
    InteriorPoint ipm = new InteriorPoint(qp);
    return Solve.run(ipm, theta, new double[qp.dim()], new SolveOptions(k, tol,
        Storage.full()));
  }

  @Test
  void convergesToTheKktPointOnThePapersQp() {
    // GIVEN the paper's random QP with n = 40 (p = 10, m = 20)
    QuadraticProgram qp = new QuadraticProgram(QpGenerator.generate(40, 1), Parameter.B);
    // WHEN solved to a KKT residual and gap of 1e-10
    Solution sol = solve(qp, qp.defaultTheta(), 100, 1e-10);
    // THEN it converges in a few dozen iterations, with Ax = b and Gx <= h
    assertTrue(sol.converged() && sol.iterations() < 25, "iterations " + sol.iterations()
        + " residual " + sol.residual());
    double[] x = sol.x();
    QpData d = qp.data();
    for (int i = 0; i < d.inequalities(); i++) {
      double gx = 0;
      for (int j = 0; j < 40; j++) {
        gx += d.g()[i + j * d.inequalities()] * x[j];
      }
      assertTrue(gx <= d.h()[i] + 1e-9, "row " + i + ": " + gx + " > " + d.h()[i]);
    }
  }

  @ParameterizedTest
  @EnumSource(Parameter.class)
  void iterationProductsMatchFiniteDifferencesAndAreAdjoint(Parameter part) {
    QuadraticProgram qp = new QuadraticProgram(QpGenerator.generate(8, 3), part);
    double[] theta = qp.defaultTheta();
    for (int k : new int[] {1, 4, 9}) {
      Solution sol = solve(qp, theta, k, Double.NaN);
      double[] record = new double[2];
      sol.trajectory().record(k - 1, record);
      double[] z = new double[sol.trajectory().stateDim()];
      sol.trajectory().state(k - 1, z);
      DifferentiableMap map = sol.solver().iteration(record);
      FiniteDifferenceReport report = FiniteDifferences.checkMap(map, z, theta, 3);
      assertTrue(report.passes(1e-6, 1e-9), part + " k=" + k + "\n" + report);
      adjoint(map, z, theta);
    }
  }

  @ParameterizedTest
  @EnumSource(Parameter.class)
  void productsAtTheLastStepReuseItsDirectionsAndEqualARecomputation(Parameter part) {
    // GIVEN a QP solved to 1e-8, the last step's record and start z_{k-1}
    QuadraticProgram qp = new QuadraticProgram(QpGenerator.generate(30, 7), part);
    double[] theta = qp.defaultTheta();
    InteriorPoint ipm = new InteriorPoint(qp);
    Solution sol = Solve.run(ipm, theta, new double[30], new SolveOptions(100, 1e-8,
        Storage.lastTwo()));
    int k = sol.iterations();
    double[] record = new double[2];
    sol.trajectory().record(k - 1, record);
    double[] z = new double[sol.trajectory().stateDim()];
    sol.trajectory().state(k - 1, z);
    Random rng = new Random(11);
    double[] u = gaussian(rng, z.length);
    double[] v = gaussian(rng, z.length);
    double[] w = gaussian(rng, theta.length);
    // WHEN the four products are taken on the solve's own solver first (the directions of its
    // last step reused), then on a fresh solver (predictor and corrector recomputed)
    double[][] reused = products(ipm.iteration(record), z, theta, u, v, w);
    double[][] fresh = products(new InteriorPoint(qp).iteration(record), z, theta, u, v, w);
    // THEN they agree to rounding (the fresh solver's products are the ones checked against
    // central finite differences above)
    for (int i = 0; i < 5; i++) {
      assertTrue(relErr(reused[i], fresh[i]) < 1e-12, part + " product " + i + ": "
          + relErr(reused[i], fresh[i]));
    }
    // and another target tau at the same point is recomputed, not taken from the cache
    double[] other = {record[0], 10 * record[1] + 1e-6};
    double[][] reusedOther = products(ipm.iteration(other), z, theta, u, v, w);
    double[][] freshOther = products(new InteriorPoint(qp).iteration(other), z, theta, u, v, w);
    for (int i = 0; i < 5; i++) {
      assertTrue(relErr(reusedOther[i], freshOther[i]) < 1e-12, part + " other tau, product "
          + i + ": " + relErr(reusedOther[i], freshOther[i]));
    }
    assertTrue(relErr(reusedOther[0], reused[0]) > 1e-9, "tau changes F: "
        + relErr(reusedOther[0], reused[0]));
  }

  /**
   * F(z), J_θFᵀu, J_zFᵀu, J_θF w, J_zF v — computed in the order J_θFᵀu (the one-step
   * product, first: from the cache), J_zFᵀu, J_θF w, J_zF v, F(z).
   */
  private static double[][] products(DifferentiableMap map, double[] z, double[] theta,
      double[] u, double[] v, double[] w) {
    double[] vjpTheta = new double[theta.length];
    double[] vjpX = new double[z.length];
    double[] jvpTheta = new double[z.length];
    double[] jvpX = new double[z.length];
    double[] apply = new double[z.length];
    map.vjpTheta(z, theta, u, vjpTheta);
    map.vjpX(z, theta, u, vjpX);
    map.jvpTheta(z, theta, w, jvpTheta);
    map.jvpX(z, theta, v, jvpX);
    map.apply(z, theta, apply);
    return new double[][] {apply, vjpTheta, vjpX, jvpTheta, jvpX};
  }

  private static double relErr(double[] a, double[] b) {
    double d = 0;
    double nb = 0;
    for (int i = 0; i < a.length; i++) {
      d += (a[i] - b[i]) * (a[i] - b[i]);
      nb += b[i] * b[i];
    }
    return Math.sqrt(d) / Math.max(Math.sqrt(nb), 1e-300);
  }

  @Test
  void anInfeasibleQpIsReportedWithTheResidualsReached() {
    // x <= -1 and -x <= -1 (x >= 1): no feasible point
    QpData d = new QpData(1, new double[] {1}, new double[] {0}, new double[0], new double[0],
        new double[] {1, -1}, new double[] {-1, -1}, "infeasible");
    QuadraticProgram qp = new QuadraticProgram(d, Parameter.H);
    DivergenceException e = assertThrows(DivergenceException.class,
        () -> solve(qp, qp.defaultTheta(), 500, 1e-10));
    assertTrue(e.getMessage().contains("infeasible") && e.getMessage().contains("|Gx + s - h|"),
        e.getMessage());
  }

  static void adjoint(DifferentiableMap map, double[] z, double[] theta) {
    Random rng = new Random(4);
    double[] v = gaussian(rng, map.xDim());
    double[] w = gaussian(rng, map.thetaDim());
    double[] u = gaussian(rng, map.outDim());
    double[] jv = new double[map.outDim()];
    double[] jtu = new double[map.xDim()];
    double[] jw = new double[map.outDim()];
    double[] jttu = new double[map.thetaDim()];
    map.jvpX(z, theta, v, jv);
    map.vjpX(z, theta, u, jtu);
    map.jvpTheta(z, theta, w, jw);
    map.vjpTheta(z, theta, u, jttu);
    assertEquals(dot(u, jv), dot(jtu, v), 1e-10 * (1 + Math.abs(dot(u, jv))), "adjoint in z");
    assertEquals(dot(u, jw), dot(jttu, w), 1e-10 * (1 + Math.abs(dot(u, jw))),
        "adjoint in theta");
  }

  static double[] gaussian(Random rng, int n) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = rng.nextGaussian();
    }
    return v;
  }

  static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }
}
