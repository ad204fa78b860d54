package dev.iterdiff.spark;

import dev.iterdiff.spark.config.HyperoptConfig;
import dev.iterdiff.spark.config.SweepConfig;
import dev.iterdiff.spark.hyperopt.HyperoptJob;
import dev.iterdiff.spark.sweep.LocalSweep;
import dev.iterdiff.spark.sweep.SweepJobTest;
import dev.iterdiff.spark.sweep.SweepPlan;
import dev.iterdiff.spark.sweep.SweepProgressListener;
import dev.iterdiff.spark.sweep.SweepRow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Fault tolerance on a real standalone cluster (run by {@code mvn verify} after
 * {@code package}): the loopback cluster of {@code jobs/local-cluster.sh} (1 worker, 2 cores,
 * two 1-core executors), the sweep of {@code conf/sweep-example.conf} made bigger and
 * submitted with {@code jobs/sweep.sh}; once the first partition is done, an executor JVM that
 * is running tasks is killed with SIGKILL. Spark reruns the lost task (an attempt N.1 in an
 * executor's log; the worker starts a replacement executor), and the job must still exit 0
 * with {@code _SUCCESS}, and the rows read back with Spark local mode must equal, row by row
 * and number by number (timings aside), the rows of the same config run in-process by
 * {@link LocalSweep}: nothing lost, nothing written twice. The same for a hyperparameter
 * tuning ({@code jobs/hyperopt.sh}, {@code conf/hyperopt-example.conf}): an executor killed
 * after a few outer steps (its cached warm starts gone with it), and the trajectory must still
 * be, step by step, that of the uninterrupted run in local mode.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class ExecutorLossIT {

  /** Progress line of the sweep stage (SweepProgressListener). */
  private static final Pattern PROGRESS =
      Pattern.compile("stage \\d+: ([1-9]\\d*)/(\\d+) partitions");

  private static LoopbackCluster cluster;

  @BeforeAll
  static void startCluster() throws Exception {
    long t0 = System.nanoTime();
    cluster = LoopbackCluster.start(LoopbackCluster.ROOT.resolve("target/it-cluster"));
    System.out.printf("ExecutorLossIT: cluster started in %.1f s%n",
        (System.nanoTime() - t0) / 1e9);
  }

  @AfterAll
  static void stopCluster() throws Exception {
    if (cluster != null) {
      cluster.close();
    }
  }

  /** The sweep: conf/sweep-example.conf (2 data sets, 5 estimators) on a finer θ grid. */
  static Map<String, String> overrides(Path out) {
    Map<String, String> o = new LinkedHashMap<>();
    o.put("theta.coordinates", "[{log: {from: 1e-3, to: 10, count: 160}}]");
    o.put("solver.iterations", "400");
    o.put("partitions", "24");
    o.put("output.path", out.toString());
    o.put("output.overwrite", "true");
    return o;
  }

  @Test
  void killingAnExecutorMidStageLosesNoRow() throws Exception {
    Path out = LoopbackCluster.ROOT.resolve("target/it-output/executor-loss");
    Path log = Files.createDirectories(out.getParent()).resolve("executor-loss-driver.log");
    Map<String, String> overrides = overrides(out);
    List<String> args = new ArrayList<>(List.of("--master", cluster.masterUrl(),
        "--executor-cores", "1", "--conf", "spark.ui.enabled=false",
        "--", "--config", "conf/sweep-example.conf"));
    overrides.forEach((k, v) -> args.addAll(List.of("--set", k + "=" + v)));
    long t0 = System.nanoTime();
    Process driver = cluster.submit("sweep.sh", args, log);
    Path victimLog;
    try {
      // GIVEN the sweep stage running on both executors, at least one partition done
      int[] progress = awaitProgress(driver, log, 150);
      assertTrue(progress[0] < progress[1], "the stage ended before the kill ("
          + progress[0] + "/" + progress[1] + " partitions): make the sweep bigger");
      // the victim: an executor that has been given tasks (the stage keeps it busy)
      LoopbackCluster.Executor busy = awaitBusyExecutor(60);
      victimLog = busy.stderr();
      ProcessHandle victim = ProcessHandle.of(busy.pid()).orElseThrow();
      // WHEN its JVM is killed (SIGKILL) mid-stage
      assertTrue(victim.destroyForcibly(), "kill -9 " + victim.pid());
      System.out.printf("ExecutorLossIT: killed executor %s (pid %d) at %.1f s, %d/%d "
          + "partitions done%n", busy.executorId(), victim.pid(), (System.nanoTime() - t0) / 1e9,
          progress[0], progress[1]);
      victim.onExit().get(10, TimeUnit.SECONDS);
      assertTrue(driver.isAlive(), "the job ended before the kill:\n" + Files.readString(log));
      // THEN the job still succeeds
      if (!driver.waitFor(180, TimeUnit.SECONDS)) {
        fail("the job did not end 180 s after the kill:\n" + Files.readString(log));
      }
    } finally {
      LoopbackCluster.kill(driver);
    }
    long t1 = System.nanoTime();
    String text = Files.readString(log);
    assertEquals(0, driver.exitValue(), text);
    assertTrue(text.contains("Lost executor"), "no executor loss in the driver log:\n" + text);
    // the task the victim was running ran again: a second attempt (N.1) in an executor's log
    // (the driver logs the lost task at WARN or INFO, depending on how the loss reached it)
    assertTrue(retriedTaskAttempt(victimLog.getParent().getParent()),
        "no task attempt N.1 in the executor logs under " + victimLog.getParent().getParent());
    assertTrue(Files.isRegularFile(out.resolve("results/_SUCCESS")), "no _SUCCESS");
    assertTrue(Files.isRegularFile(out.resolve("summary.json")), "no summary.json");

    // AND its rows are exactly those of the in-process loop over the same config
    SweepConfig config = SweepConfig.load(new File("conf/sweep-example.conf"), overrides);
    SweepPlan plan = SweepPlan.prepare(config, new Configuration());
    List<SweepRow> expected = LocalSweep.run(plan);
    long t2 = System.nanoTime();
    List<SweepRow> actual = SweepJobTest.readBack(SharedSparkSession.get(),
        out.resolve("results").toString());
    assertEquals(plan.instances().size() * config.estimators().size(), actual.size());
    SweepJobTest.assertSameRows(expected, actual);
    assertFalse(actual.stream().anyMatch(r -> !r.ok()), "every row ok");
    System.out.printf("ExecutorLossIT: job %.1f s (submit to exit), in-process LocalSweep %.1f s,"
        + " %d rows equal%n", (t1 - t0) / 1e9, (t2 - t1) / 1e9, actual.size());
  }

  @Test
  void killingAnExecutorDuringHyperoptKeepsTheTrajectory() throws Exception {
    Path out = LoopbackCluster.ROOT.resolve("target/it-output/hyperopt-executor-loss");
    Path log = Files.createDirectories(out.getParent()).resolve("hyperopt-loss-driver.log");
    deleteRecursively(out);
    List<String> args = List.of("--master", cluster.masterUrl(), "--executor-cores", "1",
        "--conf", "spark.ui.enabled=false", "--", "--config", "conf/hyperopt-example.conf",
        "--output", out.toString());
    long t0 = System.nanoTime();
    Process driver = cluster.submit("hyperopt.sh", args, log);
    int killedAt;
    try {
      // GIVEN the tuning under way: outer step 3 checkpointed (warm starts cached on executors)
      killedAt = awaitCheckpoint(driver, log, out.resolve("checkpoint"), 3, 150);
      LoopbackCluster.Executor busy = awaitBusyExecutor(60);
      ProcessHandle victim = ProcessHandle.of(busy.pid()).orElseThrow();
      // WHEN one executor JVM is killed (SIGKILL) between or during outer steps
      assertTrue(victim.destroyForcibly(), "kill -9 " + victim.pid());
      victim.onExit().get(10, TimeUnit.SECONDS);
      System.out.printf("ExecutorLossIT: killed executor %s (pid %d) at %.1f s, after outer "
          + "step %d%n", busy.executorId(), victim.pid(), (System.nanoTime() - t0) / 1e9,
          killedAt);
      assertTrue(driver.isAlive(), "the tuning ended before the kill:\n" + Files.readString(log));
      if (!driver.waitFor(180, TimeUnit.SECONDS)) {
        fail("the tuning did not end 180 s after the kill:\n" + Files.readString(log));
      }
    } finally {
      LoopbackCluster.kill(driver);
    }
    String text = Files.readString(log);
    // THEN it finishes, and the executor loss was seen
    assertEquals(0, driver.exitValue(), text);
    assertTrue(text.contains("Lost executor") || text.contains("lost executor")
        || text.contains("Executor lost"), "no executor loss in the driver log:\n" + text);
    List<String> onCluster = trajectory(out.resolve("trajectory.csv"));
    assertTrue(onCluster.size() > killedAt + 2, "steps after the kill: " + onCluster.size());

    // AND its trajectory is, step by step and digit by digit, the uninterrupted one of the
    // same config in local mode (timings aside)
    Path localOut = LoopbackCluster.ROOT.resolve("target/it-output/hyperopt-local");
    deleteRecursively(localOut);
    HyperoptJob.Result local = HyperoptJob.run(SharedSparkSession.get(), HyperoptConfig.load(
        new File("conf/hyperopt-example.conf"), List.of(), localOut.toString()), false,
        Integer.MAX_VALUE);
    assertTrue(local.finished());
    assertEquals(trajectory(localOut.resolve("trajectory.csv")), onCluster);
    assertEquals(Files.readString(localOut.resolve("theta.json")),
        Files.readString(out.resolve("theta.json")));
    System.out.printf("ExecutorLossIT: hyperopt %d outer steps, trajectory and theta equal to "
        + "local mode%n", onCluster.size() - 1);
  }

  /** trajectory.csv without its seconds column. */
  private static List<String> trajectory(Path csv) throws IOException {
    List<String> lines = Files.readAllLines(csv);
    int seconds = List.of(lines.get(0).split(",")).indexOf("seconds");
    assertTrue(seconds >= 0, "no seconds column in " + lines.get(0));
    List<String> out = new ArrayList<>();
    for (String line : lines) {
      List<String> cells = new ArrayList<>(List.of(line.split(",", -1)));
      cells.remove(seconds);
      out.add(String.join(",", cells));
    }
    return out;
  }

  /**
   * Waits until the checkpoint of outer step {@code step} (or a later one) exists; returns
   * that step. Fails with the driver's log if the driver exits first or nothing comes in time.
   */
  private static int awaitCheckpoint(Process driver, Path log, Path dir, int step, int seconds)
      throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    Pattern warm = Pattern.compile("warm-(\\d+)");
    while (System.nanoTime() < deadline) {
      if (Files.isDirectory(dir)) {
        try (var files = Files.list(dir)) {
          for (Path f : (Iterable<Path>) files::iterator) {
            Matcher m = warm.matcher(f.getFileName().toString());
            if (m.matches() && Integer.parseInt(m.group(1)) >= step) {
              return Integer.parseInt(m.group(1));
            }
          }
        } catch (java.nio.file.NoSuchFileException e) {
          // a step's directory went away while listed: look again
        }
      }
      if (!driver.isAlive()) {
        fail("the tuning ended (status " + driver.exitValue() + ") before outer step " + step
            + ":\n" + read(log));
      }
      Thread.sleep(50);
    }
    fail("no checkpoint of outer step " + step + " after " + seconds + " s:\n" + read(log));
    return -1;
  }

  private static void deleteRecursively(Path p) throws IOException {
    if (!Files.exists(p)) {
      return;
    }
    try (var all = Files.walk(p)) {
      for (Path q : (Iterable<Path>) all.sorted(java.util.Comparator.reverseOrder())::iterator) {
        Files.delete(q);
      }
    }
  }

  /**
   * Waits for the first progress line of the sweep stage; returns {done, total} partitions.
   * Fails with the driver's log if the driver exits first or nothing comes in time.
   */
  private static int[] awaitProgress(Process driver, Path log, int seconds) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (System.nanoTime() < deadline) {
      Matcher m = PROGRESS.matcher(read(log));
      if (m.find()) {
        return new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))};
      }
      if (!driver.isAlive()) {
        fail("the job ended (status " + driver.exitValue() + ") before any partition was "
            + "done:\n" + read(log));
      }
      Thread.sleep(100);
    }
    fail("no partition done after " + seconds + " s:\n" + read(log));
    return null;
  }

  /** Whether an executor log under {@code appDir} shows a task's second attempt. */
  private static boolean retriedTaskAttempt(Path appDir) throws IOException {
    Pattern retry = Pattern.compile("Running task \\d+\\.[1-9]\\d* in stage");
    try (var executors = Files.list(appDir)) {
      for (Path e : (Iterable<Path>) executors::iterator) {
        if (retry.matcher(read(e.resolve("stderr"))).find()) {
          return true;
        }
      }
    }
    return false;
  }

  /** An executor JVM whose log shows assigned tasks; fails after {@code seconds}. */
  private static LoopbackCluster.Executor awaitBusyExecutor(int seconds) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    List<LoopbackCluster.Executor> seen = List.of();
    while (System.nanoTime() < deadline) {
      seen = cluster.executors();
      for (LoopbackCluster.Executor e : seen) {
        if (read(e.stderr()).contains("Got assigned task")) {
          return e;
        }
      }
      Thread.sleep(100);
    }
    fail("no executor with tasks after " + seconds + " s: " + seen);
    return null;
  }

  private static String read(Path log) throws IOException {
    return Files.isRegularFile(log) ? Files.readString(log) : "";
  }
}
