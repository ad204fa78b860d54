package dev.iterdiff.bench;

import dev.iterdiff.spark.NioLocalFileSystem;
import dev.iterdiff.spark.SparkSessions;
import dev.iterdiff.spark.config.SweepConfig;
import dev.iterdiff.spark.sweep.InstancePartitioner;
import dev.iterdiff.spark.sweep.InstanceRunner;
import dev.iterdiff.spark.sweep.LocalSweep;
import dev.iterdiff.spark.sweep.SweepData;
import dev.iterdiff.spark.sweep.SweepInstance;
import dev.iterdiff.spark.sweep.SweepJob;
import dev.iterdiff.spark.sweep.SweepPlan;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * A benchmark harness (no command of its own): where the Spark overhead of
 * the sweep goes. On the {@code bench sweep} workload it times, after warm-up, the plain
 * in-process loop, the same loop on another thread, Spark tasks computing the rows without a
 * DataFrame, the rows as a DataFrame into Spark's {@code noop} sink, and the job's Parquet
 * write (results: BENCHMARKS.md, "Sweep throughput"). Run after {@code mvn package}:
 * <pre>
 * java $(flags of bin/iterdiff) -Dlog4j2.configurationFile=conf/log4j2.properties \
 *     -cp "target/iterdiff-0.1.0-SNAPSHOT.jar:$(cat target/classpath.txt)" \
 *     dev.iterdiff.bench.SweepCostBreakdown INSTANCES ITERATIONS MASTER PARTITIONS
 * </pre>
 * e.g. {@code 10000 20 local[1] 1}. The session is a local-mode session of the jobs
 * ({@link SparkSessions#local}, {@link NioLocalFileSystem}).
 */
public final class SweepCostBreakdown {

  private SweepCostBreakdown() {}

  public static void main(String[] args) throws InterruptedException {
    int n = Integer.parseInt(args[0]);
    int iterations = Integer.parseInt(args[1]);
    String master = args[2];
    int parts = Integer.parseInt(args[3]);
    File out = new File("target/sweep-cost-breakdown");
    SweepConfig c = SweepBenchmark.config(n, iterations, "data-samples/diabetes.libsvm", out);
    SweepPlan plan = SweepPlan.prepare(c, SweepBenchmark.hadoop());
    for (int r = 0; r < 3; r++) {
      long t0 = System.nanoTime();
      LocalSweep.run(plan);
      System.out.printf("in-process loop     %.3f s%n", (System.nanoTime() - t0) / 1e9);
    }
    for (int r = 0; r < 2; r++) {
      long t0 = System.nanoTime();
      Thread t = new Thread(() -> LocalSweep.run(plan));
      t.start();
      t.join();
      System.out.printf("other thread        %.3f s%n", (System.nanoTime() - t0) / 1e9);
    }
    SparkSession spark = SparkSessions.local(SparkSession.builder().master(master)
        .config("spark.ui.enabled", "false").config("spark.ui.showConsoleProgress", "false"),
        master, new org.apache.spark.SparkConf()).getOrCreate();
    try {
      JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
      Broadcast<List<SweepData>> data = jsc.broadcast(new ArrayList<>(plan.data()));
      List<List<SweepInstance>> buckets = InstancePartitioner.balance(plan.instances(), parts);
      for (int r = 0; r < 4; r++) {
        long t0 = System.nanoTime();
        long rows = jsc.parallelize(buckets, buckets.size()).map(b -> {
          InstanceRunner runner = new InstanceRunner(c, data.value());
          long k = 0;
          for (SweepInstance s : b) {
            k += runner.run(s).size();
          }
          return k;
        }).reduce(Long::sum);
        double compute = (System.nanoTime() - t0) / 1e9;
        t0 = System.nanoTime();
        SweepJob.rows(spark, c, data, buckets).write().mode(SaveMode.Overwrite).format("noop")
            .save();
        double noop = (System.nanoTime() - t0) / 1e9;
        t0 = System.nanoTime();
        SweepJob.rows(spark, c, data, buckets).write().mode(SaveMode.Overwrite)
            .parquet(new File(out, "results").getAbsolutePath());
        double parquet = (System.nanoTime() - t0) / 1e9;
        System.out.printf("%s, %d partitions, %d rows: RDD compute %.3f s, DataFrame to noop "
            + "%.3f s, Parquet write %.3f s%s%n", master, parts, rows, compute, noop, parquet,
            r == 0 ? " (warm-up)" : "");
      }
    } finally {
      spark.stop();
    }
  }
}
