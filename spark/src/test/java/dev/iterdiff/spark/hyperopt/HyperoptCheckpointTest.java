package dev.iterdiff.spark.hyperopt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iterdiff.bilevel.OuterState;
import dev.iterdiff.bilevel.OuterStep;
import java.io.File;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import scala.Tuple2;

/** The checkpoint's JSON document and the warm-start lines: round trips and refusals. */
class HyperoptCheckpointTest {

  /** Doubles that a decimal text must not lose. */
  static final double[] HARD = {0.1, -0.0, 0.0, Double.MIN_VALUE, Double.MAX_VALUE,
      -Double.MIN_NORMAL, 1.0 / 3, Math.PI * 1e-300, 123456789.0, 1e22, Math.nextUp(1.0),
      Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};

  static OuterState state() {
    OuterState s = new OuterState("f00d", new double[] {0.5, -0.0}, 1e-4);
    s.iteration = 3;
    s.anchorPhi = new double[] {1.0 / 3, Double.MIN_VALUE};
    s.anchorGradient = new double[] {Double.NaN, Double.NEGATIVE_INFINITY};
    s.anchorValue = Math.nextDown(2.0);
    s.step = 0.1;
    s.adamT = 7;
    s.bestValue = Double.POSITIVE_INFINITY;
    s.history.add(new OuterStep(0, HARD.clone(), 0.1, Double.NaN, true, 0.25, 1L << 40, 5,
        1e-4, 0.7, 0.0123));
    s.stopReason = "max-iterations";
    return s;
  }

  static String dir(String name) throws Exception {
    File d = new File("target/test-checkpoint/" + name);
    if (d.exists()) {
      try (var paths = Files.walk(d.toPath())) {
        paths.sorted(java.util.Comparator.reverseOrder()).map(java.nio.file.Path::toFile)
            .forEach(File::delete);
      }
    }
    return d.getPath();
  }

  @Test
  void roundTripKeepsEveryBitOfTheState() throws Exception {
    String out = dir("round-trip");
    HyperoptCheckpoint cp = new HyperoptCheckpoint(state(), "checkpoint/warm-3",
        List.of(new HyperoptCheckpoint.DataDigest("d.libsvm", "ab".repeat(32))));
    cp.write(out, new Configuration());
    String text = Files.readString(new File(out, "checkpoint/state.json").toPath());
    assertTrue(text.contains("\"format\" : \"iterdiff-hyperopt-checkpoint\""), text);
    assertTrue(text.contains("\"version\" : 1"), text);
    assertTrue(text.contains("\"warm_starts\" : \"checkpoint/warm-3\""), text);
    HyperoptCheckpoint back = HyperoptCheckpoint.read(out, new Configuration());
    OuterState a = cp.state();
    OuterState b = back.state();
    assertEquals(a.fingerprint, b.fingerprint);
    assertEquals(a.iteration, b.iteration);
    assertArrayEquals(a.phi, b.phi, 0);
    assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(b.phi[1]));
    assertArrayEquals(a.anchorPhi, b.anchorPhi, 0);
    assertArrayEquals(a.anchorGradient, b.anchorGradient, 0);
    assertEquals(a.anchorValue, b.anchorValue, 0);
    assertTrue(Double.isNaN(b.anchorTolerance));
    assertEquals(a.step, b.step, 0);
    assertEquals(a.tolerance, b.tolerance, 0);
    assertEquals(7, b.adamT);
    assertNull(b.bestPhi);
    assertEquals(Double.POSITIVE_INFINITY, b.bestValue);
    assertEquals("max-iterations", b.stopReason);
    assertEquals(1, b.history.size());
    OuterStep h = b.history.get(0);
    for (int j = 0; j < HARD.length; j++) {
      assertEquals(Double.doubleToRawLongBits(HARD[j]), Double.doubleToRawLongBits(h.theta()[j]),
          "theta[" + j + "] = " + HARD[j]);
    }
    assertEquals(1L << 40, h.innerIterations());
    assertEquals(a.history.get(0).seconds(), h.seconds(), 0);
    assertEquals("checkpoint/warm-3", back.warmDir());
    assertEquals(cp.data(), back.data());
  }

  @Test
  void warmStartLinesRoundTripBitForBit() {
    Tuple2<Integer, double[]> t = WarmStarts.parse(WarmStarts.line(4, HARD), "w");
    assertEquals(4, t._1());
    for (int j = 0; j < HARD.length; j++) {
      assertEquals(Double.doubleToRawLongBits(HARD[j]), Double.doubleToRawLongBits(t._2()[j]));
    }
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> WarmStarts.parse("{\"fold\": 1, \"x\": [1, \"a\"]}", "part-0"));
    assertEquals("warm starts part-0: fold 1, x[1] is not a number: \"a\"", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> WarmStarts.parse("\u00ac\u00ed", "p"));
    assertTrue(e.getMessage().startsWith("warm starts p: not a JSON line"), e.getMessage());
  }

  /** Writes {@code bytes} as the checkpoint (no checksum file) and returns the refusal. */
  static String refusal(String name, byte[] bytes) throws Exception {
    String out = dir(name);
    File f = new File(out, "checkpoint/state.json");
    f.getParentFile().mkdirs();
    Files.write(f.toPath(), bytes);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> HyperoptCheckpoint.read(out, new Configuration()));
    assertFalse(e.getMessage().contains("\n"), e.getMessage());
    assertTrue(e.getMessage().contains(f.getPath()), "names the file: " + e.getMessage());
    return e.getMessage();
  }

  @Test
  void truncatedGarbageForeignAndFutureCheckpointsAreRefusedNamingTheFile() throws Exception {
    byte[] good = CheckpointJson.encode(new HyperoptCheckpoint(state(), null));
    byte[] cut = java.util.Arrays.copyOf(good, good.length / 2);
    assertTrue(refusal("cut", cut).contains("is not valid JSON ("));
    assertTrue(refusal("garbage", new byte[] {(byte) 0xac, (byte) 0xed, 0, 5, 's', 'r'})
        .contains("is not valid JSON"));
    assertTrue(refusal("other", "{\"format\": \"something-else\"}".getBytes(
        StandardCharsets.UTF_8)).contains("is not an iterdiff hyperopt checkpoint"));
    String future = new String(good, StandardCharsets.UTF_8).replace("\"version\" : 1",
        "\"version\" : 2");
    assertTrue(refusal("future", future.getBytes(StandardCharsets.UTF_8))
        .contains("has version 2; this iterdiff reads version 1 only"));
    String missing = new String(good, StandardCharsets.UTF_8).replace("\"adam_t\"", "\"adam\"");
    assertTrue(refusal("missing", missing.getBytes(StandardCharsets.UTF_8))
        .endsWith("missing field state.adam_t"));
    String typed = new String(good, StandardCharsets.UTF_8).replace("\"iteration\" : 3",
        "\"iteration\" : 2.5");
    assertTrue(refusal("typed", typed.getBytes(StandardCharsets.UTF_8))
        .endsWith("field state.iteration must be an integer, got 2.5"));
    String escape = new String(good, StandardCharsets.UTF_8).replace("\"warm_starts\" : null",
        "\"warm_starts\" : \"/etc\"");
    assertTrue(refusal("escape", escape.getBytes(StandardCharsets.UTF_8))
        .endsWith("warm_starts must be checkpoint/warm-<step>, got '/etc'"));
  }

  @Test
  void aJavaSerializedObjectIsNeverDeserialized() throws Exception {
    // what issue 10 found: any object graph in the file was deserialized before the cast
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    try (ObjectOutputStream o = new ObjectOutputStream(bytes)) {
      o.writeObject(new java.util.HashMap<>(java.util.Map.of("a", 1)));
    }
    assertTrue(refusal("serialized", bytes.toByteArray()).contains("is not valid JSON"));
    // an old state.bin alone: named, with what to do
    String out = dir("legacy");
    File bin = new File(out, "checkpoint/state.bin");
    bin.getParentFile().mkdirs();
    Files.write(bin.toPath(), bytes.toByteArray());
    assertTrue(HyperoptCheckpoint.exists(out, new Configuration()));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> HyperoptCheckpoint.read(out, new Configuration()));
    assertTrue(e.getMessage().contains(bin.getPath() + " is a checkpoint of an older iterdiff"),
        e.getMessage());
  }

  @Test
  void aCheckpointChangedBehindItsChecksumIsRefused() throws Exception {
    String out = dir("crc");
    new HyperoptCheckpoint(state(), null).write(out, new Configuration());
    File f = new File(out, "checkpoint/state.json");
    Files.writeString(f.toPath(), Files.readString(f.toPath()).replace("f00d", "beef"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> HyperoptCheckpoint.read(out, new Configuration()));
    assertTrue(e.getMessage().contains(" does not match its checksum file"), e.getMessage());
  }
}
