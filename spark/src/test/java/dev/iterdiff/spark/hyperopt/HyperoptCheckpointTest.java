package dev.iterdiff.spark.hyperopt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iterdiff.bilevel.OptimizerState;
import dev.iterdiff.bilevel.OuterState;
import dev.iterdiff.bilevel.Parametrizations;
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
    OptimizerState os = new OptimizerState(new OptimizerState.Anchor(
        new double[] {1.0 / 3, Double.MIN_VALUE},
        new double[] {Double.NaN, Double.NEGATIVE_INFINITY}, Math.nextDown(2.0), Double.NaN),
        0.1, 1e-4, new double[][] {{0.25, -0.0}, {1e-300, 3}}, 7);
    return new OuterState("f00d", Parametrizations.create("box", -1, 2.5), 3,
        new double[] {0.5, -0.0}, os, null, Double.POSITIVE_INFINITY,
        List.of(new OuterStep(0, HARD.clone(), 0.1, Double.NaN, true, 0.25, 1L << 40, 5,
            1e-4, 0.7, 0.0123)), "max-iterations");
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
    assertTrue(text.contains("\"version\" : 2"), text);
    assertTrue(text.contains("\"warm_starts\" : \"checkpoint/warm-3\""), text);
    HyperoptCheckpoint back = HyperoptCheckpoint.read(out, new Configuration());
    OuterState a = cp.state();
    OuterState b = back.state();
    assertEquals(a.fingerprint(), b.fingerprint());
    assertEquals(a.iteration, b.iteration);
    assertArrayEquals(a.phi(), b.phi(), 0);
    assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(b.phi()[1]));
    assertEquals(a.parametrization(), b.parametrization());
    OptimizerState oa = a.optimizer();
    OptimizerState ob = b.optimizer();
    assertArrayEquals(oa.anchor().phi(), ob.anchor().phi(), 0);
    assertArrayEquals(oa.anchor().gradient(), ob.anchor().gradient(), 0);
    assertEquals(oa.anchor().value(), ob.anchor().value(), 0);
    assertTrue(Double.isNaN(ob.anchor().tolerance()));
    assertEquals(oa.step(), ob.step(), 0);
    assertEquals(oa.tolerance(), ob.tolerance(), 0);
    assertEquals(2, ob.moments().length);
    assertArrayEquals(oa.moments()[0], ob.moments()[0], 0);
    assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(ob.moments()[0][1]));
    assertArrayEquals(oa.moments()[1], ob.moments()[1], 0);
    assertEquals(7, ob.updates());
    assertNull(b.bestPhi());
    assertEquals(Double.POSITIVE_INFINITY, b.bestValue());
    assertEquals("max-iterations", b.stopReason());
    assertEquals(1, b.history().size());
    OuterStep h = b.history().get(0);
    for (int j = 0; j < HARD.length; j++) {
      assertEquals(Double.doubleToRawLongBits(HARD[j]), Double.doubleToRawLongBits(h.theta()[j]),
          "theta[" + j + "] = " + HARD[j]);
    }
    assertEquals(1L << 40, h.innerIterations());
    assertEquals(a.history().get(0).seconds(), h.seconds(), 0);
    assertEquals("checkpoint/warm-3", back.warmDir());
    assertEquals(cp.data(), back.data());
  }

  /** A version-1 document as iterdiff wrote it before the generic outer loop (gd + Adam fields). */
  static final String V1 = "{\"format\": \"iterdiff-hyperopt-checkpoint\", \"version\": 1,"
      + " \"config_fingerprint\": \"f00d\", \"data\": [], \"warm_starts\": \"checkpoint/warm-2\","
      + " \"state\": {\"iteration\": 2, \"phi\": [-0.5], \"anchor_phi\": [-0.25],"
      + " \"anchor_gradient\": [0.125], \"anchor_value\": 0.75, \"anchor_tolerance\": 1e-4,"
      + " \"step\": 2.0, \"tolerance\": 8.1e-5, \"adam_m\": [0.0], \"adam_v\": [0.0],"
      + " \"adam_t\": 0, \"best_phi\": [-0.25], \"best_value\": 0.75, \"stop_reason\": null,"
      + " \"history\": [{\"iteration\": 0, \"theta\": [1.0], \"value\": 0.8,"
      + " \"gradient_norm\": 0.2, \"accepted\": true, \"misclassification\": 0.1,"
      + " \"inner_iterations\": 9, \"solves\": 5, \"inner_tolerance\": 1e-4, \"step\": 1.0,"
      + " \"seconds\": 0.01}]}}";

  @Test
  void aVersionOneCheckpointIsStillRead() throws Exception {
    HyperoptCheckpoint cp = CheckpointJson.decode(V1.getBytes(StandardCharsets.UTF_8), "v1");
    OuterState s = cp.state();
    assertEquals("log", s.parametrization().name());
    assertEquals(2, s.iteration);
    assertArrayEquals(new double[] {-0.5}, s.phi(), 0);
    assertArrayEquals(new double[] {-0.25}, s.optimizer().anchor().phi(), 0);
    assertArrayEquals(new double[] {0.125}, s.optimizer().anchor().gradient(), 0);
    assertEquals(0.75, s.optimizer().anchor().value(), 0);
    assertEquals(1e-4, s.optimizer().anchor().tolerance(), 0);
    assertEquals(2.0, s.optimizer().step(), 0);
    assertEquals(8.1e-5, s.optimizer().tolerance(), 0);
    assertEquals(0, s.optimizer().updates());
    assertArrayEquals(new double[] {Math.exp(-0.25)}, s.bestTheta(), 0);
    assertEquals(1, s.history().size());
    assertEquals("checkpoint/warm-2", cp.warmDir());
    // written back as version 2, read back equal
    HyperoptCheckpoint again = CheckpointJson.decode(CheckpointJson.encode(cp), "v2");
    assertArrayEquals(s.optimizer().anchor().phi(), again.state().optimizer().anchor().phi(), 0);
    assertEquals(s.optimizer().step(), again.state().optimizer().step(), 0);
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
    String future = new String(good, StandardCharsets.UTF_8).replace("\"version\" : 2",
        "\"version\" : 3");
    assertTrue(refusal("future", future.getBytes(StandardCharsets.UTF_8))
        .contains("has version 3; this iterdiff reads versions 1 and 2 only"));
    String missing = new String(good, StandardCharsets.UTF_8).replace("\"updates\"", "\"upd\"");
    assertTrue(refusal("missing", missing.getBytes(StandardCharsets.UTF_8))
        .endsWith("missing field state.optimizer.updates"));
    String unknown = new String(good, StandardCharsets.UTF_8).replace("\"box\"", "\"cube\"");
    assertTrue(refusal("unknown-parametrization", unknown.getBytes(StandardCharsets.UTF_8))
        .contains("state.parametrization: "), "names the field");
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
