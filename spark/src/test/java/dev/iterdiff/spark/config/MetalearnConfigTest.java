package dev.iterdiff.spark.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import dev.iterdiff.spark.metalearn.MetalearnJob;
import java.io.File;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The meta-learning config: the example parses; bad input fails naming key and value. */
class MetalearnConfigTest {

  static MetalearnSettings parse(String body) {
    return MetalearnConfig.parse(ConfigFactory.parseString("metalearn { data = \"x\"\n" + body
        + " }").resolve());
  }

  @Test
  void theExampleParses() {
    MetalearnSettings s = MetalearnConfig.load(new File("conf/metalearn-example.conf"),
        List.of("lambda=0.5"), "target/x");
    assertEquals(0.5, s.lambda());
    assertEquals(5, s.ways());
    assertEquals("log", s.outer().parametrization()); // the precision prior is positive
    assertEquals("precision", s.prior());
    assertTrue(s.fresh());
    assertEquals("implicit", s.estimator().names().get(0));
    assertEquals("target/x", s.output());
    assertEquals("identity", parse("prior = class-means").outer().parametrization());
  }

  /**
   * prior = feature-map: d and the start are read (defaults 64, pca), identity parametrization;
   * bad values and the keys under another prior are refused naming the key.
   */
  @Test
  void featureMapKeysAreReadAndChecked() {
    MetalearnSettings s = parse("prior = feature-map, features = 32, feature-init = random");
    assertEquals(32, s.features());
    assertEquals("random", s.featureInit());
    assertEquals("identity", s.outer().parametrization());
    assertEquals(64, parse("prior = feature-map").features());
    assertEquals("pca", parse("prior = feature-map").featureInit());
    assertEquals(0, parse("prior = precision").features());
    assertTrue(!s.temperature());
    assertTrue(parse("prior = feature-map, learn-temperature = true").temperature());
    e0("prior = class-means, learn-temperature = true", "metalearn.learn-temperature");
    e0("prior = feature-scales, learn-temperature = true", "metalearn.learn-temperature");
    assertEquals(16, parse("prior = feature-scales, features = 16").features());
    var e = assertThrows(JobConfigException.class,
        () -> parse("prior = feature-map, features = 0"));
    assertTrue(e.getMessage().contains("metalearn.features")
        && e.getMessage().contains("must be >= 1, got 0"), e.getMessage());
    e = assertThrows(JobConfigException.class,
        () -> parse("prior = feature-map, feature-init = svd"));
    assertTrue(e.getMessage().contains("metalearn.feature-init")
        && e.getMessage().contains("must be pca or random, got 'svd'"), e.getMessage());
    e = assertThrows(JobConfigException.class, () -> parse("prior = precision, features = 8"));
    assertTrue(e.getMessage().contains("metalearn.features")
        && e.getMessage().contains("applies to prior = feature-map or feature-scales only"),
        e.getMessage());
    assertTrue(!parse("prior = feature-map, features = 8").fingerprint().equals(
        parse("prior = feature-map, features = 16").fingerprint()));
  }

  private static void e0(String body, String key) {
    var e = assertThrows(JobConfigException.class, () -> parse(body));
    assertTrue(e.getMessage().contains(key)
        && e.getMessage().contains("applies to prior = feature-map"), e.getMessage());
  }

  /** prior, sampling and partitions: bad values named with their key; fresh needs a fixed step. */
  @Test
  void priorSamplingAndPartitionsAreChecked() {
    var e = assertThrows(JobConfigException.class, () -> parse("prior = gaussian"));
    assertTrue(e.getMessage().contains("metalearn.prior") && e.getMessage().contains(
        "unknown prior 'gaussian' (valid: mean, class-means, class-means-scale, precision, "
        + "feature-map, feature-scales)"),
        e.getMessage());
    e = assertThrows(JobConfigException.class, () -> parse("sampling = sometimes"));
    assertTrue(e.getMessage().contains("metalearn.sampling")
        && e.getMessage().contains("must be fresh or fixed, got 'sometimes'"), e.getMessage());
    e = assertThrows(JobConfigException.class, () -> parse("partitions = -1"));
    assertTrue(e.getMessage().contains("metalearn.partitions"), e.getMessage());
    e = assertThrows(JobConfigException.class,
        () -> parse("outer { step-rule = backtracking, optimizer = gd }"));
    assertTrue(e.getMessage().contains("metalearn.outer.step-rule")
        && e.getMessage().contains("only step-rule = fixed"), e.getMessage());
    MetalearnSettings fixed = parse("sampling = fixed, outer { step-rule = backtracking, "
        + "optimizer = gd }");
    assertTrue(!fixed.fresh());
    assertEquals(parse("partitions = 2").fingerprint(), parse("partitions = 5").fingerprint());
  }

  @Test
  void lambdaMustBePositive() {
    for (String bad : List.of("0", "-1")) {
      var e = assertThrows(JobConfigException.class, () -> parse("lambda = " + bad));
      assertTrue(e.getMessage().contains("metalearn.lambda")
          && e.getMessage().contains("must be finite and > 0, got " + Double.parseDouble(bad)),
          e.getMessage());
    }
  }

  @Test
  void waysLargerThanTheClassesOfASplitIsRefused() {
    var e = assertThrows(JobConfigException.class, () -> parse("meta-train-classes = 7, "
        + "ways = 5"));
    assertTrue(e.getMessage().contains("metalearn.ways") && e.getMessage().contains(
        "N = 5 but there are 7 meta-train and 3 meta-test classes"), e.getMessage());
  }

  @Test
  void unknownKeysAndNamesAreRefused() {
    var k = assertThrows(JobConfigException.class, () -> parse("way = 5"));
    assertTrue(k.getMessage().contains("metalearn.way"), k.getMessage());
    var n = assertThrows(IllegalArgumentException.class,
        () -> parse("inner { estimator = imlicit }"));
    assertTrue(n.getMessage().contains("imlicit"), n.getMessage());
  }

  @Test
  void dataProblemsAreRefusedBeforeSparkStarts() throws Exception {
    var missing = assertThrows(IllegalArgumentException.class,
        () -> MetalearnJob.read("data-samples/nope-images-idx3-ubyte.gz"));
    assertTrue(missing.getMessage().contains("nope-images-idx3-ubyte.gz"), missing.getMessage());
    MetalearnSettings s = parse("data = \"data-samples/digits.libsvm\", meta-train-classes = 5,"
        + " shots = 150, queries = 50");
    var many = assertThrows(IllegalArgumentException.class,
        () -> MetalearnJob.tasks(s, MetalearnJob.read(s.data())));
    assertTrue(many.getMessage().contains("fewer than 150 shots + 50 queries = 200"),
        many.getMessage());
  }
}
