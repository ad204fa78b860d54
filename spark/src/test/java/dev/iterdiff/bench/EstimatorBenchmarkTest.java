package dev.iterdiff.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iterdiff.solver.Solution;
import dev.iterdiff.solver.Storage;
import dev.iterdiff.solver.Trajectory;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The harness's bookkeeping: which solves it runs, medians, failures, table and CSV. */
class EstimatorBenchmarkTest {

  @Test
  void runsBaselineAndEachEstimatorsStoragePerRoundAndReportsFailures() {
    List<Storage> requested = new ArrayList<>();
    BenchCase c = new BenchCase("toy", "per-feature lambda", 3, 2, storage -> {
      requested.add(storage);
      return fakeSolution(storage, 4);
    }, List.of(
        new EstimatorRun("one-step", "vjp", Storage.lastTwo(), s -> new double[] {1, 2}),
        new EstimatorRun("unrolled-reverse", "vjp", Storage.full(), s -> new double[] {3, 4}),
        new EstimatorRun("broken", "vjp", Storage.lastTwo(), s -> {
          throw new IllegalStateException("needs FULL storage, got LAST(1)");
        })), "one-step");
    List<BenchRow> rows = new EstimatorBenchmark(2, 3, 0, BenchClock.WALL).measure(c);
    // 5 rounds x (baseline + one-step + unrolled-reverse) + the one failed call of "broken"
    assertEquals(5 * 3 + 1, requested.size());
    assertEquals(Storage.full(), requested.get(2));
    assertEquals(3, rows.size());
    BenchRow ok = rows.get(1);
    assertEquals("unrolled-reverse", ok.estimator());
    assertEquals("FULL", ok.storage());
    assertEquals(4, ok.iterations());
    assertEquals(3, ok.rounds());
    assertEquals("ok", ok.status());
    // ‖(3,4) − (1,2)‖/‖(1,2)‖ = √8/√5
    assertEquals(Math.sqrt(8.0 / 5.0), ok.relativeError(), 1e-15);
    assertEquals(0.0, rows.get(0).relativeError());
    assertTrue(ok.ratio() > 0 && Double.isFinite(ok.ratio()), "ratio " + ok.ratio());
    BenchRow broken = rows.get(2);
    assertEquals("IllegalStateException: needs FULL storage, got LAST(1)", broken.status());
    assertTrue(Double.isNaN(broken.ratio()));
    String table = BenchTable.fixedWidth(rows);
    assertTrue(table.contains("unrolled-reverse") && table.contains("FULL"), table);
    String csv = BenchTable.csv(rows);
    assertTrue(csv.startsWith("setting,parametrization,n,m,iterations,rounds,estimator"), csv);
    assertTrue(csv.contains("\"IllegalStateException: needs FULL storage, got LAST(1)\"")
        || csv.contains("IllegalStateException: needs FULL storage"), csv);
    assertEquals(4, csv.split("\n").length);
  }

  @Test
  void medianOfOddAndEvenCounts() {
    assertEquals(3.0, EstimatorBenchmark.median(new double[] {5, 1, 3, 99}, 3));
    assertEquals(2.5, EstimatorBenchmark.median(new double[] {4, 1, 3, 2}, 4));
    assertEquals("CHECKPOINTED(sqrt k)", EstimatorBenchmark.describe(Storage.checkpointed()));
    assertEquals("LAST(10)", EstimatorBenchmark.describe(new Storage(Storage.Kind.LAST, 10)));
  }

  @Test
  void badCountsAreNamed() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new EstimatorBenchmark(1, 0, 0, BenchClock.WALL));
    assertEquals("repetitions must be in [1, 200], got 0", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new EstimatorBenchmark(-1, 3, 0, BenchClock.WALL));
    assertEquals("warmup must be >= 0, got -1", e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> new EstimatorBenchmark(1, 3, Double.NaN, BenchClock.WALL));
    assertEquals("min seconds must be finite and >= 0, got NaN", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> BenchClock.parse("tsc"));
    assertEquals("--clock: unknown clock 'tsc' (expected wall or cpu)", e.getMessage());
    assertEquals(BenchClock.CPU, BenchClock.parse("CPU"));
  }

  private static Solution fakeSolution(Storage storage, int k) {
    Trajectory t = new Trajectory() {
      @Override
      public int iterations() {
        return k;
      }

      @Override
      public int stateDim() {
        return 3;
      }

      @Override
      public double step(int i) {
        return 1;
      }

      @Override
      public Storage storage() {
        return storage;
      }

      @Override
      public boolean isStored(int i) {
        return true;
      }

      @Override
      public void state(int i, double[] out) {
        java.util.Arrays.fill(out, i);
      }
    };
    return new Solution(null, new double[2], t, 1e-9, true, 0);
  }
}
