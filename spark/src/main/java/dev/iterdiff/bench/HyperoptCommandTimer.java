package dev.iterdiff.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Times the whole {@code bin/iterdiff hyperopt} command as a user meets it — JVM and Spark
 * start, the tuning with its per-step checkpoints, refit, outputs — on one data set:
 * {@code bin/iterdiff hyperopt --config conf/hyperopt-example.conf --set 'data=["FILE"]'
 * --set problem=P --set outer-loss=L --output DIR}, in a child process with
 * {@code ITERDIFF_NO_BUILD=1} (the jar as built, never a rebuild inside the timing). The
 * command's output and log go to a fresh directory under {@code target/bench-hyperopt}.
 */
final class HyperoptCommandTimer {

  private HyperoptCommandTimer() {}

  /**
   * @param launcher the launcher script, e.g. {@code bin/iterdiff}.
   * @return elapsed seconds from start to exit.
   * @throws IOException if the command cannot start, fails (exit status and last log line in
   *     the message) or takes over 15 minutes.
   */
  static double time(Path launcher, String dataFile, String problem, String outerLoss)
      throws IOException, InterruptedException {
    Path base = Path.of("target", "bench-hyperopt");
    Files.createDirectories(base);
    Path dir = Files.createTempDirectory(base, "command-");
    Path log = dir.resolve("command.log");
    ProcessBuilder pb = new ProcessBuilder(List.of(launcher.toString(), "hyperopt", "--config",
        "conf/hyperopt-example.conf", "--set", "data=[\"" + dataFile + "\"]", "--set",
        "problem=" + problem, "--set", "outer-loss=" + outerLoss, "--output",
        dir.resolve("out").toString()))
        .redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().put("ITERDIFF_NO_BUILD", "1");
    long t0 = System.nanoTime();
    Process p = pb.start();
    if (!p.waitFor(15, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new IOException(launcher + " hyperopt on " + dataFile + ": over 15 minutes (log "
          + log + ")");
    }
    double seconds = (System.nanoTime() - t0) * 1e-9;
    if (p.exitValue() != 0) {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      throw new IOException(launcher + " hyperopt on " + dataFile + ": exit " + p.exitValue()
          + (lines.isEmpty() ? "" : ": " + lines.get(lines.size() - 1)) + " (log " + log + ")");
    }
    return seconds;
  }
}
