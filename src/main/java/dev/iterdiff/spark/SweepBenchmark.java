package dev.iterdiff.spark;

import java.io.File;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;

/**
 * Throughput of the sweep (instances/s) on small instances: the plain in-process loop
 * ({@link LocalSweep}) against the Spark job in local mode with 1 and 2 cores. The workload:
 * ridge on the diabetes sample (442 × 10), gradient descent with step 1/L for a fixed number of
 * iterations, one random λ per instance, the one-step and implicit estimators with their
 * diagnostics. Spark is timed on the job that computes and writes the rows (Parquet, commit
 * included; session start, data reading and the summary excluded), after a warm-up run in the
 * same session; the in-process loop after a warm-up too. Each measurement is the median of
 * {@code repeats} runs.
 */
public final class SweepBenchmark {

  /**
   * One measurement.
   *
   * @param mode      in-process, local[1], local[2].
   * @param instances instances per run.
   * @param seconds   median wall time of a run.
   * @param totalSeconds median wall time of the whole job (Spark: with reading and summary).
   */
  public record Measurement(String mode, long instances, double seconds, double totalSeconds) {
    /** Instances per second. */
    public double throughput() {
      return instances / seconds;
    }
  }

  private SweepBenchmark() {}

  /** The benchmark's sweep config for {@code instances} random λ. */
  public static SweepConfig config(int instances, int iterations, String data, File output) {
    return SweepConfig.parse("""
        sweep {
          name = bench-sweep
          data = [ { name = bench, path = "%s" } ]
          problem { name = ridge }
          solver { name = gd, iterations = %d }
          theta { mode = random, samples = %d, seed = 1,
                  coordinates = [ { log { from = 1e-3, to = 10, count = 1 } } ] }
          estimators = [one-step, implicit]
          output { path = "%s", overwrite = true }
        }
        """.formatted(data, iterations, instances, output.getAbsolutePath()), Map.of());
  }

  /** The in-process loop: warm-up on {@code warmup}, then the median of {@code repeats}. */
  public static Measurement inProcess(SweepConfig c, SweepConfig warmup, int repeats) {
    LocalSweep.run(SweepPlan.prepare(warmup, new Configuration()));
    SweepPlan plan = SweepPlan.prepare(c, new Configuration());
    double[] t = new double[repeats];
    for (int r = 0; r < repeats; r++) {
      long t0 = System.nanoTime();
      List<SweepRow> rows = LocalSweep.run(plan);
      t[r] = (System.nanoTime() - t0) / 1e9;
      checkAllOk(rows);
    }
    return new Measurement("in-process", plan.instances().size(), median(t), median(t));
  }

  /**
   * The Spark job on a fresh session with {@code master}, stopped afterwards: warm-up run of
   * {@code warmup}, then the median of {@code repeats} runs of {@code c}.
   */
  public static Measurement spark(String master, SweepConfig c, SweepConfig warmup,
      int repeats) {
    SparkSession spark = SparkSession.builder().appName("bench-sweep").master(master)
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .getOrCreate();
    try {
      PrintWriter quiet = new PrintWriter(new StringWriter());
      SweepJob.run(spark, warmup, quiet);
      double[] t = new double[repeats];
      double[] total = new double[repeats];
      long n = 0;
      for (int r = 0; r < repeats; r++) {
        long t0 = System.nanoTime();
        SweepJob.Result res = SweepJob.run(spark, c, quiet);
        total[r] = (System.nanoTime() - t0) / 1e9;
        t[r] = res.rowsSeconds();
        n = res.summary().instances();
        for (EstimatorSummary e : res.summary().estimators()) {
          if (e.failures() > 0) {
            throw new IllegalStateException("bench sweep: " + e.failures() + " failed rows of "
                + e.estimator() + " on " + master);
          }
        }
      }
      return new Measurement(master, n, median(t), median(total));
    } finally {
      spark.stop();
      SparkSession.clearActiveSession();
      SparkSession.clearDefaultSession();
    }
  }

  private static void checkAllOk(List<SweepRow> rows) {
    List<String> bad = new ArrayList<>();
    for (SweepRow r : rows) {
      if (!r.ok() && bad.size() < 3) {
        bad.add(r.instanceId() + " " + r.estimator() + ": " + r.message());
      }
    }
    if (!bad.isEmpty()) {
      throw new IllegalStateException("bench sweep: failed rows in-process: " + bad);
    }
  }

  static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    int n = s.length;
    return n % 2 == 1 ? s[n / 2] : 0.5 * (s[n / 2 - 1] + s[n / 2]);
  }
}
