package dev.iterdiff.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The sweep summary's memory does not grow with the rows (issue 16 §1): the summary of
 * {@value #ROWS} result rows (one estimator, distinct values) — the aggregation a sweep runs
 * after writing its rows, {@link SummaryMemoryProbe} — completes in a JVM with a 256 MiB heap
 * with the method the default {@code sweep.summary} picks for that many rows
 * ({@code percentile_approx}), while Spark SQL's exact {@code percentile} over the same rows in
 * the same heap runs out of memory: it holds each group's {@value #ROWS} values in an open hash
 * map of boxed doubles (≥ 40 bytes a value, three aggregates: over 350 MB), which is what ended
 * the 10⁷-instance sweep with a 1 GiB driver. Spark's own memory pool is held to about 64 MB
 * ({@code spark.memory.fraction = 0.3} of a declared 512 MB) so that its hash aggregation
 * spills before the real heap is full. No timing: each process must end within its deadline.
 */
class SummaryMemoryIT {

  private static final long ROWS = 3_000_000L;
  private static final Path ROOT = Path.of("").toAbsolutePath();

  @Test
  void approximateSummaryFitsWhereTheExactOneRunsOutOfHeap() throws Exception {
    Path dir = ROOT.resolve("cli/target/summary-memory-it");
    Files.createDirectories(dir);
    Result approx = probe(dir, "auto");
    assertEquals(0, approx.exit(), approx.output());
    assertTrue(approx.output().contains("\"quantiles\":\"approx (relative rank error 1/10000)\""),
        approx.output());
    assertTrue(approx.output().contains("\"rows\":" + ROWS), approx.output());
    Result exact = probe(dir, "exact");
    assertNotEquals(0, exact.exit(), exact.output());
    assertTrue(exact.output().contains("java.lang.OutOfMemoryError"), exact.output());
  }

  private record Result(int exit, String output) {}

  /** The probe in a fresh JVM: 256 MiB heap, exits on the first OutOfMemoryError. */
  private static Result probe(Path dir, String method) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin",
        "java").toString(), "-Xmx256m", "-XX:+ExitOnOutOfMemoryError",
        "-Dspark.testing.memory=536870912", "-Dspark.memory.fraction=0.3"));
    for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (a.startsWith("--add-") || a.startsWith("-Djdk.reflect") || a.startsWith("-Dio.netty")
          || a.startsWith("-Xss") || a.startsWith("-Djava.io.tmpdir")
          || a.startsWith("-Dspark.local.dir") || a.equals("-XX:+IgnoreUnrecognizedVMOptions")) {
        cmd.add(a);
      }
    }
    cmd.addAll(List.of("-cp", System.getProperty("surefire.test.class.path",
        System.getProperty("java.class.path")), SummaryMemoryProbe.class.getName(),
        dir.toString(), String.valueOf(ROWS), method));
    Path log = dir.resolve(method + ".txt");
    Process p = new ProcessBuilder(cmd).directory(ROOT.toFile()).redirectErrorStream(true)
        .redirectOutput(log.toFile()).start();
    boolean ended = p.waitFor(600, TimeUnit.SECONDS);
    if (!ended) {
      p.destroyForcibly().waitFor();
    }
    String out = Files.readString(log, StandardCharsets.UTF_8);
    assertTrue(ended, method + ": the probe did not end within 600 s:\n" + out);
    return new Result(p.exitValue(), out);
  }
}
