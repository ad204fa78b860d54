package dev.iterdiff.spark.sweep;

import dev.iterdiff.spark.config.InstanceFileReader;

import dev.iterdiff.spark.config.SweepConfig;
import dev.iterdiff.spark.config.JobConfigException;
import dev.iterdiff.spark.config.SweepConfigTest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iterdiff.problem.LabeledData;
import java.io.BufferedReader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** θ grids, random draws, instance files, validation splits and size-aware partitions. */
class SweepInstancesTest {

  /** A 6×3 data set with distinct entries. */
  static SweepData data(String name, int rows, int cols) {
    double[] a = new double[rows * cols];
    double[] b = new double[rows];
    for (int i = 0; i < a.length; i++) {
      a[i] = i + 1;
    }
    for (int i = 0; i < rows; i++) {
      b[i] = i;
    }
    return SweepData.whole(name, new LabeledData(a, rows, cols, b, name + ".libsvm"));
  }

  static SweepConfig config(Map<String, String> o) {
    return SweepConfig.parse(SweepConfigTest.BASE, o);
  }

  @Test
  void gridIsTheCartesianProductFirstCoordinateSlowest() {
    SweepConfig c = config(Map.of("theta.coordinates",
        "[{values = [1, 2]}, {linear {from = 0, to = 1, count = 3}}]"));
    List<SweepInstance> s = SweepInstances.build(c, List.of(data("a", 6, 3), data("b", 4, 2)),
        null);
    assertEquals(12, s.size());
    double[][] expected = {{1, 0}, {1, 0.5}, {1, 1}, {2, 0}, {2, 0.5}, {2, 1}};
    for (int i = 0; i < 12; i++) {
      assertEquals(i, s.get(i).id());
      assertEquals(i / 6, s.get(i).data());
      assertArrayEquals(expected[i % 6], s.get(i).theta(), 0);
    }
    assertTrue(s.get(0).cost() > s.get(6).cost(), "bigger data set, bigger cost");
  }

  @Test
  void oneCoordinateRepeatsOverFeatures() {
    SweepConfig c = config(Map.of("theta.dimension", "features", "theta.coordinates",
        "[{values = [1, 2]}]"));
    List<SweepInstance> s = SweepInstances.build(c, List.of(data("a", 6, 3)), null);
    assertEquals(8, s.size());
    assertArrayEquals(new double[] {1, 1, 1}, s.get(0).theta(), 0);
    assertArrayEquals(new double[] {2, 2, 2}, s.get(7).theta(), 0);
    JobConfigException e = assertThrows(JobConfigException.class,
        () -> SweepInstances.build(config(Map.of("theta.dimension", "features",
            "theta.max-instances", "5", "theta.coordinates", "[{values = [1, 2]}]")),
            List.of(data("a", 6, 3)), null));
    assertEquals("sweep.theta.max-instances", e.key());
    e = assertThrows(JobConfigException.class, () -> SweepInstances.build(
        config(Map.of("theta.dimension", "features", "theta.coordinates",
            "[{values = [1]}, {values = [2]}]")), List.of(data("a", 6, 3)), null));
    assertEquals("sweep.theta.coordinates", e.key());
  }

  @Test
  void randomDrawsAreSeededAndInRange() {
    Map<String, String> o = Map.of("theta.mode", "random", "theta.samples", "50",
        "theta.seed", "7", "theta.coordinates",
        "[{log {from = 0.001, to = 10, count = 1}}, {values = [3, 4]}]");
    List<SweepInstance> a = SweepInstances.build(config(o), List.of(data("a", 6, 3)), null);
    List<SweepInstance> b = SweepInstances.build(config(o), List.of(data("a", 6, 3)), null);
    assertEquals(50, a.size());
    Set<Double> distinct = new HashSet<>();
    for (int i = 0; i < 50; i++) {
      assertArrayEquals(a.get(i).theta(), b.get(i).theta(), 0);
      double t0 = a.get(i).theta()[0];
      assertTrue(t0 >= 0.001 && t0 <= 10, "log-uniform draw in range: " + t0);
      assertTrue(a.get(i).theta()[1] == 3 || a.get(i).theta()[1] == 4);
      distinct.add(t0);
    }
    assertEquals(50, distinct.size());
    List<SweepInstance> c = SweepInstances.build(config(Map.of("theta.mode", "random",
        "theta.samples", "50", "theta.seed", "8", "theta.coordinates",
        "[{log {from = 0.001, to = 10, count = 1}}, {values = [3, 4]}]")),
        List.of(data("a", 6, 3)), null);
    assertNotEquals(a.get(0).theta()[0], c.get(0).theta()[0]);
  }

  @Test
  void instanceFilesInJsonLinesAndCsv() {
    List<InstanceFileReader.Row> json = InstanceFileReader.read(reader("""
        # comment
        {"data": "b", "theta": [0.5, 1]}
        {"theta": 2}
        """), "inst.jsonl");
    assertEquals(2, json.size());
    assertEquals("b", json.get(0).data());
    assertArrayEquals(new double[] {2}, json.get(1).theta(), 0);
    SweepConfig c = config(Map.of("theta", "{file = \"inst.jsonl\"}"));
    List<SweepInstance> s = SweepInstances.build(c, List.of(data("a", 6, 3), data("b", 4, 2)),
        json);
    assertEquals(3, s.size());
    assertEquals(0, s.get(0).data());
    assertArrayEquals(new double[] {2}, s.get(0).theta(), 0);
    assertEquals(1, s.get(1).data());
    List<InstanceFileReader.Row> csv = InstanceFileReader.read(reader("""
        data,lambda1,lambda2
        a,0.1,0.2
        ,3,4
        """), "inst.csv");
    assertEquals("a", csv.get(0).data());
    assertArrayEquals(new double[] {3, 4}, csv.get(1).theta(), 0);
  }

  @Test
  void malformedInstanceFilesNameFileAndLine() {
    assertMessage("inst.jsonl:2: theta[1] is not a number", "{\"theta\": 1}\n{\"theta\": [1, \"x\"]}",
        "inst.jsonl");
    assertMessage("inst.jsonl:1: unknown key 'thetas'", "{\"thetas\": 1}", "inst.jsonl");
    assertMessage("inst.jsonl:1: not a JSON object", "theta = 1,", "inst.jsonl");
    assertMessage("inst.csv:3: column 'l' is not a number: 'abc'", "l\n1\nabc", "inst.csv");
    assertMessage("inst.csv:2: theta[0] is NaN", "l\nNaN", "inst.csv");
    assertMessage("inst.csv:2: 2 fields, header has 1", "l\n1,2", "inst.csv");
    assertMessage("inst.csv: no instances", "l\n", "inst.csv");
    assertMessage("unknown format of inst.txt", "1", "inst.txt");
    JobConfigException e = assertThrows(JobConfigException.class,
        () -> SweepInstances.build(config(Map.of("theta", "{file = \"i.jsonl\"}")),
            List.of(data("a", 6, 3)), InstanceFileReader.read(reader("{\"data\": \"z\", "
                + "\"theta\": 1}"), "i.jsonl")));
    assertTrue(e.getMessage().contains("i.jsonl:1: unknown data set 'z'"), e.getMessage());
  }

  private static void assertMessage(String expected, String content, String name) {
    JobConfigException e = assertThrows(JobConfigException.class,
        () -> InstanceFileReader.read(reader(content), name));
    assertEquals("sweep.theta.file", e.key());
    assertTrue(e.getMessage().contains(expected), e.getMessage());
  }

  private static BufferedReader reader(String s) {
    return new BufferedReader(new StringReader(s));
  }

  @Test
  void validationSplitIsSeededDisjointAndComplete() {
    SweepData whole = data("a", 10, 2);
    SweepData s = SweepData.split("a", whole.train(), 0.25, 3);
    assertEquals(3, s.validationRows());
    assertEquals(7, s.trainRows());
    Set<Double> labels = new HashSet<>();
    for (double l : s.train().labels()) {
      labels.add(l);
    }
    for (double l : s.validation().labels()) {
      assertTrue(labels.add(l), "row in both parts: " + l);
    }
    assertEquals(10, labels.size());
    // rows keep their features: row with label l has first feature l + 1
    for (int i = 0; i < s.validationRows(); i++) {
      assertEquals(s.validation().labels()[i] + 1, s.validation().get(i, 0));
    }
    assertArrayEquals(s.validation().labels(),
        SweepData.split("a", whole.train(), 0.25, 3).validation().labels(), 0);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SweepData.split("one", data("one", 1, 2).train(), 0.5, 0));
    assertTrue(e.getMessage().contains("one.libsvm"), e.getMessage());
  }

  @Test
  void partitionsBalanceCostAndKeepEveryInstanceOnce() {
    List<SweepInstance> all = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      all.add(new SweepInstance(i, 0, new double[] {i}, i < 10 ? 100.0 : 1.0));
    }
    List<List<SweepInstance>> parts = InstancePartitioner.balance(all, 8);
    assertEquals(8, parts.size());
    Set<Long> seen = new HashSet<>();
    double max = 0;
    double min = Double.MAX_VALUE;
    for (List<SweepInstance> p : parts) {
      double load = 0;
      long prev = -1;
      for (SweepInstance s : p) {
        assertTrue(seen.add(s.id()));
        assertTrue(s.id() > prev, "id order within a partition");
        prev = s.id();
        load += s.cost();
      }
      max = Math.max(max, load);
      min = Math.min(min, load);
    }
    assertEquals(100, seen.size());
    // total 1090 over 8 partitions: LPT puts at most two big ones together
    assertTrue(max <= 200 + 1e-9 && min >= 100, "loads " + min + " .. " + max);
    assertEquals(parts, InstancePartitioner.balance(all, 8));
    assertEquals(3, InstancePartitioner.balance(all.subList(0, 3), 8).size());
  }
}
