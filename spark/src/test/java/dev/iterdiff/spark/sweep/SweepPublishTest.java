package dev.iterdiff.spark.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iterdiff.spark.SharedSparkSession;
import dev.iterdiff.spark.config.JobConfigException;
import dev.iterdiff.spark.config.SweepConfig;
import java.io.File;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerStageSubmitted;
import org.apache.spark.scheduler.SparkListenerTaskStart;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/**
 * Publishing a sweep (issue 10, items 1, 8, 9): a run replaces the previous result only once
 * complete, a second writer of the same output stops at once, an output that cannot be
 * written stops the run before any instance runs, and the published result is one run's.
 */
public class SweepPublishTest {

  /** The ridge sweep of {@link SweepJobTest} with {@code count} θ values, into {@code name}. */
  static SweepConfig config(String name, int count, int iterations) {
    return SweepConfig.parse(SweepJobTest.RIDGE, Map.of("output.path", SweepJobTest.out(name),
        "theta.coordinates", "[{log: {from: 0.01, to: 10, count: " + count + "}}]",
        "solver.iterations", Integer.toString(iterations), "reference", "null"));
  }

  static SweepJob.Result run(SweepConfig c) {
    return SweepJob.run(SharedSparkSession.get(), c, new PrintWriter(new StringWriter()));
  }

  @Test
  void aRunStoppedMidJobLeavesThePreviousResultInPlace() throws Exception {
    // GIVEN a published result
    SweepConfig small = config("publish-kill", 2, 20);
    SweepJob.Result first = run(small);
    String summary = Files.readString(new File(first.summaryPath()).toPath());
    List<SweepRow> before = SweepJobTest.readBack(SharedSparkSession.get(), first.resultsPath());
    // WHEN an overwriting run is stopped while its tasks run (its jobs cancelled)
    SparkSession spark = SharedSparkSession.get();
    SparkListener cancel = new SparkListener() {
      @Override
      public void onTaskStart(SparkListenerTaskStart e) {
        spark.sparkContext().cancelAllJobs();
      }
    };
    spark.sparkContext().addSparkListener(cancel);
    try {
      assertThrows(Exception.class, () -> run(config("publish-kill", 40, 20000)));
    } finally {
      spark.sparkContext().listenerBus().waitUntilEmpty();
      spark.sparkContext().removeSparkListener(cancel);
    }
    // THEN the previous result is still there, rows and summary, and no lock is left
    SweepJobTest.assertSameRows(before,
        SweepJobTest.readBack(SharedSparkSession.get(), first.resultsPath()));
    assertEquals(summary, Files.readString(new File(first.summaryPath()).toPath()));
    File out = new File(SweepJobTest.out("publish-kill"));
    assertFalse(new File(out, "_LOCK").exists(), "lock left behind");
    // AND the next run publishes and clears what the stopped one left (its cancelled tasks
    // may still be writing files into its attempt directory as the job fails)
    SweepJob.Result next = run(config("publish-kill", 3, 20));
    assertEquals(6 * 5, SweepJobTest.readBack(spark, next.resultsPath()).size());
    File attempts = new File(out, "_attempts");
    assertFalse(attempts.exists(), () -> "attempt left behind: " + listing(attempts));
  }

  /** Holds the task of {@link #aFailedRunWaitsForEveryTaskTheSchedulerLaunched} (local mode). */
  static final java.util.concurrent.CountDownLatch RELEASE =
      new java.util.concurrent.CountDownLatch(1);

  @Test
  void aFailedRunWaitsForEveryTaskTheSchedulerLaunched() throws Exception {
    // GIVEN a job whose one task blocks until released
    SparkSession spark = SharedSparkSession.get();
    org.apache.spark.api.java.JavaSparkContext jsc =
        org.apache.spark.api.java.JavaSparkContext.fromSparkContext(spark.sparkContext());
    org.apache.spark.api.java.JavaFutureAction<Void> job = jsc.parallelize(List.of(1), 1)
        .foreachAsync(x -> RELEASE.await());
    try {
      long deadline = System.nanoTime() + 30_000_000_000L;
      while (SweepJob.runningTasks(spark.sparkContext()) == 0 && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
      // WHEN a run waits for its tasks THEN the wait does not end while the task runs
      assertEquals(1, SweepJob.runningTasks(spark.sparkContext()));
      assertFalse(SweepJob.awaitTasks(spark, "test", 1), "returned while a task ran");
    } finally {
      RELEASE.countDown();
    }
    // AND it ends once the executor has reported the task ended
    assertTrue(SweepJob.awaitTasks(spark, "test", 30));
    assertEquals(0, SweepJob.runningTasks(spark.sparkContext()));
    job.get();
  }

  @Test
  void aSecondWriterStopsAtOnceNamingTheRunThatWrites() throws Exception {
    // GIVEN a published result and a live job (this JVM) holding the output's lock
    SweepConfig c = config("publish-busy", 2, 20);
    SweepJob.Result first = run(c);
    List<SweepRow> before = SweepJobTest.readBack(SharedSparkSession.get(), first.resultsPath());
    File lock = new File(SweepJobTest.out("publish-busy"), "_LOCK");
    Files.writeString(lock.toPath(), "run=other-run-1\nhost="
        + InetAddress.getLocalHost().getHostName() + "\npid=" + ProcessHandle.current().pid()
        + "\nstarted=2026-01-01T00:00:00Z\n");
    StageCounter stages = new StageCounter();
    SharedSparkSession.get().sparkContext().addSparkListener(stages);
    try {
      // WHEN another sweep overwrites the same output
      IllegalStateException e = assertThrows(IllegalStateException.class, () -> run(c));
      // THEN it stops before any Spark work, naming the run and the lock, and changes nothing
      assertTrue(e.getMessage().contains("other-run-1") && e.getMessage().contains(
          lock.getPath()), e.getMessage());
      SharedSparkSession.get().sparkContext().listenerBus().waitUntilEmpty();
      assertEquals(0, stages.stages.get());
    } finally {
      SharedSparkSession.get().sparkContext().removeSparkListener(stages);
      Files.deleteIfExists(lock.toPath());
    }
    SweepJobTest.assertSameRows(before,
        SweepJobTest.readBack(SharedSparkSession.get(), first.resultsPath()));
  }

  @Test
  void anUnwritableOutputFailsBeforeAnyInstanceRuns() throws Exception {
    File file = new File(SweepJobTest.out("publish-not-a-dir"));
    file.getParentFile().mkdirs();
    Files.writeString(file.toPath(), "a file, not a directory\n");
    SweepConfig c = SweepConfig.parse(SweepJobTest.RIDGE, Map.of("output.path",
        file.getPath() + "/out"));
    StageCounter stages = new StageCounter();
    SharedSparkSession.get().sparkContext().addSparkListener(stages);
    try {
      JobConfigException e = assertThrows(JobConfigException.class, () -> run(c));
      assertEquals("sweep.output.path", e.key());
      assertTrue(e.getMessage().contains(file.getPath() + "/out is not writable"),
          e.getMessage());
      assertFalse(e.getMessage().contains("\n"), e.getMessage());
      SharedSparkSession.get().sparkContext().listenerBus().waitUntilEmpty();
      assertEquals(0, stages.stages.get());
    } finally {
      SharedSparkSession.get().sparkContext().removeSparkListener(stages);
    }
  }

  @Test
  void concurrentOverwritingRunsPublishExactlyOneRunsRows() throws Exception {
    // GIVEN two sweeps of different sizes (3 and 4 instances) overwriting one output
    List<SweepConfig> configs = List.of(config("publish-race", 3, 2000),
        config("publish-race", 4, 2000));
    List<Object> outcomes = new ArrayList<>(List.of("", ""));
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      int k = i;
      threads.add(new Thread(() -> {
        try {
          outcomes.set(k, run(configs.get(k)));
        } catch (RuntimeException e) {
          outcomes.set(k, e);
        }
      }));
    }
    // WHEN they run at once
    threads.forEach(Thread::start);
    for (Thread t : threads) {
      t.join();
    }
    // THEN at least one succeeds, a loser says the output is busy, and what is published is
    // one run's rows: as many as its instances × estimators, keys distinct, run ids agreeing
    assertTrue(outcomes.stream().anyMatch(o -> o instanceof SweepJob.Result), "" + outcomes);
    for (Object o : outcomes) {
      if (o instanceof RuntimeException e) {
        assertTrue(e instanceof IllegalStateException && e.getMessage().contains("written by"),
            "" + e);
      }
    }
    Path out = new Path(SweepJobTest.out("publish-race"));
    String runId = SweepAttempt.publishedRunId(out.getFileSystem(new Configuration()), out);
    List<SweepRow> rows = SweepJobTest.readBack(SharedSparkSession.get(),
        SweepJobTest.out("publish-race") + "/results");
    Set<String> keys = new HashSet<>();
    rows.forEach(r -> keys.add(r.instanceId() + "/" + r.estimator()));
    assertEquals(rows.size(), keys.size(), "duplicate rows");
    SweepJob.Result winner = (SweepJob.Result) outcomes.stream()
        .filter(o -> o instanceof SweepJob.Result r && r.runId().equals(runId)).findFirst()
        .orElseThrow();
    assertEquals(winner.summary().instances() * 5, rows.size());
    assertTrue(Files.readString(new File(winner.summaryPath()).toPath())
        .contains("\"rows\":" + rows.size()));
  }

  /** Every file under {@code dir}, for a failure message. */
  static String listing(File dir) {
    try (java.util.stream.Stream<java.nio.file.Path> files = Files.walk(dir.toPath())) {
      return files.map(java.nio.file.Path::toString).toList().toString();
    } catch (java.io.IOException e) {
      return e.toString();
    }
  }

  /** Counts the Spark stages submitted while it is registered. */
  static final class StageCounter extends SparkListener {
    final AtomicInteger stages = new AtomicInteger();

    @Override
    public void onStageSubmitted(SparkListenerStageSubmitted e) {
      stages.incrementAndGet();
    }
  }
}
