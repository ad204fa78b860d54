package dev.iterdiff.bench;

import dev.iterdiff.spark.NioLocalFileSystem;
import dev.iterdiff.spark.SparkSessions;
import dev.iterdiff.spark.config.SweepConfig;
import dev.iterdiff.spark.sweep.EstimatorSummary;
import dev.iterdiff.spark.sweep.LocalSweep;
import dev.iterdiff.spark.sweep.SweepJob;
import dev.iterdiff.spark.sweep.SweepPlan;
import dev.iterdiff.spark.sweep.SweepRow;
import dev.iterdiff.spark.sweep.SweepRowSchema;
import dev.iterdiff.spark.sweep.SweepSummary;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * Throughput of the sweep (instances/s): the plain in-process loop ({@link LocalSweep})
 * against the Spark job in local mode with 1 and 2 cores, on workloads of several instance
 * sizes. The workload: ridge on the diabetes sample (442 × 10), gradient descent with step
 * 1/L for a fixed number of iterations, one random λ per instance, the one-step and implicit
 * estimators with their diagnostics.
 *
 * <p>How it is timed, because this machine's speed drifts by tens of percent over minutes
 * (measured: the same in-process loop 0.80–1.11 s within one JVM): the runs are
 * <em>interleaved</em>. In each round, a session is started for local[1], every workload is
 * warmed up (in-process and Spark), then each workload alternates an in-process run on one
 * thread with a Spark run; the session is stopped and the same is done for local[2] against
 * the in-process loop on two threads (same cost-balanced buckets as the job,
 * {@link LocalSweep#run(SweepPlan, int, int)}). The overhead is the median over rounds of the
 * ratio of each Spark run to the in-process run just before it, so a drift of the machine
 * between rounds cancels. Spark is timed on the job that computes and writes the rows
 * (Parquet, commit included; session start, data reading and the summary excluded).
 *
 * <p>Each session also times Spark's floor: writing an <em>empty</em> DataFrame of the row
 * schema as Parquet with the job's partition count — what any sweep job pays before its
 * first row. With N instances, the overhead target (≤ 10 %) is out of reach for instances
 * costing less than floor / (0.1 N) each, whatever the job does.
 */
public final class SweepBenchmark {

  /** The benchmark's settings. */
  public record Settings(String data, int instances, List<Integer> iterations, int rounds,
      int runsPerRound, int partitions, File scratch) {}

  /**
   * What was measured for one workload: paired seconds per run (in-process, Spark) for each
   * master.
   */
  public static final class Samples {
    private final int iterations;
    private final List<double[]> one = new ArrayList<>();
    private final List<double[]> two = new ArrayList<>();

    /** Empty samples of a workload of {@code iterations} GD iterations per instance. */
    public Samples(int iterations) {
      this.iterations = iterations;
    }

    /** Iterations per instance. */
    public int iterations() {
      return iterations;
    }

    /** (in-process 1 thread, local[1]) seconds per run. */
    public List<double[]> local1() {
      return one;
    }

    /** (in-process 2 threads, local[2]) seconds per run. */
    public List<double[]> local2() {
      return two;
    }
  }

  /**
   * One workload's figures, medians over the runs.
   *
   * @param iterations    GD iterations per instance.
   * @param instances     instances per run.
   * @param inProcess1    in-process, one thread (s).
   * @param local1        Spark local[1] (s).
   * @param overhead1     median of local[1] / in-process (1 thread) − 1, paired runs.
   * @param inProcess2    in-process, two threads (s).
   * @param local2        Spark local[2] (s).
   * @param overhead2     median of local[2] / in-process (2 threads) − 1, paired runs.
   * @param speedup       local[1] / local[2] (ratio of medians).
   * @param threadSpeedup in-process 1 thread / 2 threads (ratio of medians): what the machine
   *                      gives two threads on this work without Spark.
   */
  public record Result(int iterations, long instances, double inProcess1, double local1,
      double overhead1, double inProcess2, double local2, double overhead2, double speedup,
      double threadSpeedup) {

    /** Microseconds of work per instance (in-process, one thread). */
    public double microsPerInstance() {
      return 1e6 * inProcess1 / instances;
    }
  }

  private SweepBenchmark() {}

  /** The benchmark's sweep config for {@code instances} random λ. */
  public static SweepConfig config(int instances, int iterations, String data, File output) {
    return config(instances, iterations, 0, data, output);
  }

  /** The same with {@code partitions} (0: the job's default). */
  public static SweepConfig config(int instances, int iterations, int partitions, String data,
      File output) {
    return SweepConfig.parse("""
        sweep {
          name = bench-sweep
          data = [ { name = bench, path = "%s" } ]
          problem { name = ridge }
          solver { name = gd, iterations = %d }
          theta { mode = random, samples = %d, seed = 1,
                  coordinates = [ { log { from = 1e-3, to = 10, count = 1 } } ] }
          estimators = [one-step, implicit]
          output { path = "%s", overwrite = true, report = false }
          partitions = %d
        }
        """.formatted(data, iterations, instances, output.getAbsolutePath(), partitions),
        Map.of());
  }

  /**
   * Runs the interleaved rounds (class comment) and returns one {@link Samples} per
   * workload, in {@code s.iterations()} order; {@code floors} receives the empty-write times
   * as (cores, seconds).
   *
   * @param progress one line per session and measurement, for a long run.
   */
  public static List<Samples> measure(Settings s, List<double[]> floors, PrintWriter progress) {
    List<Samples> out = new ArrayList<>();
    List<SweepPlan> plans = new ArrayList<>();
    List<SweepConfig> configs = new ArrayList<>();
    List<SweepConfig> warmups = new ArrayList<>();
    List<SweepPlan> warmPlans = new ArrayList<>();
    for (int it : s.iterations()) {
      out.add(new Samples(it));
      SweepConfig c = config(s.instances(), it, s.partitions(), s.data(),
          new File(s.scratch(), "run-" + it));
      configs.add(c);
      SweepConfig warm = config(Math.min(s.instances(), 1000), it, s.partitions(), s.data(),
          new File(s.scratch(), "warmup-" + it));
      warmups.add(warm);
      warmPlans.add(SweepPlan.prepare(warm, hadoop()));
      plans.add(SweepPlan.prepare(c, hadoop()));
    }
    for (int round = 1; round <= s.rounds(); round++) {
      for (int cores = 1; cores <= 2; cores++) {
        SparkSession spark = session(cores);
        try {
          PrintWriter quiet = new PrintWriter(new StringWriter());
          for (int w = 0; w < out.size(); w++) {
            SweepPlan warm = warmPlans.get(w);
            int parts = SweepJob.partitions(spark, warmups.get(w), warm.space().size());
            LocalSweep.run(warm, cores, parts);
            SweepJob.run(spark, warmups.get(w), quiet);
          }
          double floor = emptyWrite(spark, configs.get(0), new File(s.scratch(), "empty"));
          floors.add(new double[] {cores, floor});
          progress.printf(Locale.ROOT, "round %d, local[%d]: empty write %.3f s (%s)%n", round,
              cores, floor, fileSystem(spark));
          for (int r = 0; r < s.runsPerRound(); r++) {
            for (int w = 0; w < out.size(); w++) {
              SweepPlan plan = plans.get(w);
              int parts = SweepJob.partitions(spark, configs.get(w), plan.space().size());
              long t0 = System.nanoTime();
              List<SweepRow> rows = cores == 1 ? LocalSweep.run(plan)
                  : LocalSweep.run(plan, cores, parts);
              double in = (System.nanoTime() - t0) / 1e9;
              checkAllOk(rows);
              SweepJob.Result res = SweepJob.run(spark, configs.get(w), quiet);
              checkAllOk(res.summary(), cores);
              double sp = res.rowsSeconds();
              (cores == 1 ? out.get(w).local1() : out.get(w).local2()).add(new double[] {in, sp});
              progress.printf(Locale.ROOT, "round %d, %d iterations: in-process (%d thread%s) "
                  + "%.3f s, local[%d] %.3f s%n", round, out.get(w).iterations(), cores,
                  cores == 1 ? "" : "s", in, cores, sp);
              progress.flush();
            }
          }
        } finally {
          stop(spark);
        }
      }
    }
    return out;
  }

  /**
   * One run of {@code instances} on a fresh local[{@code cores}] session after a warm-up on
   * 1000: (seconds of the rows job, seconds of the whole job with reading and summary).
   */
  public static double[] single(Settings s, int instances, int iterations, int cores) {
    SweepConfig c = config(instances, iterations, s.partitions(), s.data(),
        new File(s.scratch(), "single"));
    SweepConfig warm = config(Math.min(instances, 1000), iterations, s.partitions(), s.data(),
        new File(s.scratch(), "single-warmup"));
    SparkSession spark = session(cores);
    try {
      PrintWriter quiet = new PrintWriter(new StringWriter());
      SweepJob.run(spark, warm, quiet);
      long t0 = System.nanoTime();
      SweepJob.Result res = SweepJob.run(spark, c, quiet);
      double total = (System.nanoTime() - t0) / 1e9;
      checkAllOk(res.summary(), cores);
      return new double[] {res.rowsSeconds(), total};
    } finally {
      stop(spark);
    }
  }

  /**
   * The Hadoop configuration the driver reads the data with: the local-mode file system of
   * {@link SparkSessions#local}, so that the JVM's cached {@code file://} file system (the
   * first one created wins) is the one the sessions would create.
   */
  static Configuration hadoop() {
    Configuration c = new Configuration();
    c.set(NioLocalFileSystem.KEY, NioLocalFileSystem.class.getName());
    return c;
  }

  private static String fileSystem(SparkSession spark) {
    try {
      return FileSystem.get(URI.create("file:///"), spark.sparkContext().hadoopConfiguration())
          .getClass().getSimpleName();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static SparkSession session(int cores) {
    String master = "local[" + cores + "]";
    return SparkSessions.local(SparkSession.builder().appName("bench-sweep").master(master)
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false"), master, new SparkConf())
        .getOrCreate();
  }

  private static void stop(SparkSession spark) {
    spark.stop();
    SparkSession.clearActiveSession();
    SparkSession.clearDefaultSession();
  }

  /** The figures of one workload (medians; overheads from the paired runs). */
  public static Result result(Samples m, long instances) {
    double in1 = median(column(m.local1(), 0));
    double sp1 = median(column(m.local1(), 1));
    double in2 = median(column(m.local2(), 0));
    double sp2 = median(column(m.local2(), 1));
    return new Result(m.iterations(), instances, in1, sp1, median(ratios(m.local1())) - 1, in2,
        sp2, median(ratios(m.local2())) - 1, sp1 / sp2, in1 / in2);
  }

  /**
   * Seconds to write an empty DataFrame of the row schema as Parquet with the partition count
   * {@code c} would use: the median of 5 after 2 warm-ups.
   */
  static double emptyWrite(SparkSession spark, SweepConfig c, File dir) {
    int parts = SweepJob.partitions(spark, c, Integer.MAX_VALUE);
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    double[] t = new double[5];
    for (int r = -2; r < t.length; r++) {
      long t0 = System.nanoTime();
      spark.createDataFrame(jsc.parallelize(new ArrayList<Row>(), parts),
          SweepRowSchema.schema(false, false))
          .write().mode(SaveMode.Overwrite).parquet(dir.getAbsolutePath());
      if (r >= 0) {
        t[r] = (System.nanoTime() - t0) / 1e9;
      }
    }
    return median(t);
  }

  private static double[] column(List<double[]> pairs, int k) {
    double[] v = new double[pairs.size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = pairs.get(i)[k];
    }
    return v;
  }

  private static double[] ratios(List<double[]> pairs) {
    double[] v = new double[pairs.size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = pairs.get(i)[1] / pairs.get(i)[0];
    }
    return v;
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

  private static void checkAllOk(SweepSummary summary, int cores) {
    for (EstimatorSummary e : summary.estimators()) {
      if (e.failures() > 0) {
        throw new IllegalStateException("bench sweep: " + e.failures() + " failed rows of "
            + e.estimator() + " on local[" + cores + "]");
      }
    }
  }

  /** The median (mean of the middle two for an even count). */
  public static double median(double[] v) {
    if (v.length == 0) {
      return Double.NaN;
    }
    double[] s = v.clone();
    Arrays.sort(s);
    int n = s.length;
    return n % 2 == 1 ? s[n / 2] : 0.5 * (s[n / 2 - 1] + s[n / 2]);
  }
}
