package dev.iterdiff.spark.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iterdiff.spark.config.SweepConfig;
import java.io.File;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;

/**
 * A non-finite estimate is a failed row (issue 10, item 2): GIVEN unregularized logistic
 * regression on separable data and 705 Newton steps (x finite, the unrolled Jacobian
 * overflowed), the unrolled-forward row has status {@code non-finite} and names the entry of
 * its VJP (the hypergradient's product) that overflowed.
 */
class SweepNonFiniteTest {

  @Test
  void anOverflowedUnrolledJacobianIsANonFiniteRowNotOk() throws Exception {
    File sep = new File("target/test-output/sweep-sep.libsvm");
    sep.getParentFile().mkdirs();
    Files.writeString(sep.toPath(), "1 1:1\n1 1:2\n-1 1:-1\n-1 1:-2\n1 1:3\n-1 1:-3\n");
    SweepConfig c = SweepConfig.parse("""
        sweep {
          name = non-finite
          data = [ { name = sep, path = "%s" } ]
          problem { name = logistic }
          solver { name = newton, iterations = 705 }
          theta { coordinates = [ { values = [0] } ] }
          estimators = [unrolled-forward, one-step]
          reference = null
          outer { validation-fraction = 0.25, seed = 3 }
          output { path = "%s", overwrite = true }
        }
        """.formatted(sep.getAbsolutePath(), SweepJobTest.out("non-finite")), Map.of());
    List<SweepRow> rows = LocalSweep.run(SweepPlan.prepare(c, new Configuration()));
    assertEquals(2, rows.size());
    SweepRow unrolled = rows.get(0);
    assertEquals("unrolled-forward", unrolled.estimator());
    assertEquals("non-finite", unrolled.status(), unrolled.message());
    assertTrue(unrolled.message().matches("NonFiniteResultException: vjp\\[0\\] = "
        + "(NaN|-?Infinity) \\(unrolled-forward\\)"), unrolled.message());
    assertNull(unrolled.hypergradient());
    SweepRow oneStep = rows.get(1);
    assertEquals("one-step", oneStep.estimator());
    assertTrue(oneStep.ok() || oneStep.status().equals("non-finite"), oneStep.message());
  }

  /** Issue 10, item 10: {@code converged} is reported against a stated tolerance only. */
  @Test
  void convergedIsNullWithoutATolerance() {
    for (String tol : new String[] {"null", "1e-3"}) {
      SweepConfig c = SweepConfig.parse(SweepJobTest.RIDGE, Map.of("solver.tol", tol,
          "reference", "null", "data", "[{name = diabetes, path = "
              + "\"data-samples/diabetes.libsvm\"}]", "theta.coordinates", "[{values = [1]}]"));
      for (SweepRow r : LocalSweep.run(SweepPlan.prepare(c, new Configuration()))) {
        assertTrue(r.ok(), r.message());
        assertEquals(tol.equals("null") ? null : Boolean.TRUE, r.converged(), tol);
      }
    }
  }
}
