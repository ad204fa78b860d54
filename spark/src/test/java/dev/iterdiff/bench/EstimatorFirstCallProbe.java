package dev.iterdiff.bench;

import dev.iterdiff.solver.Solution;
import dev.iterdiff.solver.Storage;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A reproducer, not a test: the round loop of {@link EstimatorBenchmark} on the prox-lasso
 * setting, printing per round the CPU time of each estimator's first call right after its
 * own solve and of a second call on the same solution (BENCHMARKS.md, branch lasso: at p = 100
 * the first call costs 4–6× the second, and the benchmark times the first).
 *
 * <pre>java -cp "target/iterdiff-*.jar:$(cat target/classpath.txt):spark/target/test-classes"
 *   dev.iterdiff.bench.EstimatorFirstCallProbe P ROUNDS ESTIMATORS WARMUP_CALLS</pre>
 * ESTIMATORS: indices into the setting's list (0 one-step, 1 implicit on the support, 2 full-p
 * LU, 3 unrolled-reverse), e.g. {@code 1} or {@code 0123}.
 */
public final class EstimatorFirstCallProbe {

  private static double sink;

  private EstimatorFirstCallProbe() {}

  public static void main(String[] args) {
    int p = Integer.parseInt(args[0]);
    int rounds = Integer.parseInt(args[1]);
    int warmupCalls = Integer.parseInt(args[3]);
    BenchClock clock = BenchClock.CPU;
    BenchOptions o = new BenchOptions(Set.of(BenchOptions.PROX_LASSO), List.of(50),
        List.of(100), 1, 3, 1, 224, 1e-10, 50, 500, 30, 1e-3, 10, 20231, clock, List.of(100),
        1e-8, List.of(p), 1e-8, 20_000);
    BenchCase c = ConstrainedCases.lasso(p, o);
    List<EstimatorRun> runs = new ArrayList<>();
    for (char ch : args[2].toCharArray()) {
      runs.add(c.estimators().get(ch - '0'));
    }
    for (EstimatorRun run : runs) {
      Solution s = c.solve().apply(run.storage());
      for (int i = 0; i < warmupCalls; i++) {
        sink += run.run().apply(s)[0];
      }
    }
    for (int r = 0; r < rounds; r++) {
      long t0 = clock.nanos();
      c.solve().apply(Storage.lastTwo());
      StringBuilder line = new StringBuilder(String.format("solve %.3f ms",
          (clock.nanos() - t0) / 1e6));
      for (EstimatorRun run : runs) {
        Solution sol = c.solve().apply(run.storage());
        long s1 = clock.nanos();
        sink += run.run().apply(sol)[0];
        long s2 = clock.nanos();
        sink += run.run().apply(sol)[0];
        long s3 = clock.nanos();
        line.append(String.format(" | %s first %.4f ms, second %.4f ms", run.name(),
            (s2 - s1) / 1e6, (s3 - s2) / 1e6));
      }
      System.out.println(line);
    }
    System.out.println(sink == 0.123456789 ? "" : "done");
  }
}
