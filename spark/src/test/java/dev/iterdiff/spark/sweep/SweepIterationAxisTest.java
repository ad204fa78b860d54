package dev.iterdiff.spark.sweep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.iterdiff.spark.SharedSparkSession;
import dev.iterdiff.spark.config.SweepConfig;
import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;

/**
 * The iteration count as a sweep axis: a sweep over θ × k on Spark gives, row for row, the
 * rows of separate single-k sweeps run by the in-process loop — every column bitwise except
 * the timings and the instance id (θ id t with budget j is instance t·K + j) — although the
 * budgets of one θ share one solve ({@link InstanceRunner#run(List)}); and the shared solve
 * falls back to separate ones when the largest budget diverges.
 */
class SweepIterationAxisTest {

  private static final List<Integer> BUDGETS = List.of(12, 3, 40, 7);

  private static String config(String name, String solver) {
    return SweepJobTest.config(name,
        "{ name = diabetes, path = \"data-samples/diabetes.libsvm\" },"
            + " { name = k100, path = \"data-samples/synthetic-ridge-k100.libsvm\" }",
        "ridge", solver, "{ coordinates = [ { log { from = 0.01, to = 1, count = 3 } } ] }")
        .replace("truncated-k = 5", "truncated-k = 3");
  }

  /** Rows keyed by (θ id, k, estimator). */
  private static Map<String, SweepRow> byKey(List<SweepRow> rows, int budgets) {
    Map<String, SweepRow> out = new HashMap<>();
    for (SweepRow r : rows) {
      long theta = budgets == 1 ? r.instanceId() : r.instanceId() / budgets;
      String key = theta + "/" + r.maxIterations() + "/" + r.estimator();
      SweepRow before = out.put(key, r);
      assertTrue(before == null, "two rows " + key + ": ids " + r.instanceId() + " and "
          + (before == null ? -1 : before.instanceId()) + " of " + r.data());
    }
    return out;
  }

  private static void assertSameExceptIdsAndTimings(SweepRow e, SweepRow a) {
    String at = e.data() + " theta " + java.util.Arrays.toString(e.theta()) + " k "
        + e.maxIterations() + " " + e.estimator();
    assertEquals(e.data(), a.data(), at);
    assertEquals(e.status(), a.status(), at);
    assertEquals(e.message(), a.message(), at);
    assertEquals(e.iterations(), a.iterations(), at);
    assertEquals(e.converged(), a.converged(), at);
    assertEquals(e.maxIterations(), a.maxIterations(), at);
    assertArrayEquals(e.theta(), a.theta(), 0, at);
    assertArrayEquals(e.x(), a.x(), 0, at);
    assertArrayEquals(e.jacobian(), a.jacobian(), 0, at);
    SweepRowSchemaTest.assertSameNumbers(e, a);
  }

  @Test
  void axisRowsOnSparkEqualSeparateSingleBudgetSweepsBitwise() throws IOException {
    SweepConfig c = SweepConfig.parse(config("iteration-axis", "{ name = gd, iterations = "
        + "[12, 3, 40, 7] }"), Map.of("partitions", "3"));
    assertEquals(BUDGETS, c.iterationGrid());
    assertTrue(c.sweepsIterations());
    SweepJob.Result result = SweepJobTest.runOnSpark(c);
    List<SweepRow> axis = SweepJobTest.readBack(SharedSparkSession.get(),
        result.resultsPath());
    assertEquals(2 * 3 * 4 * 5, axis.size());
    for (SweepRow r : axis) {
      assertTrue(r.ok(), r.message());
      assertEquals(BUDGETS.get((int) (r.instanceId() % 4)).intValue(), r.maxIterations());
      assertEquals(r.maxIterations(), r.iterations()); // no tolerance: exactly k
    }
    Map<String, SweepRow> got = byKey(axis, 4);
    int compared = 0;
    for (int k : BUDGETS) {
      SweepConfig one = c.withIterations(List.of(k));
      assertFalse(one.sweepsIterations());
      List<SweepRow> separate = LocalSweep.run(SweepPlan.prepare(one, new Configuration()));
      for (Map.Entry<String, SweepRow> e : byKey(separate, 1).entrySet()) {
        assertSameExceptIdsAndTimings(e.getValue(), got.get(e.getKey()));
        compared++;
      }
    }
    assertEquals(axis.size(), compared);
    // the error falls with k for the unrolled estimators on every instance (GD, step 1/L)
    for (SweepRow r : axis) {
      if (r.estimator().equals("unrolled-reverse") && r.maxIterations() == 40) {
        SweepRow at3 = got.get(r.instanceId() / 4 + "/3/unrolled-reverse");
        assertTrue(r.jacobianError() < at3.jacobianError(), r.jacobianError() + " vs "
            + at3.jacobianError());
      }
    }
    JsonNode summary = new ObjectMapper().readTree(new File(result.summaryPath()));
    assertEquals("[12,3,40,7]", summary.path("solver").path("iterations").toString());
    JsonNode by = summary.path("by_iterations");
    assertEquals(4 * 5, by.size());
    assertEquals(3, by.get(0).path("iterations").asInt()); // k ascending
    assertEquals("unrolled-forward", by.get(0).path("estimator").asText());
    List<Double> at40 = new ArrayList<>();
    for (SweepRow r : axis) {
      if (r.maxIterations() == 40 && r.estimator().equals("implicit")) {
        at40.add(r.jacobianError());
      }
    }
    JsonNode implicit40 = by.get(3 * 5 + 4);
    assertEquals(40, implicit40.path("iterations").asInt());
    assertEquals("implicit", implicit40.path("estimator").asText());
    assertEquals(SweepSummary.median(at40), implicit40.path("median_error").asDouble(), 1e-15);
    assertEquals(6, implicit40.path("rows").asLong());
  }

  /**
   * The budgets of one θ in one call share a solve; the rows equal one call per instance. A
   * fixed step 2.5 on ridge (L ≈ 1 on the synthetic data) diverges after about 70 iterations:
   * the shared solve to 200 fails, and the budget 10 must still get its ok rows.
   */
  @Test
  void sharedSolveEqualsSeparateSolvesAndFallsBackWhenTheLargestBudgetDiverges() {
    for (String solver : List.of("{ name = gd, iterations = [5, 30, 17] }",
        "{ name = heavy-ball, iterations = [5, 30, 17], tol = 1e-3 }",
        "{ name = gd, step = 2.5, iterations = [10, 200] }")) {
      SweepConfig c = SweepConfig.parse(config("iteration-groups", solver), Map.of());
      SweepPlan plan = SweepPlan.prepare(c, new Configuration());
      List<SweepInstance> all = plan.instances();
      InstanceRunner shared = new InstanceRunner(c, plan.data());
      InstanceRunner alone = new InstanceRunner(c, plan.data());
      int k = c.iterationGrid().size();
      boolean diverged = false;
      for (int t = 0; t < all.size() / k; t++) {
        List<SweepInstance> group = all.subList(t * k, (t + 1) * k);
        List<SweepRow> together = shared.run(group);
        List<SweepRow> one = new ArrayList<>();
        for (SweepInstance s : group) {
          one.addAll(alone.run(s));
        }
        assertEquals(one.size(), together.size());
        for (int i = 0; i < one.size(); i++) {
          assertEquals(one.get(i).instanceId(), together.get(i).instanceId());
          assertSameExceptIdsAndTimings(one.get(i), together.get(i));
          diverged |= one.get(i).status().equals("diverged");
        }
      }
      if (solver.contains("2.5")) {
        assertTrue(diverged, "the step 2.5 diverges at k = 200");
        assertTrue(LocalSweep.run(plan).stream().anyMatch(r -> r.maxIterations() == 10
            && r.ok()), "k = 10 stops before the divergence");
      }
    }
  }

  /**
   * Instances from a file (read by Spark on the executors) and QPs that carry their own data
   * (interior point, its own optimality condition) take the axis too: the Spark rows equal the
   * in-process loop's and, per budget, separate single-budget sweeps'.
   */
  @Test
  void instanceFilesAndOwnDataProblemsTakeTheAxis() throws IOException {
    File inst = new File("target/test-output/iteration-axis.jsonl");
    inst.getParentFile().mkdirs();
    java.nio.file.Files.writeString(inst.toPath(), """
        {"theta": 0.05}
        {"data": "k100", "theta": 0.5}
        {"theta": [0.1, 0.2]}
        """);
    SweepConfig file = SweepConfig.parse(config("iteration-axis-file",
        "{ name = gd, iterations = [9, 4] }"), Map.of("theta", "{file = \"" + inst
        + "\"}", "partitions", "2"));
    String qp = """
        sweep {
          name = iteration-axis-qp
          problem { name = qp }
          solver { name = interior-point, iterations = [6, 40, 15], tol = 1e-11 }
          theta { mode = generate, n = 8, samples = 3, seed = 11, parameter = b }
          estimators = %s
          estimator-options { truncated-k = 3, condition = kkt, linear-tol = 1e-12 }
          output { path = "%s", overwrite = true, x = true, jacobian = true }
        }
        """.formatted(SweepJobTest.ALL, SweepJobTest.out("iteration-axis-qp"));
    for (SweepConfig c : List.of(file, SweepConfig.parse(qp, Map.of("partitions", "2")))) {
      int budgets = c.iterationGrid().size();
      List<SweepRow> spark = SweepJobTest.readBack(SharedSparkSession.get(),
          SweepJobTest.runOnSpark(c).resultsPath());
      List<SweepRow> local = LocalSweep.run(SweepPlan.prepare(c, new Configuration()));
      SweepJobTest.assertSameRows(local, spark);
      assertTrue(spark.stream().filter(SweepRow::ok).count() >= spark.size() / 2,
          "mostly ok rows");
      for (SweepRow r : spark) { // failed rows say their budget too
        assertEquals(c.iterationGrid().get((int) (r.instanceId() % budgets)).intValue(),
            r.maxIterations(), r.status() + " " + r.message());
      }
      Map<String, SweepRow> got = byKey(spark, budgets);
      int compared = 0;
      for (int k : c.iterationGrid()) {
        for (Map.Entry<String, SweepRow> e : byKey(LocalSweep.run(SweepPlan.prepare(
            c.withIterations(List.of(k)), new Configuration())), 1).entrySet()) {
          assertSameExceptIdsAndTimings(e.getValue(), got.get(e.getKey()));
          compared++;
        }
      }
      assertEquals(spark.size(), compared);
    }
  }
}
