package dev.iterdiff.spark.hyperopt;

import dev.iterdiff.bilevel.Fold;
import dev.iterdiff.bilevel.FoldResult;
import dev.iterdiff.bilevel.FoldTasks;
import dev.iterdiff.bilevel.HypergradientAggregator;
import dev.iterdiff.bilevel.InnerSpec;
import dev.iterdiff.bilevel.InnerTask;
import dev.iterdiff.bilevel.InnerTasks;
import dev.iterdiff.bilevel.OuterEvaluation;
import dev.iterdiff.bilevel.OuterEvaluator;
import dev.iterdiff.problem.LabeledData;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.util.LongAccumulator;
import org.apache.spark.util.SerializableConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Tuple2;

/**
 * The outer objective and hypergradient evaluated on the cluster, over any {@link InnerTasks}
 * — cross-validation folds ({@link FoldTasks}), meta-learning tasks, data partitions. The
 * tasks object (with its data) is broadcast once; each executor builds an {@link InnerTask}
 * once and reuses it (its workspaces) for every outer step. Each step sends θ with its
 * closure (which Spark broadcasts once per stage as the task binary), maps the
 * warm-start RDD — one (task, x) pair per task, {@link #partitions} partitions — through the
 * inner solves and reduces
 * the {@link FoldResult}s with {@link HypergradientAggregator} (a partial sum per partition,
 * merged on the driver), summed in
 * task order whatever the order the tasks finish in.
 *
 * <p><b>Warm starts</b> live in an RDD keyed by fold (a map over the previous step's cached
 * results, or a persisted copy after a rebase), next to the tasks that use
 * them: between rebases they do not travel through the driver (which matters when the
 * instances are many data sets or p is large), each step's RDD is derived from the previous
 * one, and a lost partition
 * is recomputed from lineage (θ is part of each step's closure, so it is there for that). For
 * {@code --resume} across applications the job also saves them with every checkpoint.
 *
 * <p><b>Bounded lineage.</b> Each step's warm starts derive from the previous step's, so left
 * alone the lineage grows by one map per outer step: a lost partition after step 200 would
 * replay 200 inner solves, and the task closures carry the whole chain (deep enough to
 * overflow the stack). The job {@link #rebase rebases} the warm starts on the copy the tasks
 * wrote to reliable storage ({@link #writeNextWarmStartsTo}) every few checkpoints; without
 * that, after
 * {@value #MAX_LINEAGE_STEPS} steps the evaluator collects the warm starts (one x per fold,
 * folds × p doubles) to the driver and re-parallelizes them, which truncates the lineage while
 * keeping it recomputable.
 *
 * <p><b>The executors' fold cache</b> is keyed by a run id (a UUID per evaluator), so a new run
 * never sees an old run's fold objects; {@link #close} clears the run's entries on the
 * executors with one job over the cached warm-start partitions (scheduled where those blocks
 * are, i.e. where the fold objects were built), and on the driver.
 */
public final class SparkEvaluator implements OuterEvaluator, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(SparkEvaluator.class);

  /** Per executor JVM: the task objects of a run, keyed "runId:task". */
  private static final Map<String, InnerTask> FOLDS = new ConcurrentHashMap<>();

  private final JavaSparkContext jsc;
  private final String runId = UUID.randomUUID().toString();
  private final Broadcast<InnerTasks> tasks;
  private final int taskCount;
  private final int thetaDim;
  private final int partitions;
  /** Outer steps after which warm starts not rebased are re-parallelized from the driver. */
  public static final int MAX_LINEAGE_STEPS = 20;

  private JavaPairRDD<Integer, double[]> warm;
  private JavaRDD<FoldResult> lastResults;
  private int stepsSinceRebase;
  /** Where the next evaluation's tasks write their warm starts, or null. */
  private String warmDir;
  private Broadcast<SerializableConfiguration> hadoop;

  /**
   * The evaluator of K-fold cross validation ({@link FoldTasks}).
   *
   * @param warmStarts the initial warm starts (e.g. from a checkpoint), or null for x = 0.
   */
  public SparkEvaluator(JavaSparkContext jsc, LabeledData cvData, List<Fold> foldList,
      InnerSpec inner, JavaPairRDD<Integer, double[]> warmStarts) {
    this(jsc, new FoldTasks(cvData, foldList, inner), warmStarts);
  }

  /**
   * The evaluator of any inner tasks.
   *
   * @param tasks      the tasks, broadcast once.
   * @param warmStarts the initial warm starts, one (task, x) pair per task (e.g. from a
   *                   checkpoint), or null for x = 0.
   */
  public SparkEvaluator(JavaSparkContext jsc, InnerTasks tasks,
      JavaPairRDD<Integer, double[]> warmStarts) {
    this.jsc = jsc;
    this.tasks = jsc.broadcast(tasks);
    this.taskCount = tasks.count();
    this.thetaDim = tasks.thetaDim();
    this.partitions = Math.max(1, Math.min(taskCount, jsc.defaultParallelism()));
    if (warmStarts == null) {
      List<Tuple2<Integer, double[]>> init = new ArrayList<>();
      for (int k = 0; k < taskCount; k++) {
        init.add(new Tuple2<>(k, new double[tasks.stateDim(k)]));
      }
      warmStarts = jsc.parallelizePairs(init, partitions);
    } else if (warmStarts.getNumPartitions() > partitions) {
      warmStarts = warmStarts.coalesce(partitions);
    }
    this.warm = warmStarts.persist(StorageLevel.MEMORY_AND_DISK());
  }

  /**
   * Partitions of the warm starts, i.e. Spark tasks per outer step: one per core
   * ({@code defaultParallelism}), at most one per inner task. Each Spark task costs a fixed
   * (de)serialization and scheduling overhead, which dominated the inner solves of a small
   * problem (issue 16 §4): five folds on two cores run as two Spark tasks of three and two
   * folds instead of five. The numbers do not depend on it (every fold is solved alone and
   * the sums are taken in fold order).
   */
  public int partitions() {
    return partitions;
  }

  /** The Spark context the evaluator runs on. */
  public JavaSparkContext sparkContext() {
    return jsc;
  }

  @Override
  public int thetaDim() {
    return thetaDim;
  }

  @Override
  public OuterEvaluation evaluate(double[] theta, double innerTolerance) {
    // θ travels in the closure: Spark broadcasts each stage's closure once (the task binary),
    // so a broadcast of its own per step would only add a second one (issue 16 §4)
    double[] th = theta.clone();
    Broadcast<InnerTasks> ts = tasks;
    String id = runId;
    JavaRDD<FoldResult> results = warm.mapPartitions(it -> {
      List<FoldResult> out = new ArrayList<>();
      while (it.hasNext()) {
        Tuple2<Integer, double[]> w = it.next();
        InnerTask fh = FOLDS.computeIfAbsent(id + ":" + w._1(),
            k -> ts.value().task(w._1()));
        synchronized (fh) {
          out.add(fh.evaluate(th, w._2(), innerTolerance));
        }
      }
      return out.iterator();
    }).persist(StorageLevel.MEMORY_AND_DISK());
    int dim = thetaDim;
    String dir = warmDir;
    Broadcast<SerializableConfiguration> conf = hadoop;
    // the warm starts are written here, in the aggregation's job, not in the map above: a
    // later step recomputing a lost results partition from lineage runs the map again but not
    // this function, so an old step's directory is never written again. One partial sum per
    // partition, merged on the driver: the aggregator keeps every fold's numbers to sum them
    // in fold order, so a tree of merges would ship the same bytes, with more Spark closures
    // to clean per step (issue 16 §4: closure cleaning was half the driver's time per step)
    List<HypergradientAggregator> parts = results.mapPartitions(it -> {
      HypergradientAggregator a = new HypergradientAggregator(dim);
      while (it.hasNext()) {
        FoldResult r = it.next();
        if (dir != null) {
          WarmStarts.write(dir, r.fold(), r.x(), conf.value().value());
        }
        a.add(r);
      }
      return List.of(a).iterator();
    }).collect();
    HypergradientAggregator agg = new HypergradientAggregator(dim);
    for (HypergradientAggregator a : parts) {
      agg.merge(a);
    }
    warmDir = null;
    OuterEvaluation total = agg.result();
    if (!finite(total.value()) || !allFinite(total.gradient())) {
      throw nonFinite(results);
    }
    // not persisted: a map over the cached results, whose blocks hold the same x (a block of
    // its own per task and step cost a block-manager put and report, and a removal, per step)
    JavaPairRDD<Integer, double[]> next = results.mapToPair(r -> new Tuple2<>(r.fold(), r.x()));
    warm.unpersist(false);
    if (lastResults != null) {
      lastResults.unpersist(false);
    }
    warm = next;
    lastResults = results;
    if (++stepsSinceRebase >= MAX_LINEAGE_STEPS) {
      rebase(jsc.parallelizePairs(warm.collect(), partitions));
    }
    return total;
  }

  private static boolean finite(double v) {
    return Double.isFinite(v);
  }

  private static boolean allFinite(double[] v) {
    for (double x : v) {
      if (!Double.isFinite(x)) {
        return false;
      }
    }
    return true;
  }

  /** The first fold (in fold order) whose loss or hypergradient is not finite. */
  private static NonFiniteFoldException nonFinite(JavaRDD<FoldResult> results) {
    List<FoldResult> bad = results.filter(r -> !finite(r.value()) || !allFinite(r.gradient()))
        .collect();
    FoldResult first = null;
    for (FoldResult r : bad) {
      if (first == null || r.fold() < first.fold()) {
        first = r;
      }
    }
    if (first == null) {
      return new NonFiniteFoldException(-1, "the sum over folds is not finite");
    }
    return new NonFiniteFoldException(first.fold(), !finite(first.value())
        ? "outer loss is " + first.value() : "hypergradient is not finite: "
        + java.util.Arrays.toString(first.gradient()));
  }

  /**
   * Replaces the warm starts by an equal RDD with a short lineage — e.g. read back from the
   * checkpoint just written ({@link #loadWarmStarts}) — and drops the old chain.
   *
   * @param warmStarts one (fold, x) pair per fold.
   */
  public void rebase(JavaPairRDD<Integer, double[]> warmStarts) {
    JavaPairRDD<Integer, double[]> old = warm;
    warm = warmStarts.persist(StorageLevel.MEMORY_AND_DISK());
    old.unpersist(false);
    if (lastResults != null) {
      lastResults.unpersist(false);
      lastResults = null;
    }
    stepsSinceRebase = 0;
  }

  /** How many RDDs the current warm starts descend from (tests: the lineage stays bounded). */
  int lineageDepth() {
    return depth(warm.rdd());
  }

  private static int depth(org.apache.spark.rdd.RDD<?> rdd) {
    int max = 0;
    scala.collection.Iterator<org.apache.spark.Dependency<?>> it = rdd.dependencies()
        .iterator();
    while (it.hasNext()) {
      max = Math.max(max, depth(it.next().rdd()));
    }
    return 1 + max;
  }

  /**
   * Makes the next {@link #evaluate} write its warm starts (the inner solutions it reaches)
   * under {@code dir}, one file per fold, from inside the evaluation job ({@link
   * WarmStarts#write}): a checkpoint's warm starts without a job of their own. Once: later
   * evaluations write nothing unless called again.
   *
   * @param dir a directory (created by the tasks), or null for none.
   */
  public void writeNextWarmStartsTo(String dir) {
    if (dir != null && hadoop == null) {
      hadoop = jsc.broadcast(new SerializableConfiguration(jsc.hadoopConfiguration()));
    }
    warmDir = dir;
  }

  /** Saves the current warm starts under {@code dir} as JSON lines of (fold, x). */
  public void saveWarmStarts(String dir) {
    warm.map(t -> WarmStarts.line(t._1(), t._2())).saveAsTextFile(dir);
  }

  /**
   * Warm starts saved by {@link #saveWarmStarts}, read back as they were partitioned (one
   * part file per partition, no shuffle): the short-lineage copy for {@link #rebase}.
   */
  public static JavaPairRDD<Integer, double[]> readWarmStarts(JavaSparkContext jsc,
      String dir) {
    return jsc.textFile(dir, 1).mapToPair(line -> WarmStarts.parse(line, dir));
  }

  /** Reads warm starts saved by {@link #saveWarmStarts}, one fold per partition. */
  public static JavaPairRDD<Integer, double[]> loadWarmStarts(JavaSparkContext jsc, String dir,
      int folds) {
    return readWarmStarts(jsc, dir).partitionBy(new org.apache.spark.HashPartitioner(folds));
  }

  /**
   * Reads warm starts saved by {@link #saveWarmStarts} on the driver, checked (every fold once,
   * each x of length {@code cols}), one fold per partition.
   *
   * @throws IllegalArgumentException naming the directory when they do not fit.
   */
  public static JavaPairRDD<Integer, double[]> loadWarmStarts(JavaSparkContext jsc, String dir,
      int folds, int cols) throws java.io.IOException {
    return jsc.parallelizePairs(WarmStarts.read(dir, folds, cols, jsc.hadoopConfiguration()),
        folds);
  }

  /** The current warm starts collected on the driver (tests and final reports). */
  public Map<Integer, double[]> collectWarmStarts() {
    return new java.util.TreeMap<>(warm.collectAsMap());
  }

  /** The fold objects of run {@code id} cached in this JVM (tests). */
  static int cachedFolds(String id) {
    int n = 0;
    for (String k : FOLDS.keySet()) {
      if (k.startsWith(id + ":")) {
        n++;
      }
    }
    return n;
  }

  /** This evaluator's run id, the prefix of its cache keys. */
  String runId() {
    return runId;
  }

  /**
   * Removes this run's fold objects from the executors' caches: one task per warm-start
   * partition, run where the partition is cached.
   *
   * @return how many entries the tasks removed.
   */
  long clearExecutorCaches() {
    String prefix = runId + ":";
    LongAccumulator removed = jsc.sc().longAccumulator("iterdiff fold cache cleared");
    warm.foreachPartition(it -> {
      for (String k : FOLDS.keySet()) {
        if (k.startsWith(prefix) && FOLDS.remove(k) != null) {
          removed.add(1);
        }
      }
    });
    return removed.value();
  }

  @Override
  public void close() {
    try {
      clearExecutorCaches();
    } catch (RuntimeException e) {
      LOG.warn("could not clear the fold cache of run {} on the executors: {}", runId,
          e.toString());
    }
    warm.unpersist(false);
    if (lastResults != null) {
      lastResults.unpersist(false);
    }
    tasks.destroy();
    if (hadoop != null) {
      hadoop.destroy();
    }
    FOLDS.keySet().removeIf(k -> k.startsWith(runId + ":"));
  }
}
