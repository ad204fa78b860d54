package dev.iterdiff.spark;

import dev.iterdiff.spark.config.HyperoptConfig;
import dev.iterdiff.spark.hyperopt.HyperoptJob;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 10: {@code kill -9} of a real {@code bin/iterdiff hyperopt} process (local mode, its
 * own JVM) after a few checkpointed outer steps, then {@code --resume} in a new process: the
 * run must end where an uninterrupted run of the same config ends — trajectory.csv (timings
 * aside) and theta.json equal digit for digit. The kill lands wherever the driver is: between
 * steps, inside a Spark job, or while a checkpoint is being written (state.json is written to
 * a temporary file and renamed, the warm starts of the previous step are kept until then).
 * Every wait has a deadline.
 */
@Timeout(value = 400, unit = TimeUnit.SECONDS)
class DriverKillIT {

  private static final Path ROOT = LoopbackCluster.ROOT;

  /** {@code bin/iterdiff hyperopt --config conf/hyperopt-example.conf --output out [more]}. */
  private static Process iterdiff(Path out, Path log, String... more) throws IOException {
    List<String> cmd = new ArrayList<>(List.of(ROOT.resolve("bin/iterdiff").toString(),
        "hyperopt", "--config", "conf/hyperopt-example.conf", "--output", out.toString()));
    cmd.addAll(List.of(more));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(ROOT.toFile())
        .redirectErrorStream(true).redirectOutput(log.toFile());
    Path tmp = Files.createDirectories(ROOT.resolve("target/it-tmp/driver-kill"));
    // killed JVMs leave native libraries and block managers behind: keep them under target/
    pb.environment().put("JAVA_OPTS", "-Djava.io.tmpdir=" + tmp + " -Dspark.local.dir=" + tmp
        + " -Dspark.ui.enabled=false -Dspark.master=local[2]");
    pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    return pb.start();
  }

  @Test
  void killMinusNineThenResumeEndsAtTheUninterruptedTheta() throws Exception {
    Path out = ROOT.resolve("target/it-output/driver-kill");
    Path logs = Files.createDirectories(ROOT.resolve("target/it-output"));
    deleteRecursively(out);
    Process first = iterdiff(out, logs.resolve("driver-kill-first.log"));
    int killedAfter;
    try {
      // GIVEN the tuning under way, outer step 4 or later checkpointed
      killedAfter = awaitCheckpoint(first, logs.resolve("driver-kill-first.log"),
          out.resolve("checkpoint"), 4, 240);
      // WHEN the driver JVM (bin/iterdiff execs java) gets SIGKILL
      assertTrue(first.isAlive(), "the run ended before the kill");
      first.destroyForcibly();
      assertTrue(first.waitFor(20, TimeUnit.SECONDS), "no exit 20 s after kill -9");
      assertEquals(137, first.exitValue(), "killed by SIGKILL");
    } finally {
      first.destroyForcibly();
    }
    System.out.printf("DriverKillIT: killed the driver after outer step %d%n", killedAfter);
    assertTrue(!Files.exists(out.resolve("theta.json")), "finished before the kill");

    // THEN --resume in a new process finishes
    Path resumeLog = logs.resolve("driver-kill-resume.log");
    Process resumed = iterdiff(out, resumeLog, "--resume");
    try {
      if (!resumed.waitFor(240, TimeUnit.SECONDS)) {
        fail("--resume did not end in 240 s:\n" + Files.readString(resumeLog));
      }
    } finally {
      resumed.destroyForcibly();
    }
    assertEquals(0, resumed.exitValue(), Files.readString(resumeLog));

    // AND at the θ and trajectory of an uninterrupted run, digit for digit
    Path whole = ROOT.resolve("target/it-output/driver-kill-uninterrupted");
    deleteRecursively(whole);
    assertTrue(HyperoptJob.run(SharedSparkSession.get(), HyperoptConfig.load(
        new File("conf/hyperopt-example.conf"), List.of(), whole.toString()), false,
        Integer.MAX_VALUE).finished());
    List<String> expected = trajectory(whole.resolve("trajectory.csv"));
    assertTrue(expected.size() - 1 > killedAfter + 1, "steps after the kill: " + expected.size());
    assertEquals(expected, trajectory(out.resolve("trajectory.csv")));
    assertEquals(Files.readString(whole.resolve("theta.json")),
        Files.readString(out.resolve("theta.json")));
    System.out.printf("DriverKillIT: resumed to %d outer steps, trajectory and theta equal%n",
        expected.size() - 1);
  }

  /** trajectory.csv without its seconds column. */
  static List<String> trajectory(Path csv) throws IOException {
    List<String> lines = Files.readAllLines(csv);
    int seconds = List.of(lines.get(0).split(",")).indexOf("seconds");
    assertTrue(seconds >= 0, "no seconds column in " + lines.get(0));
    List<String> rows = new ArrayList<>();
    for (String line : lines) {
      List<String> cells = new ArrayList<>(List.of(line.split(",", -1)));
      cells.remove(seconds);
      rows.add(String.join(",", cells));
    }
    return rows;
  }

  /** Waits for checkpoint/warm-N with N &gt;= step and a state.json; returns N. */
  static int awaitCheckpoint(Process p, Path log, Path dir, int step, int seconds)
      throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    Pattern warm = Pattern.compile("warm-(\\d+)");
    while (System.nanoTime() < deadline) {
      if (Files.isRegularFile(dir.resolve("state.json"))) {
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
      if (!p.isAlive()) {
        fail("the run ended (status " + p.exitValue() + ") before outer step " + step + ":\n"
            + Files.readString(log));
      }
      Thread.sleep(20);
    }
    fail("no checkpoint of outer step " + step + " after " + seconds + " s:\n"
        + Files.readString(log));
    return -1;
  }

  static void deleteRecursively(Path p) throws IOException {
    if (!Files.exists(p)) {
      return;
    }
    try (var all = Files.walk(p)) {
      for (Path q : (Iterable<Path>) all.sorted(java.util.Comparator.reverseOrder())::iterator) {
        Files.delete(q);
      }
    }
  }
}
