package dev.iterdiff.solver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iterdiff.check.FiniteDifferenceReport;
import dev.iterdiff.check.FiniteDifferences;
import dev.iterdiff.diff.EstimatorOptions;
import dev.iterdiff.diff.Estimators;
import dev.iterdiff.diff.JacobianEstimate;
import dev.iterdiff.optimality.Conditions;
import dev.iterdiff.optimality.MirrorDescentCondition;
import dev.iterdiff.problem.LabeledData;
import dev.iterdiff.problem.PenalizedProblem;
import dev.iterdiff.problem.Problem;
import dev.iterdiff.problem.RandomDatasets;
import dev.iterdiff.problem.RidgeProblem;
import dev.iterdiff.problem.SimplexConstraint;
import java.util.Arrays;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.LUDecomposition;
import org.junit.jupiter.api.Test;

/**
 * Mirror descent on the simplex for f = 1/(2N)‖Ax − b‖² + ½λ‖x‖² (θ = λ) on Δ₁ and on Δ_θ₀:
 * its map's products against central differences, unrolled = implicit (fixed point and the
 * mirror-descent condition) after convergence, both against the closed form on the support
 * from the KKT system [H_SS 1; 1ᵀ 0][dx_S; dν] = [−x_S; ∂r/∂λ], the one-step error under the
 * reported bound ρ/(1−ρ)‖J_θF‖, and the misfits refused with their messages.
 */
class MirrorDescentTest {

  static final int N = 6;
  static final LabeledData DATA = mixture();

  /** b = A·(0.7, 0.5, 0.3, −0.5, −0.5, −0.5) + noise: a solution on a face with a support of 2 to 5. */
  static LabeledData mixture() {
    LabeledData d = RandomDatasets.regression(30, N, 3);
    double[] w = {0.7, 0.5, 0.3, -0.5, -0.5, -0.5};
    double[] noise = RandomDatasets.gaussian(30, 4);
    double[] b = new double[30];
    for (int i = 0; i < 30; i++) {
      for (int j = 0; j < N; j++) {
        b[i] += d.get(i, j) * w[j];
      }
      b[i] += 0.05 * noise[i];
    }
    return new LabeledData(d.a(), 30, N, b, "mixture");
  }
  static final double[] THETA = {0.6};

  static Problem simplexLs(boolean radiusFromTheta) {
    return new PenalizedProblem("simplex-ls", new RidgeProblem(DATA, 1), radiusFromTheta
        ? SimplexConstraint.radiusFromTheta(N) : SimplexConstraint.fixed(N, 1));
  }

  static double[] barycentre(double r) {
    double[] x = new double[N];
    Arrays.fill(x, r / N);
    return x;
  }

  @Test
  void iterationProductsMatchFiniteDifferences() {
    for (boolean fromTheta : new boolean[] {false, true}) {
      IterativeSolver md = Solvers.create("mirror-descent", simplexLs(fromTheta), null);
      Solution sol = Solve.run(md, THETA, barycentre(THETA[0]), SolveOptions.iterations(3,
          Storage.full()));
      double[] record = new double[1];
      sol.trajectory().record(2, record);
      FiniteDifferenceReport r = FiniteDifferences.checkMap(md.iteration(record),
          sol.finalState(), THETA, 5);
      assertTrue(r.passes(1e-6, 1e-9), "radius from theta " + fromTheta + "\n" + r);
      FiniteDifferenceReport g = FiniteDifferences.checkMap(new MirrorDescentCondition(
          md.problem(), THETA), sol.finalState(), THETA, 6);
      assertTrue(g.passes(1e-6, 1e-9), "condition, radius from theta " + fromTheta + "\n" + g);
    }
  }

  /** Unrolled, implicit (both conditions) = the KKT closed form on the support, to 1e-7. */
  @Test
  void estimatorsAgreeWithTheClosedFormOnTheSupport() {
    for (boolean fromTheta : new boolean[] {false, true}) {
      Problem p = simplexLs(fromTheta);
      IterativeSolver md = Solvers.create("mirror-descent", p, null);
      Solution sol = Solve.run(md, THETA, barycentre(THETA[0]), SolveOptions.iterations(4000,
          Storage.full()));
      double[] reference = closedForm(p, sol.x(), fromTheta);
      for (String name : new String[] {"unrolled-forward", "unrolled-reverse"}) {
        assertClose(reference, Estimators.byName(name).jacobian(sol).jacobian(), 1e-7, name);
      }
      for (String condition : new String[] {"fixed-point", "mirror-descent"}) {
        JacobianEstimate e = Estimators.byName("implicit",
            EstimatorOptions.defaults().withCondition(condition)).jacobian(sol);
        assertClose(reference, e.jacobian(), 1e-7, "implicit " + condition);
      }
      JacobianEstimate os = Estimators.byName("one-step").jacobian(sol);
      double err = distance(os.jacobian(), reference);
      double bound = os.diagnostics().oneStepBound();
      // ‖J_sF‖₂ of this nonsymmetric map may exceed 1: the bound then comes from its powers
      assertTrue(Double.isFinite(bound) && err <= bound, "one-step error " + err + " > bound "
          + bound + ", rho " + os.diagnostics().rho() + ": "
          + os.diagnostics().oneStepBoundNote());
      assertTrue(err > 1e-6, "mirror descent is not superlinear: one-step is not exact " + err);
    }
  }

  private static double[] closedForm(Problem p, double[] x, boolean fromTheta) {
    double[] h = new double[N * N];
    p.hessian(x, THETA, h);
    int[] support = java.util.stream.IntStream.range(0, N).filter(j -> x[j] > 1e-9).toArray();
    int s = support.length;
    double[][] k = new double[s + 1][s + 1];
    double[] rhs = new double[s + 1];
    for (int a = 0; a < s; a++) {
      for (int b = 0; b < s; b++) {
        k[a][b] = h[support[a] + support[b] * N];
      }
      k[a][s] = 1;
      k[s][a] = 1;
      rhs[a] = -x[support[a]]; // −∂_λ∇f = −x
    }
    rhs[s] = fromTheta ? 1 : 0;
    double[] sol = new LUDecomposition(new Array2DRowRealMatrix(k)).getSolver()
        .solve(new org.hipparchus.linear.ArrayRealVector(rhs)).toArray();
    double[] j = new double[N];
    for (int a = 0; a < s; a++) {
      j[support[a]] = sol[a];
    }
    assertTrue(s >= 2 && s < N, "a face of the simplex with a support of 2 to 5: " + s + " " + Arrays.toString(x));
    return j;
  }

  private static double distance(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += (a[i] - b[i]) * (a[i] - b[i]);
    }
    return Math.sqrt(s);
  }

  private static void assertClose(double[] want, double[] got, double tol, String what) {
    double norm = Math.sqrt(Arrays.stream(want).map(v -> v * v).sum());
    assertTrue(distance(want, got) <= tol * norm, what + ": " + Arrays.toString(got) + " vs "
        + Arrays.toString(want));
  }

  @Test
  void misfitsAndBadInputsAreRefusedWithTheirValues() {
    Problem ridge = new RidgeProblem(DATA, 1);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Solvers.create("mirror-descent", ridge, null));
    assertEquals("mirror-descent (entropy mirror map) needs f + a simplex constraint; ridge: it "
        + "has no constraint", e.getMessage());
    assertEquals("condition mirror-descent: mirror-descent (entropy mirror map) needs f + a "
        + "simplex constraint; ridge: it has no constraint",
        Conditions.CATALOG.get("mirror-descent").misfit(ridge));
    Solution gd = Solve.run(Solvers.create("gd", ridge, null), THETA, new double[N],
        SolveOptions.iterations(3, Storage.lastTwo()));
    e = assertThrows(IllegalArgumentException.class, () -> Estimators.byName("implicit",
        EstimatorOptions.defaults().withCondition("mirror-descent")).jacobian(gd));
    assertTrue(e.getMessage().contains("needs f + a simplex constraint; ridge"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> Solvers.create("mirror-descent", simplexLs(false), "fast"));
    assertEquals("--step: 'fast' does not apply to mirror-descent (expected 1/L or a finite "
        + "step eta > 0)", e.getMessage());
    IterativeSolver md = Solvers.create("mirror-descent", simplexLs(true), null);
    e = assertThrows(IllegalArgumentException.class,
        () -> Solve.run(md, new double[] {-1}, barycentre(1), SolveOptions.iterations(3,
            Storage.lastTwo())));
    assertTrue(e.getMessage().contains("-1.0"), e.getMessage());
  }
}
