package dev.iterdiff.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The benchmark's settings at toy sizes: every estimator runs, on the storage the library
 * requires, and the hypergradients agree with implicit(cholesky) as theory says — which
 * proves the benchmark times real, correct work. No timing is asserted.
 */
class EstimatorSuiteTest {

  private static BenchOptions tiny(Set<String> settings) {
    return new BenchOptions(settings, List.of(6), List.of(6), 0, 1, 0.0, 1000, 1e-10, 50, 400,
        5, 1e-2, 5, 3, BenchClock.CPU);
  }

  @Test
  void newtonOnBothParametrizationsRunsEveryEstimatorAndAgreesWithImplicit() {
    List<BenchRow> rows = EstimatorSuite.run(tiny(Set.of(BenchOptions.NEWTON_LOGISTIC,
        BenchOptions.NEWTON_WEIGHTED_LOGISTIC)), row -> { });
    assertEquals(12, rows.size());
    for (BenchRow r : rows) {
      assertEquals("ok", r.status(), r.toString());
      assertTrue(r.iterations() > 1 && r.iterations() < 50, r.toString());
    }
    for (String setting : List.of(BenchOptions.NEWTON_LOGISTIC,
        BenchOptions.NEWTON_WEIGHTED_LOGISTIC)) {
      Map<String, BenchRow> by = rows.stream().filter(r -> r.setting().equals(setting))
          .collect(Collectors.toMap(BenchRow::estimator, Function.identity()));
      assertEquals(0.0, by.get("implicit(cholesky)").relativeError());
      // Newton converged to ‖∇f‖ ≤ 1e-10: implicit by CG and unrolled agree to the solve's
      // accuracy; one-step is exact up to O(‖x_{k-1} − x*‖) (the last Newton step).
      assertTrue(by.get("implicit(cg)").relativeError() < 1e-8, by.toString());
      assertTrue(by.get("implicit(auto)").relativeError() < 1e-8, by.toString());
      assertTrue(by.get("unrolled-reverse").relativeError() < 1e-6, by.toString());
      assertTrue(by.get("one-step").relativeError() < 1e-3, by.toString());
      assertEquals("FULL", by.get("unrolled-reverse").storage());
      assertEquals("LAST(1)", by.get("one-step").storage());
      assertEquals("jacobian", by.get("unrolled-forward").product());
    }
    assertEquals(12, rows.get(11).m(), "per-sample weights: m = N = 2p");
  }

  @Test
  void gradientDescentOnRidgeShowsOneStepBiasAndUnrolledAccuracy() {
    List<BenchRow> rows = EstimatorSuite.run(tiny(Set.of(BenchOptions.GD_RIDGE)), row -> { });
    Map<String, BenchRow> by = rows.stream()
        .collect(Collectors.toMap(BenchRow::estimator, Function.identity()));
    assertEquals(Set.of("one-step", "implicit(auto)", "implicit(cholesky)", "implicit(cg)",
        "unrolled-reverse", "unrolled-reverse(checkpointed)", "truncated(5)", "unrolled-forward"), by.keySet());
    by.values().forEach(r -> assertEquals("ok", r.status(), r.toString()));
    assertEquals(400, by.get("one-step").iterations());
    // κ = 5, 400 steps of 1/L: unrolled has converged; one step of GD has not (Scieur et al.).
    assertTrue(by.get("unrolled-reverse").relativeError() < 1e-8, by.toString());
    assertTrue(by.get("unrolled-reverse(checkpointed)").relativeError() < 1e-8, by.toString());
    assertTrue(by.get("one-step").relativeError() > 0.1, by.toString());
    assertTrue(by.get("unrolled-reverse(checkpointed)").storage().startsWith("CHECKPOINTED"));
    assertEquals("LAST(5)", by.get("truncated(5)").storage());
  }

  @Test
  void qpAndLassoRunEveryEstimatorAndAgreeWithTheFullSystem() {
    BenchOptions t = tiny(Set.of(BenchOptions.IPM_QP, BenchOptions.PROX_LASSO));
    BenchOptions o = new BenchOptions(t.settings(), t.newtonSizes(), t.ridgeSizes(), 0, 1, 0.0,
        1000, 1e-10, 50, 400, 5, 1e-2, 5, 3, BenchClock.CPU, List.of(12), 1e-9, List.of(20),
        1e-10, 20_000);
    List<BenchRow> rows = EstimatorSuite.run(o, row -> { });
    assertEquals(8, rows.size());
    Map<String, BenchRow> by = rows.stream().collect(Collectors.toMap(
        r -> r.setting() + " " + r.estimator(), Function.identity()));
    by.values().forEach(r -> assertEquals("ok", r.status(), r.toString()));
    // the reduced KKT / support-restricted systems give the full systems' hypergradient
    assertTrue(by.get("ipm-qp implicit(reduced-kkt)").relativeError() < 1e-8, by.toString());
    assertTrue(by.get("prox-lasso implicit(support)").relativeError() < 1e-8, by.toString());
    // one-step after the interior point: the duality gap's order; unrolled as well
    assertTrue(by.get("ipm-qp one-step").relativeError() < 1e-3, by.toString());
    assertTrue(by.get("prox-lasso unrolled-reverse").relativeError() < 1e-5, by.toString());
    assertTrue(by.get("prox-lasso one-step").parametrization().startsWith("theta1, |S|/p = "));
  }

  @Test
  void unknownSettingIsNamed() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> tiny(Set.of("newton-ridge")));
    assertEquals("--settings: unknown setting 'newton-ridge' (expected one of newton-logistic,"
        + " newton-weighted-logistic, gd-ridge, ipm-qp, prox-lasso)", e.getMessage());
  }
}
