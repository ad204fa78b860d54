package dev.iterdiff.spark.sweep;

import dev.iterdiff.spark.config.SweepConfig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;

/** The in-process sweep on plain threads gives the rows of the one-thread loop, in order. */
class LocalSweepTest {

  @Test
  void threadsGiveTheRowsOfTheOneThreadLoopInOrder() {
    SweepConfig c = SweepConfig.parse(SweepJobTest.RIDGE, Map.of());
    SweepPlan plan = SweepPlan.prepare(c, new Configuration());
    List<SweepRow> one = LocalSweep.run(plan);
    assertEquals(plan.instances().size() * c.estimators().size(), one.size());
    for (int[] tp : new int[][] {{2, 2}, {2, 5}, {3, 1}}) {
      List<SweepRow> many = LocalSweep.run(plan, tp[0], tp[1]);
      SweepJobTest.assertSameRows(one, many);
    }
    assertTrue(one.stream().allMatch(SweepRow::ok));
  }

  @Test
  void threadsAndPartsMustBePositive() {
    SweepPlan plan = SweepPlan.prepare(SweepConfig.parse(SweepJobTest.RIDGE, Map.of()),
        new Configuration());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> LocalSweep.run(plan, 0, 2));
    assertEquals("LocalSweep: threads and parts must be >= 1, got 0 and 2", e.getMessage());
  }
}
