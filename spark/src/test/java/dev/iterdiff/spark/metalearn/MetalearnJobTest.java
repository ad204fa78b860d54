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
    return MetalearnConfig.parse(ConfigFactory.parseString("metalearn { data = "
        + "\"data-samples/digits.libsvm\", meta-train-classes = 5, ways = 3, shots = 2, "
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
    @SuppressWarnings("unchecked")
    Map<String, Object> test = (Map<String, Object>) a.metrics().get("meta_test");
    assertTrue(test.containsKey("3-way 1-shot"));
  }
}
