package dev.iterdiff.spark.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.File;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The distill config: the example parses; bad values fail with one line naming the key. */
class DistillConfigTest {

  static final File EXAMPLE = new File("conf/distill-example.conf");

  static String error(String... sets) {
    return assertThrows(IllegalArgumentException.class,
        () -> DistillConfig.load(EXAMPLE, List.of(sets), null)).getMessage();
  }

  @Test
  void exampleParses() {
    DistillSettings s = DistillConfig.load(EXAMPLE, List.of(), null);
    assertEquals(1, s.imagesPerClass());
    assertEquals(0.1, s.lambda());
    assertEquals("implicit", s.estimator());
    assertEquals("adam", s.outer().optimizer());
    assertEquals("box", s.outer().parametrization());
    assertNotEquals(s.fingerprint(), DistillConfig.load(EXAMPLE, List.of("lambda=0.2"), null)
        .fingerprint());
    assertEquals(s.fingerprint(), DistillConfig.load(EXAMPLE, List.of(), "elsewhere")
        .fingerprint());
  }

  @Test
  void badValuesNameTheKey() {
    assertEquals("distill.images-per-class: must be >= 1, got 0", error("images-per-class=0"));
    assertEquals("distill.images-per-class: must be >= 1, got -3", error("images-per-class=-3"));
    assertEquals("distill.lambda: must be finite and > 0, got 0.0", error("lambda=0"));
    assertEquals("distill.lambda: must be finite and > 0, got -1.0", error("lambda=-1"));
    assertEquals("distill.inner.estimator: unknown 'one-step' (valid: implicit, "
        + "unrolled-reverse)", error("inner.estimator=one-step"));
    assertEquals("distill.init: unknown 'zeros' (valid: noise, real)", error("init=zeros"));
    assertEquals("distill.partitions: must be >= 1, got 0", error("partitions=0"));
    assertEquals(true, error("lamda=3").startsWith("distill.lamda: unknown key"));
    assertEquals("--config: file not found: no/such.conf", assertThrows(
        IllegalArgumentException.class,
        () -> DistillConfig.load(new File("no/such.conf"), List.of(), null)).getMessage());
  }
}
