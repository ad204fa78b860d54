package dev.iterdiff.spark.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iterdiff.spark.SharedSparkSession;
import dev.iterdiff.spark.config.SweepConfig;
import java.io.File;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.SparkEnv;
import org.apache.spark.storage.BlockId;
import org.apache.spark.storage.BlockManager;
import org.apache.spark.storage.BroadcastBlockId;
import org.junit.jupiter.api.Test;
import scala.Option;

/**
 * A sweep leaves none of its broadcasts behind when it returns — the data sets, the grid or
 * random space, an instance file's plan — in the block manager of the shared local session
 * (driver and executor in one): {@link SweepJob#release} destroys each one blocking, so the
 * check right after the run is not a race with Spark's asynchronous removal or with the
 * ContextCleaner. Broadcasts other tests of this JVM left, and Spark's own (a Parquet scan's
 * Hadoop configuration), are not counted: only new blocks holding a sweep's values.
 */
class SweepBroadcastsTest {

  @Test
  void aFileSweepAndAGridSweepLeaveNoBroadcastOfTheirs() throws Exception {
    File file = new File("target/test-output/instance-files/broadcasts.jsonl");
    file.getParentFile().mkdirs();
    Files.writeString(file.toPath(), """
        {"theta": 0.1}
        {"theta": 2}
        {"data": "diabetes", "theta": 0.5}
        """);
    SweepConfig fromFile = SweepConfig.parse(SweepJobTest.RIDGE, Map.of(
        "theta", "{file = \"" + file.getAbsolutePath() + "\"}",
        "output.path", SweepJobTest.out("broadcasts-file"),
        "solver", "{ name = gd, iterations = 5 }", "estimators", "[one-step]",
        "reference", "null", "output.report", "false"));
    SweepConfig grid = SweepConfig.parse(SweepJobTest.RIDGE, Map.of(
        "output.path", SweepJobTest.out("broadcasts-grid"),
        "solver", "{ name = gd, iterations = 5 }", "estimators", "[one-step]",
        "reference", "null", "output.report", "false"));
    // the check sees a live broadcast of a sweep's data, and release drops it before returning
    var spark = SharedSparkSession.get();
    org.apache.spark.broadcast.Broadcast<List<SweepData>> probe =
        org.apache.spark.api.java.JavaSparkContext.fromSparkContext(spark.sparkContext())
            .broadcast(new java.util.ArrayList<>(SweepPlan.readData(grid,
                spark.sparkContext().hadoopConfiguration(), spark)));
    assertTrue(sweepBroadcasts().contains(probe.id()), "the probe is seen");
    SweepJob.release(probe);
    assertTrue(!sweepBroadcasts().contains(probe.id()), "the probe is gone");
    for (SweepConfig c : List.of(fromFile, grid)) {
      Set<Long> before = sweepBroadcasts();
      SweepJob.Result r = SweepJob.run(SharedSparkSession.get(), c,
          new PrintWriter(new StringWriter()));
      assertTrue(r.summary().instances() > 0);
      Set<Long> left = sweepBroadcasts();
      left.removeAll(before);
      assertEquals(Set.of(), left, c.output().path() + ": broadcasts left by the sweep");
    }
  }

  /** Ids of the broadcasts whose value in the local block manager is one of a sweep's. */
  static Set<Long> sweepBroadcasts() {
    BlockManager bm = SparkEnv.get().blockManager();
    scala.Function1<BlockId, Object> isBroadcast = BlockId::isBroadcast;
    scala.collection.Iterator<BlockId> ids = bm.getMatchingBlockIds(isBroadcast).iterator();
    Set<Long> out = new TreeSet<>();
    while (ids.hasNext()) {
      if (ids.next() instanceof BroadcastBlockId b && b.field().isEmpty()) {
        Option<scala.collection.Iterator<Object>> v;
        try {
          v = bm.memoryStore().getValues(b);
        } catch (IllegalArgumentException serialized) {
          continue; // a serialized entry is not a driver-side value
        }
        if (v.isDefined() && v.get().hasNext() && isSweepValue(v.get().next())) {
          out.add(b.broadcastId());
        }
      }
    }
    return out;
  }

  private static boolean isSweepValue(Object o) {
    return o instanceof InstanceFilePlan || o instanceof InstanceSpace
        || o instanceof List<?> l && !l.isEmpty() && l.get(0) instanceof SweepData;
  }
}
