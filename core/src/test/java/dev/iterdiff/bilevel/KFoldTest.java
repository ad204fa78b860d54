package dev.iterdiff.bilevel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iterdiff.problem.LabeledData;
import java.util.List;
import org.junit.jupiter.api.Test;

class KFoldTest {

  @Test
  void everyRowIsValidatedExactlyOnceAndTrainAndValidationArePartitions() {
    // GIVEN 103 rows, 5 folds
    List<Fold> folds = KFold.split(103, 5, 42L);
    // THEN
    int[] seen = new int[103];
    for (Fold f : folds) {
      assertEquals(103, f.trainRows().length + f.validationRows().length);
      for (int r : f.validationRows()) {
        seen[r]++;
      }
      java.util.Set<Integer> train = new java.util.HashSet<>();
      for (int r : f.trainRows()) {
        train.add(r);
      }
      for (int r : f.validationRows()) {
        assertTrue(!train.contains(r), "row " + r + " in both parts of fold " + f.index());
      }
      assertTrue(f.validationRows().length == 20 || f.validationRows().length == 21);
    }
    for (int c : seen) {
      assertEquals(1, c);
    }
  }

  @Test
  void sameSeedSameFoldsOtherSeedOtherFolds() {
    List<Fold> a = KFold.split(50, 3, 7L);
    List<Fold> b = KFold.split(50, 3, 7L);
    List<Fold> c = KFold.split(50, 3, 8L);
    for (int f = 0; f < 3; f++) {
      assertArrayEquals(a.get(f).validationRows(), b.get(f).validationRows());
    }
    assertTrue(!java.util.Arrays.equals(a.get(0).validationRows(), c.get(0).validationRows()));
  }

  @Test
  void subsetCopiesRowsAndLabels() {
    // A = [[1, 10], [2, 20], [3, 30]] column-major
    LabeledData d = new LabeledData(new double[] {1, 2, 3, 10, 20, 30}, 3, 2, new double[] {-1, 0, 1},
        "mem");
    LabeledData s = KFold.subset(d, new int[] {2, 0}, "sub");
    assertArrayEquals(new double[] {3, 1, 30, 10}, s.a());
    assertArrayEquals(new double[] {1, -1}, s.labels());
  }

  @Test
  void holdOutIsSeededAndDisjoint() {
    Fold h = KFold.holdOut(40, 0.25, 3L);
    assertEquals(10, h.validationRows().length);
    assertEquals(30, h.trainRows().length);
    assertArrayEquals(h.validationRows(), KFold.holdOut(40, 0.25, 3L).validationRows());
  }

  @Test
  void badFoldCountsAreRejectedWithTheValue() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> KFold.split(10, 1, 0L));
    assertTrue(e.getMessage().contains("got 1"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> KFold.split(10, 11, 0L));
    assertTrue(e.getMessage().contains("rows = 10") && e.getMessage().contains("got 11"));
    e = assertThrows(IllegalArgumentException.class, () -> KFold.holdOut(10, 1.5, 0L));
    assertTrue(e.getMessage().contains("1.5"));
  }
}
