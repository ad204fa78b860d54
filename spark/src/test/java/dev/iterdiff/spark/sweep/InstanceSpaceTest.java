package dev.iterdiff.spark.sweep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iterdiff.spark.config.SweepConfig;
import dev.iterdiff.spark.config.ThetaCoordinate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The streamed instance space gives exactly the instances the driver-side list gave (the
 * enumeration the sweep used before, kept here as the reference), from any id range, and the
 * cost-balanced ranges cover the id space.
 */
class InstanceSpaceTest {

  private static final List<SweepData> DATA = List.of(SweepInstancesTest.data("a", 6, 3),
      SweepInstancesTest.data("b", 4, 2));

  /** The list the sweep built on the driver before the space (grid and random). */
  static List<double[]> legacy(SweepConfig c, List<SweepData> data) {
    List<double[]> out = new ArrayList<>();
    for (SweepData d : data) {
      int m = c.theta().length(d.cols(), d.trainRows());
      ThetaCoordinate[] coords = new ThetaCoordinate[m];
      for (int j = 0; j < m; j++) {
        coords[j] = c.theta().coordinates().get(c.theta().coordinates().size() == 1 ? 0 : j);
      }
      if (c.theta().samples() > 0) {
        SplittableRandom rng = new SplittableRandom(c.theta().seed());
        for (int s = 0; s < c.theta().samples(); s++) {
          double[] theta = new double[m];
          for (int j = 0; j < m; j++) {
            theta[j] = coords[j].sample(rng);
          }
          out.add(theta);
        }
        continue;
      }
      int[] index = new int[m];
      double[][] pts = new double[m][];
      long size = 1;
      for (int j = 0; j < m; j++) {
        pts[j] = coords[j].points();
        size *= pts[j].length;
      }
      for (long s = 0; s < size; s++) {
        double[] theta = new double[m];
        for (int j = 0; j < m; j++) {
          theta[j] = pts[j][index[j]];
        }
        out.add(theta);
        for (int j = m - 1; j >= 0 && ++index[j] == pts[j].length; j--) {
          index[j] = 0;
        }
      }
    }
    return out;
  }

  static SweepConfig grid() {
    return SweepInstancesTest.config(Map.of("theta.dimension", "features", "theta.coordinates",
        "[{values = [1, 2, 3]}]"));
  }

  static SweepConfig random() {
    return SweepInstancesTest.config(Map.of("theta.mode", "random", "theta.samples", "37",
        "theta.seed", "5", "theta.dimension", "features",
        "theta.coordinates", "[{log {from = 0.001, to = 10, count = 1}}]"));
  }

  @Test
  void everyRangeGivesTheInstancesOfTheDriverList() {
    for (SweepConfig c : List.of(grid(), random())) {
      // GIVEN the reference list and the space
      List<double[]> expected = legacy(c, DATA);
      int firstData = legacy(c, DATA.subList(0, 1)).size();
      InstanceSpace space = InstanceSpace.of(c, DATA, null);
      assertEquals(expected.size(), space.size());
      // WHEN generated from every start, THEN ids, data set and θ are those of the list
      for (long from = 0; from < space.size(); from += 5) {
        Iterator<SweepInstance> it = space.instances(from, space.size());
        for (long id = from; id < space.size(); id++) {
          SweepInstance s = it.next();
          assertEquals(id, s.id());
          assertEquals(id < firstData ? 0 : 1, s.data());
          assertArrayEquals(expected.get((int) id), s.theta(), 0, "id " + id);
        }
        assertTrue(!it.hasNext());
      }
    }
  }

  @Test
  void rangesCoverTheIdsAndBalanceTheCost() {
    InstanceSpace space = InstanceSpace.of(grid(), DATA, null); // 27 + 9 instances
    for (int parts : new int[] {1, 2, 3, 7, 36, 100}) {
      List<InstanceRange> r = RangePartitioner.split(space, parts);
      assertEquals(Math.min(parts, 36), r.size());
      long next = 0;
      for (InstanceRange x : r) {
        assertEquals(next, x.first());
        assertTrue(x.size() > 0, "no empty range: " + r);
        next = x.end();
      }
      assertEquals(36, next);
    }
    // the first data set's instances cost more (6×3 vs 4×2): fewer of them per range
    List<InstanceRange> two = RangePartitioner.split(space, 2);
    assertTrue(two.get(0).size() < 27, two.toString());
  }

  @Test
  void rangesOutsideTheSpaceAreRefused() {
    InstanceSpace space = InstanceSpace.of(grid(), DATA, null);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> space.instances(3, 40));
    assertEquals("instance range [3, 40) outside [0, 36)", e.getMessage());
  }

  /**
   * With budgets [20, 5, 80] every θ instance is three instances, the budget fastest (θ id t,
   * budget j → id 3t + j), from any starting id; each instance's cost is linear in its budget
   * (N·p·k·factor + p³), and the cost-balanced ranges cut between θ.
   */
  @Test
  void anIterationAxisRepeatsEachThetaOncePerBudgetWithCostLinearInK() {
    for (SweepConfig plain : List.of(grid(), random())) {
      SweepConfig c = plain.withIterations(List.of(20, 5, 80));
      List<double[]> thetas = legacy(c, DATA);
      InstanceSpace space = InstanceSpace.of(c, DATA, null);
      assertEquals(3, space.budgetCount());
      assertEquals(3L * thetas.size(), space.size());
      for (long from = 0; from < space.size(); from += 4) {
        Iterator<SweepInstance> it = space.instances(from, space.size());
        for (long id = from; id < space.size(); id++) {
          SweepInstance s = it.next();
          assertEquals(id, s.id());
          assertEquals(List.of(20, 5, 80).get((int) (id % 3)).intValue(), s.iterations());
          assertArrayEquals(thetas.get((int) (id / 3)), s.theta(), 0, "id " + id);
          SweepData d = DATA.get(s.data());
          double p = d.cols();
          double perK = SweepInstances.cost(c, d, s.theta().length, 1) - p * p * p;
          assertEquals(perK * s.iterations() + p * p * p, s.cost(), 1e-9 * s.cost());
        }
      }
      // the plain sweep's total cost is the largest budget's; the axis adds 5 and 20
      InstanceSpace one = InstanceSpace.of(c.withIterations(List.of(80)), DATA, null);
      assertEquals(one.size() * 3, space.size());
      double sum = 0;
      Iterator<SweepInstance> all = space.instances(0, space.size());
      while (all.hasNext()) {
        sum += all.next().cost();
      }
      assertEquals(sum, space.totalCost(), 1e-9 * sum);
      for (int parts : new int[] {2, 3, 5}) {
        for (InstanceRange r : RangePartitioner.split(space, parts)) {
          assertEquals(0, r.first() % 3, "cut between θ: " + r);
        }
      }
    }
  }
}
