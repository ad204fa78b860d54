package dev.iterdiff.spark.metalearn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import dev.iterdiff.problem.LabeledData;
import dev.iterdiff.spark.SharedSparkSession;
import dev.iterdiff.spark.config.MetalearnConfig;
import dev.iterdiff.spark.config.MetalearnSettings;
import java.io.File;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The job on digits: outputs, and a resumed run reaching the uninterrupted run's θ bit for bit. */
class MetalearnJobTest {

  static MetalearnSettings settings(String output) {
    return settings(output, "data-samples/digits.libsvm");
  }

  static MetalearnSettings settings(String output, String data) {
    return MetalearnConfig.parse(ConfigFactory.parseString("metalearn { data = "
        + "\"" + data + "\", meta-train-classes = 5, ways = 3, shots = 2, "
        + "queries = 3, meta-batch = 4, lambda = 0.5, inner { solver = newton, max-iterations = 50,"
        + " tolerance = 1e-9 }, outer { max-iterations = 3, learning-rate = 0.05 }, meta-test { "
        + "tasks = 20, shots = [1] }, output = \"" + output + "\" }").resolve());
  }

  @Test
  void resumeReachesTheSameThetaAndOutputsAreWritten() throws Exception {
    File root = new File("target/metalearn-job-test").getAbsoluteFile();
    if (root.exists()) {
      try (var walk = Files.walk(root.toPath())) {
        walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
    MetalearnSettings whole = settings(new File(root, "whole").getPath());
    MetalearnSettings parts = settings(new File(root, "parts").getPath());
    LabeledData data = MetalearnJob.read(whole.data());
    var spark = SharedSparkSession.get();
    MetalearnJob.Result a = MetalearnJob.run(spark, whole, data, false, Integer.MAX_VALUE);
    MetalearnJob.Result b1 = MetalearnJob.run(spark, parts, data, false, 1);
    assertFalse(b1.finished());
    MetalearnJob.Result b = MetalearnJob.run(spark, parts, data, true, Integer.MAX_VALUE);
    assertTrue(a.finished() && b.finished());
    assertArrayEquals(a.state().bestTheta(), b.state().bestTheta(), 0.0);
    for (String f : new String[] {"metrics.json", "theta.json", "trajectory.csv",
        "trajectory.png", "trajectory"}) {
      assertTrue(new File(root, "whole/" + f).exists(), f);
    }
    String metrics = Files.readString(new File(root, "whole/metrics.json").toPath());
    assertTrue(metrics.contains("nearest-centroid") && metrics.contains("3-way 1-shot"), metrics);
    var parsed = new com.fasterxml.jackson.databind.ObjectMapper().readTree(metrics);
    double zero = parsed.path("meta_test").path("3-way 1-shot").path("zero").path("accuracy")
        .asDouble(-1);
    assertTrue(zero > 0 && zero <= 1, "meta_test is a nested object: " + metrics);
    @SuppressWarnings("unchecked")
    Map<String, Object> test = (Map<String, Object>) a.metrics().get("meta_test");
    assertTrue(test.containsKey("3-way 1-shot"));
  }

  /**
   * GIVEN a run stopped after one step WHEN its data file is changed and the run resumed THEN
   * the resume is refused naming the file (the checkpoint keeps its SHA-256, as hyperopt's
   * does); with the original bytes back it resumes.
   */
  @Test
  void resumeOnChangedDataIsRefusedNamingTheFile() throws Exception {
    File root = new File("target/metalearn-sha-test").getAbsoluteFile();
    if (root.exists()) {
      try (var walk = Files.walk(root.toPath())) {
        walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
    root.mkdirs();
    File data = new File(root, "digits.libsvm");
    byte[] original = Files.readAllBytes(new File("data-samples/digits.libsvm").toPath());
    Files.write(data.toPath(), original);
    MetalearnSettings s = settings(new File(root, "out").getPath(), data.getPath());
    var spark = SharedSparkSession.get();
    LabeledData d = MetalearnJob.read(s.data());
    assertFalse(MetalearnJob.run(spark, s, d, false, 1).finished());
    String text = new String(original, java.nio.charset.StandardCharsets.UTF_8);
    Files.writeString(data.toPath(), text.replaceFirst("\\n", "\n\n"));
    var e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> MetalearnJob.run(spark, s, d, true, 1));
    assertTrue(e.getMessage().contains("data file " + data.getPath() + " has changed"),
        e.getMessage());
    Files.write(data.toPath(), original);
    assertFalse(MetalearnJob.run(spark, s, d, true, 1).finished());
  }
}
