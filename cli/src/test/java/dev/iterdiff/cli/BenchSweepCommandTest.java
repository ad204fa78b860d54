package dev.iterdiff.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iterdiff.bench.SweepBenchmark;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code bench sweep}: bad options stop it before any Spark session with one line, and the
 * figures it reports are the medians and paired ratios of what was measured. (Running it
 * needs sessions of its own, local[1] and local[2], which the shared test session rules out;
 * BENCHMARKS.md has its output.)
 */
class BenchSweepCommandTest {

  @Test
  void badOptionsEndWithOneLineNamingOptionAndValue() {
    for (String[] bad : new String[][] {{"--rounds", "-1"}, {"--iterations", "20,0"},
        {"--partitions", "-1"}, {"--instances", "0"}, {"--large", "100000,-5"}}) {
      CommandRun run = CommandRun.of("bench", "sweep", bad[0], bad[1]);
      assertEquals(2, run.status(), run.err());
      assertEquals(1, run.errLines().length, run.err());
      assertTrue(run.err().contains("must be >= 1, --rounds (0: only the large runs), --large "
          + "and --partitions >= 0; got"),
          run.err());
    }
  }

  @Test
  void overheadIsTheMedianOfPairedRatiosNotTheRatioOfMedians() {
    SweepBenchmark.Samples m = new SweepBenchmark.Samples(20);
    // the machine slows down between pairs: each Spark run is 10 % over its in-process run
    m.local1().addAll(List.of(new double[] {1.0, 1.1}, new double[] {2.0, 2.2},
        new double[] {4.0, 4.4}));
    m.local2().addAll(List.of(new double[] {0.5, 0.6}, new double[] {1.0, 1.2},
        new double[] {2.0, 2.4}));
    SweepBenchmark.Result r = SweepBenchmark.result(m, 1000);
    assertEquals(0.10, r.overhead1(), 1e-12);
    assertEquals(0.20, r.overhead2(), 1e-12);
    assertEquals(2.0, r.inProcess1(), 0);
    assertEquals(2.2, r.local1(), 0);
    assertEquals(2.2 / 1.2, r.speedup(), 1e-12);
    assertEquals(2.0, r.threadSpeedup(), 1e-12);
    assertEquals(2000.0, r.microsPerInstance(), 1e-9);
  }
}
