package dev.iterdiff.spark;

import dev.iterdiff.spark.sweep.SweepAttempt;
import dev.iterdiff.spark.sweep.SweepJobTest;
import dev.iterdiff.spark.sweep.SweepRow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Real {@code bin/iterdiff sweep} processes on one output (issue 10, items 1 and 9): two
 * overwriting sweeps started at once publish exactly one run's rows (the other stops, naming
 * the run that writes), and a sweep killed with SIGKILL midway leaves the previous result in
 * place, its lock taken over by the next run.
 */
@Timeout(value = 400, unit = TimeUnit.SECONDS)
class ConcurrentSweepsIT {

  private static final Pattern RUN = Pattern.compile("(?m)^run: (\\S+)$");
  private static final Pattern INSTANCES = Pattern.compile("\"instances\":(\\d+)");

  /** Starts {@code bin/iterdiff sweep} on conf/sweep-example.conf with {@code count} θ. */
  static Process sweep(Path out, int count, int iterations, Path log) throws IOException {
    List<String> cmd = new ArrayList<>(List.of(
        LoopbackCluster.ROOT.resolve("bin/iterdiff").toString(), "sweep", "--config",
        "conf/sweep-example.conf", "--output", out.toString(), "--overwrite",
        "--iterations", Integer.toString(iterations), "--set",
        "theta.coordinates=[{log: {from: 1e-3, to: 10, count: " + count + "}}]"));
    return new ProcessBuilder(cmd).directory(LoopbackCluster.ROOT.toFile())
        .redirectErrorStream(false).redirectOutput(log.toFile())
        .redirectError(log.resolveSibling(log.getFileName() + ".err").toFile()).start();
  }

  static int await(Process p, Path log) throws Exception {
    if (!p.waitFor(240, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      fail("no exit after 240 s: " + log);
    }
    return p.exitValue();
  }

  static String err(Path log) throws IOException {
    return Files.readString(log.resolveSibling(log.getFileName() + ".err"));
  }

  /** The published run id, checked against results/_RUN_ID; and the rows, keys distinct. */
  static List<SweepRow> published(Path out, String runId, long instances) throws Exception {
    org.apache.hadoop.fs.Path o = new org.apache.hadoop.fs.Path(out.toString());
    assertEquals(runId, SweepAttempt.publishedRunId(o.getFileSystem(new Configuration()), o));
    List<SweepRow> rows = SweepJobTest.readBack(SharedSparkSession.get(),
        out.resolve("results").toString());
    Set<String> keys = new HashSet<>();
    rows.forEach(r -> keys.add(r.instanceId() + "/" + r.estimator()));
    assertEquals(rows.size(), keys.size(), "rows with the same (instance, estimator)");
    assertEquals(instances * 5, rows.size());
    String summary = Files.readString(out.resolve("summary.json"));
    assertTrue(summary.contains("\"rows\":" + rows.size()), summary);
    assertTrue(Files.isRegularFile(out.resolve("results/_SUCCESS")));
    return rows;
  }

  static String match(Pattern p, String text) {
    Matcher m = p.matcher(text);
    assertTrue(m.find(), p + " in:\n" + text);
    return m.group(1);
  }

  @Test
  void twoOverwritingSweepsAtOncePublishExactlyOneRunsRows() throws Exception {
    Path out = LoopbackCluster.ROOT.resolve("target/it-output/concurrent-sweeps");
    Files.createDirectories(out.getParent());
    // GIVEN two sweeps of different sizes (2 data sets × 20 and × 21 θ) on one output
    List<Process> runs = new ArrayList<>();
    List<Path> logs = new ArrayList<>();
    for (int count : new int[] {20, 21}) {
      Path log = out.resolveSibling("concurrent-" + count + ".log");
      logs.add(log);
      runs.add(sweep(out, count, 100, log));   // WHEN started at once
    }
    int[] status = {await(runs.get(0), logs.get(0)), await(runs.get(1), logs.get(1))};
    // THEN one wins; the other also wins (later) or stops at once naming the winner
    List<String> winners = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      String stdout = Files.readString(logs.get(i));
      if (status[i] == 0) {
        winners.add(match(RUN, stdout));
      } else {
        // stderr: the JVM's own warnings, then the command's one line
        String e = err(logs.get(i));
        assertEquals(1, status[i], e);
        List<String> ours = e.lines().filter(l -> l.startsWith("iterdiff sweep: ")).toList();
        assertEquals(1, ours.size(), e);
        assertTrue(ours.get(0).contains("is being written by run "), e);
        assertFalse(e.contains("\tat "), "a stack trace: " + e);
      }
    }
    assertFalse(winners.isEmpty(), "no run succeeded");
    String summary = Files.readString(out.resolve("summary.json"));
    long instances = Long.parseLong(match(INSTANCES, summary));
    assertTrue(instances == 40 || instances == 42, summary);
    String runId = SweepAttempt.publishedRunId(new org.apache.hadoop.fs.Path(out.toString())
        .getFileSystem(new Configuration()), new org.apache.hadoop.fs.Path(out.toString()));
    assertTrue(winners.contains(runId), runId + " not among " + winners);
    published(out, runId, instances);
    assertFalse(Files.exists(out.resolve("_LOCK")), "lock left");
    assertFalse(Files.exists(out.resolve("_attempts")), "attempts left");
    System.out.printf("ConcurrentSweepsIT: statuses %d and %d, published run %s (%d rows)%n",
        status[0], status[1], runId, instances * 5);
  }

  @Test
  void aSweepKilledMidwayLeavesThePreviousResultAndItsLockIsTakenOver() throws Exception {
    Path out = LoopbackCluster.ROOT.resolve("target/it-output/killed-sweep");
    Files.createDirectories(out.getParent());
    // GIVEN a published result
    Path log = out.resolveSibling("killed-first.log");
    assertEquals(0, await(sweep(out, 2, 50, log), log), err(log));
    String first = match(RUN, Files.readString(log));
    List<SweepRow> before = published(out, first, 4);
    // WHEN an overwriting sweep is killed (SIGKILL) while its tasks write their rows
    Path killedLog = out.resolveSibling("killed-victim.log");
    Process victim = sweep(out, 200, 2000, killedLog);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (!writing(out.resolve("_attempts"))) {
      assertTrue(victim.isAlive(), "the sweep ended before the kill: " + err(killedLog));
      assertTrue(System.nanoTime() < deadline, "no task writing after 120 s");
      Thread.sleep(100);
    }
    victim.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    // THEN the previous result is still the published one, row for row
    SweepJobTest.assertSameRows(before, published(out, first, 4));
    assertTrue(Files.exists(out.resolve("_LOCK")), "the killed run's lock");
    // AND the next sweep takes the dead run's lock over and publishes
    Path next = out.resolveSibling("killed-next.log");
    assertEquals(0, await(sweep(out, 3, 50, next), next), err(next));
    published(out, match(RUN, Files.readString(next)), 6);
    assertFalse(Files.exists(out.resolve("_LOCK")), "lock left");
    assertFalse(Files.exists(out.resolve("_attempts")), "attempts left");
  }

  /** Whether a task of some attempt under {@code attempts} has started writing. */
  private static boolean writing(Path attempts) throws IOException {
    if (!Files.isDirectory(attempts)) {
      return false;
    }
    try (var all = Files.walk(attempts)) {
      return all.anyMatch(p -> p.getFileName().toString().startsWith("attempt_"));
    } catch (java.io.UncheckedIOException e) {
      return false;
    }
  }
}
