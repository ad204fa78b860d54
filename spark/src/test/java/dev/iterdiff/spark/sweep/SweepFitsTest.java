package dev.iterdiff.spark.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iterdiff.spark.SharedSparkSession;
import dev.iterdiff.spark.config.JobConfigException;
import dev.iterdiff.spark.config.SweepConfig;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A sweep whose solver, reference solver or condition cannot run on its problem is refused on
 * the driver naming the key (it was 250 failed rows after a minute of work), and a lasso swept
 * with proximal gradient needs no condition named: {@code auto} differentiates it through the
 * prox-gradient fixed point, whose implicit Jacobian the reference (FISTA to 1e-12, implicit)
 * confirms.
 */
public class SweepFitsTest {

  static SweepConfig lasso(String name, Map<String, String> more) {
    Map<String, String> o = new HashMap<>(Map.of("output.path", SweepJobTest.out(name),
        "problem.name", "lasso", "solver.name", "prox-gradient",
        "solver.iterations", "20000", "solver.tol", "1e-11", "reference.iterations", "20000",
        "theta.coordinates", "[{log: {from: 0.005, to: 0.05, count: 2}}]",
        "data", "[{name: diabetes, path: \"data-samples/diabetes.libsvm\"}]"));
    o.putAll(more);
    return SweepConfig.parse(SweepJobTest.RIDGE, o);
  }

  static JobConfigException refused(SweepConfig c) {
    return assertThrows(JobConfigException.class, () -> SweepJobTest.runOnSpark(c));
  }

  @Test
  void aReferenceSolverThatCannotSolveTheProblemIsRefusedNamingTheKey() {
    JobConfigException e = refused(lasso("fits-ref", Map.of()));
    assertEquals("sweep.reference.solver", e.key());
    assertTrue(e.getMessage().contains("newton cannot solve lasso"), e.getMessage());
    assertFalse(e.getMessage().contains("\n"), e.getMessage());
  }

  @Test
  void aSolverThatCannotSolveTheProblemIsRefusedNamingTheKey() {
    JobConfigException e = refused(lasso("fits-solver", Map.of("solver.name", "gd",
        "reference.solver", "fista")));
    assertEquals("sweep.solver.name", e.key());
    assertTrue(e.getMessage().contains("gd cannot solve lasso"), e.getMessage());
  }

  @Test
  void aNamedConditionThatDoesNotHoldIsRefusedNamingTheKey() {
    JobConfigException e = refused(lasso("fits-condition", Map.of("reference.solver", "fista",
        "estimator-options.condition", "stationarity")));
    assertEquals("sweep.estimator-options.condition", e.key());
    assertTrue(e.getMessage().contains("condition stationarity holds for smooth problems only"),
        e.getMessage());
  }

  @Test
  void aLassoSweepDifferentiatesThroughTheConditionThatHoldsWithoutNamingIt() {
    SweepJob.Result r = SweepJobTest.runOnSpark(lasso("fits-auto", Map.of(
        "reference.solver", "fista", "estimators", "[implicit, unrolled-forward]")));
    List<SweepRow> rows = SweepJobTest.readBack(SharedSparkSession.get(), r.resultsPath());
    assertEquals(4, rows.size());
    for (SweepRow row : rows) {
      assertEquals("ok", row.status(), row.estimator() + ": " + row.message());
      // against the reference's own tight FISTA solve (1e-12): implicit through the same
      // condition, and unrolled ISTA run to a residual of 1e-11
      assertTrue(row.jacobianError() < 1e-6, row.estimator() + " error "
          + row.jacobianError());
    }
  }
}
