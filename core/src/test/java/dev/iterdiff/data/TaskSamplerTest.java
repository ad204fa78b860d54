package dev.iterdiff.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iterdiff.problem.LabeledData;
import java.io.IOException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** N-way K-shot tasks on the committed Fashion-MNIST subset (3000 images, 300 per class). */
class TaskSamplerTest {

  static LabeledData train;

  @BeforeAll
  static void read() throws IOException {
    train = IdxReader.read(IdxReaderTest.TRAIN);
  }

  @Test
  void splitIsSeededDisjointAndComplete() {
    TaskSampler.MetaSplit s = TaskSampler.split(train, 7, 42);
    assertEquals(7, s.metaTrain().length);
    assertEquals(3, s.metaTest().length);
    Set<Integer> all = new HashSet<>();
    IntStream.of(s.metaTrain()).forEach(all::add);
    IntStream.of(s.metaTest()).forEach(all::add);
    assertEquals(Set.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9), all);
    TaskSampler.MetaSplit again = TaskSampler.split(train, 7, 42);
    assertArrayEquals(s.metaTrain(), again.metaTrain());
    assertArrayEquals(s.metaTest(), again.metaTest());
    boolean differs = false;
    for (long seed = 1; seed < 6 && !differs; seed++) {
      differs = !Arrays.equals(s.metaTest(), TaskSampler.split(train, 7, seed).metaTest());
    }
    assertTrue(differs, "the split depends on the seed");
  }

  @Test
  void tasksAreDeterministicCountedDisjointAndStayInTheirSplit() {
    TaskSampler.MetaSplit split = TaskSampler.split(train, 7, 42);
    TaskSampler metaTrain = new TaskSampler(train, split.metaTrain(), 5, 5, 15);
    TaskSampler metaTest = new TaskSampler(train, split.metaTest(), 3, 1, 15);
    Set<Integer> trainClasses = new HashSet<>();
    IntStream.of(split.metaTrain()).forEach(trainClasses::add);
    for (long t = 0; t < 50; t++) {
      long seed = TaskSampler.taskSeed(7, t);
      TaskSampler.Task a = metaTrain.sample(seed);
      TaskSampler.Task b = metaTrain.sample(seed);
      assertArrayEquals(a.supportRows(), b.supportRows());
      assertArrayEquals(a.queryRows(), b.queryRows());
      assertArrayEquals(a.support().a(), b.support().a());
      assertEquals(25, a.support().rows());
      assertEquals(75, a.query().rows());
      assertEquals(784, a.support().cols());
      assertEquals(5, IntStream.of(a.classes()).distinct().count());
      Set<Integer> rows = new HashSet<>();
      IntStream.of(a.supportRows()).forEach(rows::add);
      IntStream.of(a.queryRows()).forEach(rows::add);
      assertEquals(100, rows.size(), "support and query share no sample");
      for (int i = 0; i < 25; i++) {
        int k = (int) a.support().labels()[i];
        assertEquals(i / 5, k);
        assertEquals(a.classes()[k], (int) train.labels()[a.supportRows()[i]]);
        assertEquals(train.get(a.supportRows()[i], 400), a.support().get(i, 400), 0);
        assertTrue(trainClasses.contains((int) train.labels()[a.supportRows()[i]]));
      }
      for (int i = 0; i < 75; i++) {
        assertEquals(a.classes()[(int) a.query().labels()[i]],
            (int) train.labels()[a.queryRows()[i]]);
        assertTrue(trainClasses.contains((int) train.labels()[a.queryRows()[i]]));
      }
      TaskSampler.Task test = metaTest.sample(seed);
      for (int r : test.supportRows()) {
        assertFalse(trainClasses.contains((int) train.labels()[r]), "meta-test sample");
      }
      for (int r : test.queryRows()) {
        assertFalse(trainClasses.contains((int) train.labels()[r]), "meta-test sample");
      }
    }
    assertFalse(Arrays.equals(metaTrain.sample(1).supportRows(),
        metaTrain.sample(2).supportRows()));
    assertTrue(TaskSampler.taskSeed(7, 0) != TaskSampler.taskSeed(7, 1));
  }

  @Test
  void badRequestsAreOneLineErrors() {
    int[] three = {7, 8, 9};
    assertEquals("task sampler: 5-way tasks need 5 classes, the pool has 3 [7, 8, 9]",
        message(() -> new TaskSampler(train, three, 5, 1, 15)));
    assertEquals("task sampler: class 7 has 300 samples in " + train.source() + ", fewer than "
        + "200 shots + 101 queries = 301", message(() -> new TaskSampler(train, three, 3, 200,
        101)));
    assertEquals("task sampler: 1-way 1-shot, 15 queries per class (need N >= 2, K >= 1, "
        + "Q >= 1)", message(() -> new TaskSampler(train, three, 1, 1, 15)));
    assertEquals("task sampler: class 12 has 0 samples in " + train.source() + ", fewer than "
        + "1 shots + 1 queries = 2", message(() -> new TaskSampler(train, new int[] {7, 12}, 2,
        1, 1)));
    assertEquals("meta-train classes: 10 of the 10 classes of " + train.source() + " (must be "
        + "1..9, leaving meta-test classes)", message(() -> TaskSampler.split(train, 10, 1)));
    LabeledData real = new LabeledData(new double[] {1, 2}, 2, 1, new double[] {0, 0.5}, "r");
    assertEquals("r: label of row 2 is 0.5 (task sampling needs integer class labels)",
        message(() -> TaskSampler.split(real, 1, 1)));
  }

  static String message(Runnable r) {
    return assertThrows(IllegalArgumentException.class, r::run).getMessage();
  }
}
