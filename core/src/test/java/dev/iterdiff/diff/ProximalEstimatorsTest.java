package dev.iterdiff.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iterdiff.problem.LabeledData;
import dev.iterdiff.problem.Problem;
import dev.iterdiff.problem.Problems;
import dev.iterdiff.problem.RandomDatasets;
import dev.iterdiff.solver.IterativeSolver;
import dev.iterdiff.solver.Solution;
import dev.iterdiff.solver.Solve;
import dev.iterdiff.solver.SolveOptions;
import dev.iterdiff.solver.Solvers;
import dev.iterdiff.solver.Storage;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every estimator on prox-gradient, fista and projected-gradient after convergence (residual
 * ≤ 1e-12): unrolled forward, unrolled reverse, truncated (K = k) and implicit with the
 * fixed-point and prox-gradient conditions agree to 1e-6 relative; one-step stays off by a
 * plateau within the reported bound ρ/(1−ρ)·‖J_θF‖_F (Bolte, Pauwels &amp; Vaiter 2023,
 * Thm. 1) and above 1e-3 of it. Bad inputs give one-line errors naming the value.
 */
class ProximalEstimatorsTest {

  private static final LabeledData DATA = RandomDatasets.regression(40, 8, 3);

  static List<Arguments> cases() {
    return List.of(
        Arguments.of("prox-gradient", "lasso", new double[] {0.05}),
        Arguments.of("fista", "lasso", new double[] {0.05}),
        Arguments.of("prox-gradient", "elastic-net", new double[] {0.05, 0.3}),
        Arguments.of("fista", "elastic-net", new double[] {0.05, 0.3}),
        Arguments.of("projected-gradient", "nnls", new double[] {0.2}),
        Arguments.of("fista", "nnls", new double[] {0.2}),
        Arguments.of("projected-gradient", "simplex-ls", new double[] {1.0}),
        Arguments.of("prox-gradient", "simplex-ls", new double[] {1.0}));
  }

  private static double relErr(double[] a, double[] ref) {
    double num = 0;
    double den = 0;
    for (int i = 0; i < a.length; i++) {
      num += (a[i] - ref[i]) * (a[i] - ref[i]);
      den += ref[i] * ref[i];
    }
    return Math.sqrt(num / Math.max(den, 1e-300));
  }

  private static double distance(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += (a[i] - b[i]) * (a[i] - b[i]);
    }
    return Math.sqrt(s);
  }

  @ParameterizedTest(name = "{0} on {1}")
  @MethodSource("cases")
  void unrolledEqualsImplicitAfterConvergenceAndOneStepPlateausWithinItsBound(String solver,
      String problem, double[] theta) {
    Problem p = Problems.create(problem, DATA, theta.length, 0.1);
    IterativeSolver s = Solvers.create(solver, p, null);
    int k = Solve.run(s, theta, new double[8], new SolveOptions(200_000, 1e-12,
        Storage.lastTwo())).iterations();
    Solution sol = Solve.run(s, theta, new double[8], SolveOptions.iterations(k,
        Storage.full()));
    EstimatorOptions o = EstimatorOptions.defaults().withDiagnostics(DiagnosticsOptions.full());
    double[] reference = Estimators.byName("implicit", o.withCondition("prox-gradient"))
        .jacobian(sol).jacobian();
    assertTrue(distance(reference, new double[reference.length]) > 0, "nonzero Jacobian");
    for (String e : List.of("unrolled-forward", "unrolled-reverse")) {
      double err = relErr(Estimators.byName(e, o).jacobian(sol).jacobian(), reference);
      assertTrue(err < 1e-6, e + " vs implicit: " + err);
    }
    double trunc = relErr(Estimators.byName("truncated", o.withTruncation(k)).jacobian(sol)
        .jacobian(), reference);
    assertTrue(trunc < 1e-6, "truncated(K = k) vs implicit: " + trunc);
    double fixed = relErr(Estimators.byName("implicit", o.withCondition("fixed-point"))
        .jacobian(sol).jacobian(), reference);
    assertTrue(fixed < 1e-6, "implicit fixed-point vs prox-gradient: " + fixed);
    JacobianEstimate os = Estimators.byName("one-step", o).jacobian(sol);
    double gap = distance(os.jacobian(), reference);
    double bound = os.diagnostics().oneStepBound();
    if (Double.isFinite(bound)) {
      assertTrue(gap <= bound * (1 + 1e-6), "one-step gap " + gap + " > bound " + bound);
      assertTrue(gap >= 1e-3 * bound, "one-step plateau " + gap + " vs bound " + bound);
    } else {
      assertTrue(os.diagnostics().oneStepBoundNote().contains("no bound"),
          String.valueOf(os.diagnostics().oneStepBoundNote()));
    }
  }

  @Test
  void aStepOfTwoOverLOrMoreIsRefusedNamingTheStepAndL() {
    Problem lasso = Problems.create("lasso", DATA, 1, 1);
    double l = lasso.lipschitz(new double[] {0.1});
    IterativeSolver s = Solvers.create("prox-gradient", lasso, Double.toString(2.5 / l));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Solve.run(s, new double[] {0.1}, new double[8], SolveOptions.iterations(5,
            Storage.lastTwo())));
    assertTrue(e.getMessage().contains("step " + 2.5 / l) && e.getMessage().contains("L = "
        + l), e.getMessage());
  }

  @Test
  void theProxGradientConditionIsRefusedWithNewtonOnASmoothProblem() {
    Problem ridge = Problems.create("ridge", DATA, 1, 1);
    Solution sol = Solve.run(Solvers.create("newton", ridge, null), new double[] {0.1},
        new double[8], SolveOptions.iterations(3, Storage.lastTwo()));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Estimators.byName("implicit", EstimatorOptions.defaults()
            .withCondition("prox-gradient")).jacobian(sol));
    assertTrue(e.getMessage().contains("does not fit solver newton on ridge"), e.getMessage());
    assertEquals("condition prox-gradient needs a composite problem f + g; ridge is smooth "
        + "(use stationarity or fixed-point)", dev.iterdiff.optimality.Conditions.CATALOG
        .get("prox-gradient").misfit(ridge, 3));
  }

  @Test
  void aSimplexRadiusOutsideTheDomainIsRefused() {
    Problem p = Problems.create("simplex-ls", DATA, 1, 0.1);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Solve.run(Solvers.create("projected-gradient", p, null), new double[] {-0.5},
            new double[8], SolveOptions.iterations(3, Storage.lastTwo())));
    assertEquals("theta[0] is -0.5 (simplex: must be finite and > 0)", e.getMessage());
  }
}
