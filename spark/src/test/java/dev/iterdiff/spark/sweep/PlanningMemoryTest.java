package dev.iterdiff.spark.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iterdiff.spark.config.SweepConfig;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;

/**
 * The driver's heap after planning does not grow with the instance count: 10⁴ and 10⁶
 * planned instances (plan, ranges) measured with {@link MemoryMXBean} after GC. A list of
 * 10⁶ instances takes ≥ 56 MB (record + θ array + boxed id in the partitioner); the
 * difference allowed here is 2 MB, so the list would fail it by far.
 */
class PlanningMemoryTest {

  /** Ridge on diabetes, random λ, a few GD iterations. */
  static final String RANDOM = """
      sweep {
        name = memory
        data = [ { name = diabetes, path = "data-samples/diabetes.libsvm" } ]
        problem { name = ridge }
        solver { name = gd, iterations = 5 }
        theta { mode = random, samples = %d, seed = 1,
                coordinates = [ { log { from = 1e-3, to = 10, count = 1 } } ] }
        estimators = [one-step, implicit]
        output { path = "target/memory", overwrite = true }
      }
      """;

  static SweepConfig config(int samples) {
    return SweepConfig.parse(RANDOM.formatted(samples), Map.of());
  }

  /** Heap used after planning {@code samples} instances, with the plan still reachable. */
  static long heapAfterPlanning(int samples, Object[] keep) {
    SweepPlan plan = SweepPlan.prepare(config(samples), new Configuration());
    List<InstanceRange> ranges = RangePartitioner.split(plan.space(), 2);
    keep[0] = plan;
    keep[1] = ranges;
    return used();
  }

  static long used() {
    MemoryMXBean mx = ManagementFactory.getMemoryMXBean();
    long best = Long.MAX_VALUE;
    for (int i = 0; i < 3; i++) {
      System.gc();
      best = Math.min(best, mx.getHeapMemoryUsage().getUsed());
    }
    return best;
  }

  @Test
  void driverHeapDoesNotGrowWithTheInstanceCount() {
    Object[] keep = new Object[2];
    heapAfterPlanning(10_000, keep); // warm: classes loaded, data read once
    keep[0] = null;
    long small = heapAfterPlanning(10_000, keep);
    assertEquals(10_000, ((SweepPlan) keep[0]).space().size());
    keep[0] = null;
    keep[1] = null;
    long big = heapAfterPlanning(1_000_000, keep);
    assertEquals(1_000_000, ((SweepPlan) keep[0]).space().size());
    System.out.printf("driver heap after planning: 1e4 -> %.2f MB, 1e6 -> %.2f MB%n",
        small / 1e6, big / 1e6);
    assertTrue(big - small < 2_000_000, "heap grew by " + (big - small) + " bytes from 10^4 to "
        + "10^6 planned instances");
  }
}
