package dev.iterdiff.spark.distill;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import dev.iterdiff.data.IdxReader;
import dev.iterdiff.data.IdxWriter;
import dev.iterdiff.spark.SharedSparkSession;
import dev.iterdiff.spark.config.DistillConfig;
import dev.iterdiff.spark.config.DistillSettings;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The distill job end to end on tiny IDX files (4×4 pixels, 3 classes, 60 train and 30 test
 * images): outputs, an interrupted run resumed to the same θ bit for bit, and bad data files.
 */
class DistillJobTest {

  static Path dir;

  @BeforeAll
  static void data() throws Exception {
    dir = Files.createDirectories(Path.of("target", "distill-test-data"));
    write("train", 60, 1);
    write("t10k", 30, 2);
  }

  static void write(String prefix, int n, long seed) throws Exception {
    Random rng = new Random(seed);
    byte[] px = new byte[n * 16];
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      y[i] = i % 3;
      for (int j = 0; j < 16; j++) {
        double v = (j % 3 == y[i] ? 0.7 : 0.2) + 0.2 * rng.nextGaussian();
        px[i * 16 + j] = (byte) Math.round(255 * Math.max(0, Math.min(1, v)));
      }
    }
    IdxWriter.images(new IdxReader.Images(n, 4, 4, px, prefix),
        dir.resolve(prefix + "-images-idx3-ubyte"));
    IdxWriter.labels(y, dir.resolve(prefix + "-labels-idx1-ubyte"));
  }

  static DistillSettings settings(String output, String extra) {
    return DistillConfig.parse(ConfigFactory.parseString("distill { train = \""
        + dir.resolve("train-images-idx3-ubyte") + "\", test = \""
        + dir.resolve("t10k-images-idx3-ubyte") + "\", images-per-class = 2, partitions = 3, "
        + "baseline-draws = 2, outer { max-iterations = 4, learning-rate = 0.05 }, "
        + "inner { tolerance = 1e-9 }, output = \"" + output + "\" " + extra + "}").resolve());
  }

  static String fresh(String name) throws Exception {
    Path p = Path.of("target", name);
    if (Files.exists(p)) {
      try (var s = Files.walk(p)) {
        s.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
      }
    }
    return p.toString();
  }

  @Test
  void runsWritesOutputsAndResumesToTheSameTheta() throws Exception {
    String whole = fresh("distill-test-whole");
    DistillJob.Result a = DistillJob.run(SharedSparkSession.get(), settings(whole, ""), false,
        Integer.MAX_VALUE);
    assertTrue(a.finished());
    assertEquals(4, a.state().iteration);
    for (String f : new String[] {"distilled.png", "trajectory.png", "trajectory.csv",
        "metrics.json", "theta.json", "trajectory"}) {
      assertTrue(Files.exists(Path.of(whole, f)), f);
    }
    double acc = (Double) a.metrics().get("distilled_test_accuracy");
    assertTrue(acc > 0 && acc <= 1, "accuracy " + acc);
    assertTrue(a.metrics().containsKey("random_real_test_accuracy"));
    assertTrue(a.state().bestValue() < a.state().history().get(0).value(), "outer loss fell");

    String cut = fresh("distill-test-cut");
    DistillJob.Result b = DistillJob.run(SharedSparkSession.get(), settings(cut, ""), false, 2);
    assertFalse(b.finished());
    DistillJob.Result c = DistillJob.run(SharedSparkSession.get(), settings(cut, ""), true,
        Integer.MAX_VALUE);
    assertTrue(c.finished());
    assertArrayEquals(a.state().bestTheta(), c.state().bestTheta(), 0.0);
    assertEquals(a.state().bestValue(), c.state().bestValue(), 0.0);

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> DistillJob.run(SharedSparkSession.get(), settings(cut, ""), false, 1));
    assertTrue(e.getMessage().contains("already holds a checkpoint"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> DistillJob.run(
        SharedSparkSession.get(), settings(cut, ", lambda = 0.2"), true, 1));
    assertTrue(e.getMessage().contains("different config"), e.getMessage());
  }

  /**
   * GIVEN a run checkpointed after 2 and after 10 steps WHEN the checkpoint files are compared
   * THEN the later one is not larger by even half a history row (θ here is 96 pixels, a row
   * ≥ 96 numbers: with the history inside, 8 more steps would add ≥ 8 rows), it holds no
   * history, and the resumed run still reports all 12 steps (rows read back from
   * trajectory-steps, the same as an uninterrupted run's).
   */
  @Test
  void checkpointSizeDoesNotGrowWithTheStepCount() throws Exception {
    String out = fresh("distill-test-size");
    String more = ", outer { max-iterations = 12, learning-rate = 0.05 }";
    Path cp = Path.of(out, "checkpoint", "state.json");
    assertFalse(DistillJob.run(SharedSparkSession.get(), settings(out, more), false, 2)
        .finished());
    long at2 = Files.size(cp);
    assertFalse(DistillJob.run(SharedSparkSession.get(), settings(out, more), true, 8)
        .finished());
    long at10 = Files.size(cp);
    int rowChars = 96 * 8;
    assertTrue(at10 - at2 < rowChars / 2, "checkpoint grew from " + at2 + " to " + at10
        + " bytes over 8 steps");
    var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(cp.toFile());
    assertEquals(0, json.path("state").path("history").size(), "history in the checkpoint");
    DistillJob.Result done = DistillJob.run(SharedSparkSession.get(), settings(out, more), true,
        Integer.MAX_VALUE);
    assertTrue(done.finished());
    assertEquals(12, done.state().history().size());
    String whole = fresh("distill-test-size-whole");
    DistillJob.Result ref = DistillJob.run(SharedSparkSession.get(), settings(whole, more),
        false, Integer.MAX_VALUE);
    for (int k = 0; k < 12; k++) {
      assertArrayEquals(ref.state().history().get(k).theta(),
          done.state().history().get(k).theta(), 0.0, "step " + k);
      assertEquals(ref.state().history().get(k).value(), done.state().history().get(k).value(),
          0.0, "step " + k);
    }
  }

  @Test
  void missingOrTruncatedIdxFilesAreNamed() throws Exception {
    String out = fresh("distill-test-bad");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> DistillJob.run(SharedSparkSession.get(), settings(out, ", train = \"no/such"
            + "-images-idx3-ubyte.gz\""), false, 1));
    assertEquals("distill.train: file not found: no/such-images-idx3-ubyte.gz", e.getMessage());
    Path cutDir = Files.createDirectories(Path.of("target", "distill-test-truncated"));
    byte[] whole = Files.readAllBytes(dir.resolve("train-images-idx3-ubyte"));
    Files.write(cutDir.resolve("train-images-idx3-ubyte"),
        java.util.Arrays.copyOf(whole, whole.length - 7));
    Files.copy(dir.resolve("train-labels-idx1-ubyte"), cutDir.resolve("train-labels-idx1-ubyte"),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    e = assertThrows(IllegalArgumentException.class, () -> DistillJob.run(
        SharedSparkSession.get(), settings(out, ", train = \""
            + cutDir.resolve("train-images-idx3-ubyte") + "\""), false, 1));
    assertTrue(e.getMessage().startsWith("distill.train: " + cutDir.resolve(
        "train-images-idx3-ubyte") + ": truncated"), e.getMessage());
  }
}
