package dev.iterdiff.spark.sweep;

import dev.iterdiff.report.Reports;
import dev.iterdiff.spark.OutputPaths;
import dev.iterdiff.spark.config.SweepConfig;
import dev.iterdiff.spark.config.JobConfigException;
import dev.iterdiff.spark.config.ThetaSpec;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * The sweep job: the driver specifies the instances ({@link SweepPlan}, {@link InstanceSpace}:
 * grid or random specs, never a list), the data and the spec are broadcast once, the id
 * space is cut into ranges of equal estimated cost ({@link RangePartitioner}), each
 * partition generates and runs its instances with one
 * {@link InstanceRunner} (workspaces reused across the partition), and one row per
 * (instance, estimator) is written as Parquet through Spark's file committer into the run's
 * own attempt directory. The per-estimator summary is then aggregated from the written
 * Parquet, and both are published together as {@code <output>/results} and
 * {@code <output>/summary.json} only once complete ({@link SweepAttempt}: one writer per
 * output, the previous result replaced by renames at the end, never deleted up front). Rows
 * do not depend on the partitioning.
 */
public final class SweepJob {

  /** Subdirectory of the output path holding the Parquet rows. */
  public static final String RESULTS = "results";
  /** File beside it holding the summary. */
  public static final String SUMMARY = "summary.json";

  /**
   * Where the job wrote, its summary and where the time went.
   *
   * @param resultsPath     the Parquet directory.
   * @param summaryPath     summary.json.
   * @param summary         the per-estimator summary.
   * @param prepareSeconds  reading data and building instances on the driver.
   * @param rowsSeconds     the Spark job computing and writing the rows (commit included).
   * @param summarySeconds  aggregating the summary from the written rows.
   * @param runId           the run id in summary.json and results/_RUN_ID.
   */
  public record Result(String resultsPath, String summaryPath, SweepSummary summary,
      double prepareSeconds, double rowsSeconds, double summarySeconds, String runId) {}

  private SweepJob() {}

  /**
   * Runs a sweep end to end.
   *
   * @param log where the progress lines and the summary table go (e.g. System.out).
   * @throws IllegalArgumentException for bad data or instances (before any Spark job), an
   *         output that is not writable, or an existing output without
   *         {@code output.overwrite}.
   * @throws dev.iterdiff.spark.OutputBusyException if another job writes to the output.
   */
  public static Result run(SparkSession spark, SweepConfig config, PrintWriter log) {
    long start = System.nanoTime();
    Configuration hadoop = spark.sparkContext().hadoopConfiguration();
    Path out = new Path(OutputPaths.qualified(config.output().path(), hadoop));
    Path results = new Path(out, RESULTS);
    Path summaryPath = new Path(out, SUMMARY);
    FileSystem fs;
    try {
      fs = out.getFileSystem(hadoop);
    } catch (IOException e) {
      throw new UncheckedIOException("sweep output " + out + ": " + e.getMessage(), e);
    }
    try (SweepAttempt attempt = SweepAttempt.start(fs, out, config.output().overwrite())) {
      boolean fromFile = config.theta().mode() == ThetaSpec.Mode.FILE;
      List<SweepData> dataSets = SweepPlan.readData(config, hadoop, spark);
      InstanceSpace space = null;
      InstanceFileSource file = null;
      long instances;
      if (fromFile) {
        file = InstanceFileSource.scan(spark, config, dataSets);
        instances = file.size() * InstanceSpace.budgets(config).length;
      } else {
        space = config.problem().entry().source() != null
            ? InstanceSpace.ownData(config, null) : InstanceSpace.of(config, dataSets, null);
        instances = space.size();
      }
      InstanceKernel.checkFits(config, dataSets, space);
      long prepared = System.nanoTime();
      int parts = partitions(spark, config, instances);
      List<InstanceRange> ranges = fromFile ? null : RangePartitioner.split(space, parts);
      long[] sizes = fromFile ? evenly(instances, parts)
          : ranges.stream().mapToLong(InstanceRange::size).toArray();
      org.apache.spark.util.LongAccumulator counter =
          spark.sparkContext().longAccumulator("iterdiff sweep instances");
      SweepProgressListener progress = new SweepProgressListener(
          dev.iterdiff.spark.ProgressLine.stderr("sweep", "instances", instances),
          sizes, counter.id(), true);
      spark.sparkContext().addSparkListener(progress);
      JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
      Broadcast<List<SweepData>> data = jsc.broadcast(new ArrayList<>(dataSets));
      Broadcast<InstanceSpace> spaceCast = fromFile ? null : jsc.broadcast(space);
      Broadcast<InstanceFilePlan> fileCast = fromFile ? file.broadcast(spark) : null;
      // the run's jobs in a group of their own, so a failed or cancelled run can wait for its
      // tasks (cancelled tasks keep writing into the attempt directory until they stop)
      spark.sparkContext().setJobGroup(attempt.runId(), "iterdiff sweep " + attempt.runId(),
          true);
      try {
        Dataset<Row> rows = fromFile
            ? rows(spark, config, data, withBudgets(file.instances(spark, fileCast, parts),
                config), counter)
            : rows(spark, config, data, spaceCast, ranges, counter);
        rows.write()
            .mode(SaveMode.ErrorIfExists)
            .options(SweepRowSchema.parquetOptions(config.output().x(),
                config.output().jacobian()))
            .parquet(attempt.results().toString());
      } catch (RuntimeException e) {
        if (!awaitTasks(spark, attempt.runId(), TASK_WAIT_SECONDS)) {
          log.println("warning: run " + attempt.runId() + " failed and some of its tasks still"
              + " ran after " + TASK_WAIT_SECONDS + " s; files they write under "
              + attempt.results().getParent() + " are deleted by the next run of this output");
          log.flush();
        }
        throw e;
      } finally {
        spark.sparkContext().clearJobGroup();
        spark.sparkContext().removeSparkListener(progress);
        progress.close();
        release(data);
        release(spaceCast);
        release(fileCast);
      }
      long written = System.nanoTime();
      SummaryQuantiles q = quantiles(config, instances);
      SweepSummary summary = summarize(spark.read().parquet(attempt.results().toString()),
          config, instances, (System.nanoTime() - start) / 1e9, q);
      SweepSummary.Context context = context(spark.read().parquet(
          attempt.results().toString()), config, q);
      attempt.publish(summary.json(attempt.runId(), context), config.output().overwrite());
      log.print(summary.table());
      log.print(IterationSummary.table(context.byIterations(), config.estimators()));
      log.println("run: " + attempt.runId() + "\nrows: " + results + "\nsummary: "
          + summaryPath);
      report(spark, out.toString(), config.output().report(), log);
      log.flush();
      return new Result(results.toString(), summaryPath.toString(), summary,
          (prepared - start) / 1e9, (written - prepared) / 1e9,
          (System.nanoTime() - written) / 1e9, attempt.runId());
    } catch (IOException e) {
      throw new UncheckedIOException("sweep output " + out + ": " + e.getMessage(), e);
    }
  }

  /**
   * Destroys a broadcast of the run (null: none) and waits until every block manager has
   * dropped its blocks ({@code destroy(blocking = true)}: Spark's Java-visible form of what
   * {@code Broadcast.destroy()} does asynchronously), so that when the job returns none of its
   * broadcasts is left in the driver's or an executor's memory — whatever the ContextCleaner
   * would do at some later garbage collection. In local mode this is one call into the driver's
   * own block manager.
   */
  static void release(Broadcast<?> b) {
    if (b != null) {
      b.destroy(true);
    }
  }

  /**
   * Writes {@code report.html} beside the published rows ({@link Reports}), or, when not
   * asked to, deletes the one a previous run left (it would describe other rows). The rows and
   * the summary are already complete, so a report that cannot be written is a warning (and no
   * stale page is left), not a failed run.
   */
  static void report(SparkSession spark, String output, boolean write, PrintWriter log) {
    Path page = new Path(output, Reports.FILE);
    try {
      if (write) {
        log.println("report: " + Reports.write(spark, output, "sweep"));
        return;
      }
      page.getFileSystem(spark.sparkContext().hadoopConfiguration()).delete(page, false);
    } catch (IOException | RuntimeException e) {
      log.println("warning: " + Reports.FILE + " not written under " + output + ": "
          + e.getMessage());
      try {
        page.getFileSystem(spark.sparkContext().hadoopConfiguration()).delete(page, false);
      } catch (IOException ignored) {
        // the warning above already says the page is not this run's
      }
    }
  }

  /** How long a failed run waits for its cancelled tasks before it releases the output. */
  static final int TASK_WAIT_SECONDS = 60;

  /**
   * Waits (at most {@code seconds}) until no task runs on any executor: a failed or cancelled
   * job returns before its killed tasks have stopped (a killed task stops at its next instance,
   * or when its current write ends), and a task still running would write into the attempt
   * directory after the lock is released and the next run has cleared it. The count is the
   * task scheduler's own ({@link #runningTasks}), not the status tracker's: that one is fed by
   * listener events on their own thread and written to its store at most every 100 ms
   * ({@code spark.ui.liveUpdate.period}), so just after a task starts it can still say no task
   * runs (the cause of a flaky {@code SweepPublishTest} in CI). {@code group} names the run's
   * jobs in the log only.
   *
   * @return whether no task runs any more (false: the wait timed out or was interrupted).
   */
  static boolean awaitTasks(SparkSession spark, String group, int seconds) {
    long deadline = System.nanoTime() + seconds * 1_000_000_000L;
    while (runningTasks(spark.sparkContext()) > 0) {
      if (System.nanoTime() >= deadline) {
        return false;
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return true;
  }

  /**
   * Tasks the task scheduler has launched and not yet heard end, over all executors. The
   * count rises when a task is handed to an executor (before any listener hears of it) and
   * drops when the executor reports the task finished, failed or killed, which it does after
   * the task's own clean-up (a write's abort) has run. Falls back to the status tracker for a
   * scheduler other than Spark's own.
   */
  static int runningTasks(org.apache.spark.SparkContext sc) {
    int running = 0;
    if (sc.taskScheduler() instanceof org.apache.spark.scheduler.TaskSchedulerImpl scheduler) {
      scala.collection.Iterator<Object> counts = scheduler.runningTasksByExecutors().values()
          .iterator();
      while (counts.hasNext()) {
        running += ((Number) counts.next()).intValue();
      }
      return running;
    }
    for (org.apache.spark.SparkExecutorInfo e : sc.statusTracker().getExecutorInfos()) {
      running += e.numRunningTasks();
    }
    return running;
  }

  /**
   * Partitions to use: the configured count, or Spark's default parallelism (one
   * cost-balanced partition per core, {@link InstancePartitioner}); at most the instance count.
   * One per core because each partition is a task with a fixed cost (deserializing the write
   * job's Hadoop configuration, opening and committing one Parquet file: ~25–40 ms here),
   * and the cost-balanced split already evens the load; measured on 10⁴ instances, local[2]:
   * Spark's overhead over the same buckets on plain threads fell from +30 % to +21 % (100 GD
   * iterations) and from +20 % to +9 % (200) going from 2 to 1 partition per core
   * (BENCHMARKS.md). A sweep whose costs the estimate misjudges badly (instances that stop
   * early, or Newton runs of very different lengths) can set {@code partitions} higher to let
   * free cores take the remaining partitions.
   */
  public static int partitions(SparkSession spark, SweepConfig config, long instances) {
    int p = config.partitions() > 0 ? config.partitions()
        : spark.sparkContext().defaultParallelism();
    return (int) Math.max(1, Math.min(p, instances));
  }

  /**
   * The rows as a DataFrame (lazy), one partition per id range: each task generates its
   * instances from the broadcast {@link InstanceSpace} and runs them with one
   * {@link InstanceRunner}. The driver ships only the ranges.
   */
  public static Dataset<Row> rows(SparkSession spark, SweepConfig c,
      Broadcast<List<SweepData>> data, Broadcast<InstanceSpace> space,
      List<InstanceRange> ranges) {
    return rows(spark, c, data, space, ranges, null);
  }

  /**
   * The same, each task adding 1 to {@code counter} per instance run (the live progress of
   * {@link SweepProgressListener}); null for no counter.
   */
  public static Dataset<Row> rows(SparkSession spark, SweepConfig c,
      Broadcast<List<SweepData>> data, Broadcast<InstanceSpace> space,
      List<InstanceRange> ranges, org.apache.spark.util.LongAccumulator counter) {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    JavaRDD<Row> rows = jsc.parallelize(ranges, ranges.size())
        .mapPartitions(new RangeRunner(c, data, space, counter));
    return spark.createDataFrame(rows,
        SweepRowSchema.schema(c.output().x(), c.output().jacobian()));
  }

  /**
   * The rows as a DataFrame (lazy) from instances the executors generated themselves (an
   * instance file's lines, {@link InstanceFileSource}).
   */
  public static Dataset<Row> rows(SparkSession spark, SweepConfig c,
      Broadcast<List<SweepData>> data, JavaRDD<SweepInstance> instances) {
    return rows(spark, c, data, instances, null);
  }

  /** The same, each task adding 1 to {@code counter} per instance run; null for none. */
  public static Dataset<Row> rows(SparkSession spark, SweepConfig c,
      Broadcast<List<SweepData>> data, JavaRDD<SweepInstance> instances,
      org.apache.spark.util.LongAccumulator counter) {
    JavaRDD<Row> rows = instances.mapPartitions(new InstanceStreamRunner(c, data, counter));
    return spark.createDataFrame(rows,
        SweepRowSchema.schema(c.output().x(), c.output().jacobian()));
  }

  /**
   * An instance file's θ instances, each once per iteration budget when the iteration count
   * is a sweep axis: θ id t with budget j becomes id t·K + j, as {@link InstanceSpace} numbers
   * them; unchanged otherwise.
   */
  static JavaRDD<SweepInstance> withBudgets(JavaRDD<SweepInstance> instances, SweepConfig c) {
    if (!c.sweepsIterations()) {
      return instances;
    }
    int[] budgets = InstanceSpace.budgets(c);
    return instances.flatMap(s -> {
      List<SweepInstance> out = new ArrayList<>(budgets.length);
      for (int j = 0; j < budgets.length; j++) {
        SweepInstance b = s.withBudget(s.id() * budgets.length + j, budgets[j], s.cost());
        out.add(j == 0 || b.theta() == null ? b : new SweepInstance(b.id(), b.data(),
            b.theta().clone(), b.cost(), b.origin(), b.source(), b.error(), b.iterations()));
      }
      return out.iterator();
    });
  }

  /** {@code total} split into {@code parts} nearly equal counts (progress estimates). */
  static long[] evenly(long total, int parts) {
    long[] out = new long[parts];
    for (int i = 0; i < parts; i++) {
      out[i] = total / parts + (i < total % parts ? 1 : 0);
    }
    return out;
  }

  /** Runs a partition's stream of instances with one runner. */
  static final class InstanceStreamRunner implements FlatMapFunction<Iterator<SweepInstance>,
      Row> {
    private final PartitionRunner runner;

    InstanceStreamRunner(SweepConfig config, Broadcast<List<SweepData>> data,
        org.apache.spark.util.LongAccumulator counter) {
      this.runner = new PartitionRunner(config, data, counter);
    }

    @Override
    public Iterator<Row> call(Iterator<SweepInstance> instances) {
      return runner.call(new Iterator<>() {
        @Override
        public boolean hasNext() {
          return instances.hasNext();
        }

        @Override
        public List<SweepInstance> next() {
          return List.of(instances.next());
        }
      });
    }
  }

  /** Generates and runs the instances of one partition's ranges. */
  static final class RangeRunner implements FlatMapFunction<Iterator<InstanceRange>, Row> {
    private final PartitionRunner runner;
    private final Broadcast<InstanceSpace> space;

    RangeRunner(SweepConfig config, Broadcast<List<SweepData>> data,
        Broadcast<InstanceSpace> space, org.apache.spark.util.LongAccumulator counter) {
      this.runner = new PartitionRunner(config, data, counter);
      this.space = space;
    }

    @Override
    public Iterator<Row> call(Iterator<InstanceRange> ranges) {
      InstanceSpace s = space.value();
      Iterator<List<SweepInstance>> chunks = new Iterator<>() {
        private Iterator<SweepInstance> current = java.util.Collections.emptyIterator();

        @Override
        public boolean hasNext() {
          while (!current.hasNext() && ranges.hasNext()) {
            InstanceRange r = ranges.next();
            current = s.instances(r.first(), r.end());
          }
          return current.hasNext();
        }

        @Override
        public List<SweepInstance> next() {
          if (!hasNext()) {
            throw new java.util.NoSuchElementException();
          }
          return List.of(current.next());
        }
      };
      return runner.call(chunks);
    }
  }

  /**
   * The rows as a DataFrame (lazy), one partition per bucket, each partition one
   * {@link InstanceRunner} over the broadcast data.
   */
  public static Dataset<Row> rows(SparkSession spark, SweepConfig c,
      Broadcast<List<SweepData>> data, List<List<SweepInstance>> buckets) {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    JavaRDD<Row> rows = jsc.parallelize(buckets, buckets.size())
        .mapPartitions(new PartitionRunner(c, data));
    return spark.createDataFrame(rows,
        SweepRowSchema.schema(c.output().x(), c.output().jacobian()));
  }

  /** Runs the instances of one partition with one runner. */
  static final class PartitionRunner implements FlatMapFunction<Iterator<List<SweepInstance>>,
      Row> {
    private final SweepConfig config;
    private final Broadcast<List<SweepData>> data;
    private final org.apache.spark.util.LongAccumulator counter;

    PartitionRunner(SweepConfig config, Broadcast<List<SweepData>> data) {
      this(config, data, null);
    }

    PartitionRunner(SweepConfig config, Broadcast<List<SweepData>> data,
        org.apache.spark.util.LongAccumulator counter) {
      this.config = config;
      this.data = data;
      this.counter = counter;
    }

    /** Rows are produced lazily, instance by instance, as Spark consumes them. */
    @Override
    public Iterator<Row> call(Iterator<List<SweepInstance>> buckets) {
      InstanceRunner runner = new InstanceRunner(config, data.value());
      boolean x = config.output().x();
      boolean j = config.output().jacobian();
      Iterator<SweepInstance> flat = new Iterator<>() {
        private Iterator<SweepInstance> current = java.util.Collections.emptyIterator();

        @Override
        public boolean hasNext() {
          while (!current.hasNext() && buckets.hasNext()) {
            current = buckets.next().iterator();
          }
          return current.hasNext();
        }

        @Override
        public SweepInstance next() {
          if (!hasNext()) {
            throw new java.util.NoSuchElementException();
          }
          return current.next();
        }
      };
      // the budgets of one θ (neighbours) share one solve
      Iterator<List<SweepInstance>> groups = InstanceRunner.groups(flat, config);
      return new Iterator<>() {
        private Iterator<SweepRow> rows = java.util.Collections.emptyIterator();

        @Override
        public boolean hasNext() {
          while (!rows.hasNext()) {
            if (!groups.hasNext()) {
              return false;
            }
            // a cancelled job's tasks stop at the next instance, not at the partition's end
            // (a task killed mid-partition would go on writing into its attempt directory)
            org.apache.spark.TaskContext task = org.apache.spark.TaskContext.get();
            if (task != null) {
              task.killTaskIfInterrupted();
            }
            List<SweepInstance> group = groups.next();
            rows = runner.run(group).iterator();
            if (counter != null) {
              counter.add(group.size());
            }
          }
          return true;
        }

        @Override
        public Row next() {
          if (!hasNext()) {
            throw new java.util.NoSuchElementException();
          }
          return SweepRowSchema.toRow(rows.next(), x, j);
        }
      };
    }
  }

  /**
   * What summary.json says about the run beyond the medians: the version, the config, the
   * solve time's quantiles over the instances (ok rows, one solve per instance), and per
   * estimator the 10th and 90th percentiles of the error and the cost ratio, computed exactly
   * (Spark SQL's {@code percentile}).
   */
  public static SweepSummary.Context context(Dataset<Row> rows, SweepConfig config) {
    return context(rows, config, SummaryQuantiles.EXACT);
  }

  /** The same with the quantiles computed by {@code q} ({@link #quantiles}). */
  public static SweepSummary.Context context(Dataset<Row> rows, SweepConfig config,
      SummaryQuantiles q) {
    Dataset<Row> ok = rows.where(col("status").equalTo(lit(SweepRow.OK)));
    Row solve = ok.groupBy("instance_id").agg(expr("min(solve_seconds)").as("s"))
        .agg(expr(q.sql("s", "array(0.1, 0.5, 0.9)"))).first();
    double[] sq = {Double.NaN, Double.NaN, Double.NaN};
    if (!solve.isNullAt(0)) {
      List<Object> v = solve.getList(0);
      for (int i = 0; i < 3; i++) {
        sq[i] = ((Number) v.get(i)).doubleValue();
      }
    }
    Map<String, double[]> err = new HashMap<>();
    Map<String, double[]> cost = new HashMap<>();
    for (Row r : ok.groupBy("estimator").agg(
        expr(q.sql("jacobian_error", "array(0.1, 0.9)")),
        expr(q.sql("CASE WHEN solve_seconds > 0 THEN diff_seconds / solve_seconds END",
            "array(0.1, 0.9)"))).collectAsList()) {
      err.put(r.getString(0), pair(r, 1));
      cost.put(r.getString(0), pair(r, 2));
    }
    return new SweepSummary.Context(dev.iterdiff.spark.BuildInfo.version(), config, sq, err,
        cost, IterationSummary.of(rows, config, q));
  }

  /**
   * How the summary of a sweep with {@code instances} instances computes its quantiles: exact
   * up to {@code sweep.summary.exact-quantiles-max-rows} result rows (instances ×
   * estimators), approximate above ({@link SummaryQuantiles}).
   */
  public static SummaryQuantiles quantiles(SweepConfig config, long instances) {
    int k = config.estimators().size();
    long rows = instances > Long.MAX_VALUE / k ? Long.MAX_VALUE : instances * k;
    return SummaryQuantiles.forRows(rows, config.summary().exactQuantilesMaxRows(),
        config.summary().quantileAccuracy());
  }

  private static double[] pair(Row r, int i) {
    if (r.isNullAt(i)) {
      return new double[] {Double.NaN, Double.NaN};
    }
    List<Object> q = r.getList(i);
    return new double[] {((Number) q.get(0)).doubleValue(), ((Number) q.get(1)).doubleValue()};
  }

  /** The per-estimator summary aggregated by Spark from the rows (exact medians). */
  public static SweepSummary summarize(Dataset<Row> rows, SweepConfig config, long instances,
      double seconds) {
    return summarize(rows, config, instances, seconds, SummaryQuantiles.EXACT);
  }

  /** The same with the medians computed by {@code q} ({@link #quantiles}). */
  public static SweepSummary summarize(Dataset<Row> rows, SweepConfig config, long instances,
      double seconds, SummaryQuantiles q) {
    Dataset<Row> ok = rows.withColumn("ok", col("status").equalTo(lit(SweepRow.OK)));
    List<Row> agg = ok.groupBy("estimator").agg(count(lit(1)).as("rows"),
        sum(when(col("ok"), 0).otherwise(1)).as("failures"),
        expr(q.sql("CASE WHEN ok THEN jacobian_error END", "0.5")).as("error"),
        expr(q.sql("CASE WHEN ok AND solve_seconds > 0 THEN diff_seconds / solve_seconds END",
            "0.5")).as("ratio"),
        expr(q.sql("CASE WHEN ok THEN solve_seconds END", "0.5")).as("solve"))
        .collectAsList();
    Map<String, EstimatorSummary> byName = new HashMap<>();
    for (Row r : agg) {
      byName.put(r.getString(0), new EstimatorSummary(r.getString(0), r.getLong(1),
          r.getLong(2), r.isNullAt(3) ? Double.NaN : r.getDouble(3),
          r.isNullAt(4) ? Double.NaN : r.getDouble(4),
          r.isNullAt(5) ? Double.NaN : r.getDouble(5)));
    }
    List<EstimatorSummary> ordered = new ArrayList<>();
    for (String e : config.estimators()) {
      ordered.add(byName.getOrDefault(e, new EstimatorSummary(e, 0, 0, Double.NaN, Double.NaN,
          Double.NaN)));
    }
    return new SweepSummary(config.name(), instances, seconds, ordered, q);
  }
}
