package dev.iterdiff.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A driver that runs out of heap exits non-zero instead of hanging (issue 16 §1): the
 * launcher starts the JVM with {@code -XX:+ExitOnOutOfMemoryError}, so an
 * {@link OutOfMemoryError} in any thread — Spark's scheduler serializing tasks, a task thread
 * in local mode, the main thread planning — ends the process (HotSpot's exit status 3) rather
 * than leaving a JVM whose other threads wait forever. The plan here cannot fit: a data set
 * declared with 40 000 features is read densely (442 × 40 000 doubles, 141 MB: the reader's
 * own check against the free heap lets it through) and its broadcast needs a serialized copy
 * as large again, which a 256 MiB heap does not hold.
 * Bounded: the process must end within its deadline, or the test fails and kills it.
 */
class DriverOutOfMemoryIT {

  private static final Path ROOT = Path.of("").toAbsolutePath();

  @Test
  void aDriverOutOfHeapExitsNonZeroWithinItsDeadline() throws Exception {
    Path dir = ROOT.resolve("cli/target/oom-it");
    Files.createDirectories(dir);
    Path conf = dir.resolve("oom.conf");
    Files.writeString(conf, """
        sweep {
          name = oom
          data = [ { name = wide, path = "data-samples/diabetes.libsvm", features = 40000 } ]
          problem { name = ridge }
          solver { name = gd, iterations = 5 }
          theta { coordinates = [ { values = [0.1] } ] }
          estimators = [one-step]
          output { path = "%s", overwrite = true }
        }
        """.formatted(dir.resolve("out")));
    ProcessBuilder pb = new ProcessBuilder("bin/iterdiff", "--conf", "spark.ui.enabled=false",
        "sweep", "--config", conf.toString()).directory(ROOT.toFile()).redirectErrorStream(true)
        .redirectOutput(dir.resolve("output.txt").toFile());
    pb.environment().put("ITERDIFF_NO_BUILD", "1");
    pb.environment().put("JAVA_OPTS", "-Xmx256m -Dspark.testing.memory=536870912");
    Process p = pb.start();
    boolean ended = p.waitFor(300, TimeUnit.SECONDS);
    if (!ended) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
    }
    String out = Files.readString(dir.resolve("output.txt"), StandardCharsets.UTF_8);
    assertTrue(ended, "the driver did not exit within 300 s after running out of heap:\n" + out);
    assertEquals(3, p.exitValue(), out);
    assertTrue(out.contains("Terminating due to java.lang.OutOfMemoryError: Java heap space"),
        out);
    assertTrue(Files.notExists(dir.resolve("out/summary.json")), "no result was published");
  }
}
