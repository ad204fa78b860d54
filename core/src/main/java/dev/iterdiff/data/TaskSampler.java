package dev.iterdiff.data;

import dev.iterdiff.problem.LabeledData;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * N-way K-shot tasks for meta-learning (Vinyals et al. 2016; Finn et al. 2017; iMAML,
 * Rajeswaran et al. 2019): from a pool of classes of a labelled data set, a task draws N
 * distinct classes and, for each, K support and Q query samples without replacement — the
 * support and query sets of a task never share a sample. The task's labels are renumbered
 * 0…N−1 in the order its classes were drawn, so a softmax over N classes fits every task and a
 * prior mean θ (p×N) is shared across tasks.
 *
 * <p>The classes are split once into meta-train and meta-test pools ({@link #split}, seeded);
 * a sampler draws only from the pool it was given, so tasks of the two splits never mix. A
 * task is a function of its seed alone ({@link #sample(long)}: a {@link SplittableRandom} of
 * that seed; {@link #taskSeed} derives the seeds of a meta-batch from a run seed), so the
 * executors of a Spark job rebuild the same tasks in any order. The sampler is immutable and
 * may be shared by threads.
 */
public final class TaskSampler {

  /** The classes of a meta-train / meta-test split, each ascending, disjoint. */
  public record MetaSplit(int[] metaTrain, int[] metaTest) {}

  /**
   * One task: the drawn classes (task label k is data label {@code classes[k]}), the support
   * (N·K rows) and query (N·Q rows) sets, class by class, and their row indices in the data.
   */
  public record Task(int[] classes, LabeledData support, LabeledData query, int[] supportRows,
      int[] queryRows) {}

  private final LabeledData data;
  private final int[] pool;
  private final int[][] members;
  private final int ways;
  private final int shots;
  private final int queries;

  /**
   * @param data    the samples; labels are the classes (integers).
   * @param pool    the classes tasks are drawn from (e.g. {@link MetaSplit#metaTrain()}).
   * @param ways    N, 2 ≤ N ≤ the pool's size.
   * @param shots   K ≥ 1 support samples per class.
   * @param queries Q ≥ 1 query samples per class.
   * @throws IllegalArgumentException naming the value: N, K or Q out of range, a class of the
   *         pool absent from the data or with fewer than K + Q samples.
   */
  public TaskSampler(LabeledData data, int[] pool, int ways, int shots, int queries) {
    if (ways < 2 || shots < 1 || queries < 1) {
      throw new IllegalArgumentException("task sampler: " + ways + "-way " + shots + "-shot, "
          + queries + " queries per class (need N >= 2, K >= 1, Q >= 1)");
    }
    if (ways > pool.length) {
      throw new IllegalArgumentException("task sampler: " + ways + "-way tasks need " + ways
          + " classes, the pool has " + pool.length + " " + Arrays.toString(pool));
    }
    this.data = data;
    this.pool = pool.clone();
    this.members = new int[pool.length][];
    int[] labels = integerLabels(data);
    for (int c = 0; c < pool.length; c++) {
      members[c] = IdxSubset.indicesOf(labels, pool[c]);
      if (members[c].length < shots + queries) {
        throw new IllegalArgumentException("task sampler: class " + pool[c] + " has "
            + members[c].length + " samples in " + data.source() + ", fewer than " + shots
            + " shots + " + queries + " queries = " + (shots + queries));
      }
    }
    this.ways = ways;
    this.shots = shots;
    this.queries = queries;
  }

  /**
   * Splits the classes present in {@code data} into {@code metaTrainClasses} meta-train
   * classes and the rest, by a seeded shuffle.
   *
   * @throws IllegalArgumentException unless 1 ≤ metaTrainClasses &lt; the number of classes.
   */
  public static MetaSplit split(LabeledData data, int metaTrainClasses, long seed) {
    int[] classes = Arrays.stream(integerLabels(data)).distinct().sorted().toArray();
    if (metaTrainClasses < 1 || metaTrainClasses >= classes.length) {
      throw new IllegalArgumentException("meta-train classes: " + metaTrainClasses + " of the "
          + classes.length + " classes of " + data.source() + " (must be 1.." + (classes.length
          - 1) + ", leaving meta-test classes)");
    }
    shuffle(classes, classes.length, new SplittableRandom(seed));
    int[] train = Arrays.copyOf(classes, metaTrainClasses);
    int[] test = Arrays.copyOfRange(classes, metaTrainClasses, classes.length);
    Arrays.sort(train);
    Arrays.sort(test);
    return new MetaSplit(train, test);
  }

  /** The seed of task {@code index} of a run: a SplitMix64 mix of both, distinct per index. */
  public static long taskSeed(long runSeed, long index) {
    long z = runSeed + (index + 1) * 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** The task of a seed: N classes of the pool, K support and Q query samples of each. */
  public Task sample(long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    int[] order = new int[pool.length];
    for (int c = 0; c < order.length; c++) {
      order[c] = c;
    }
    shuffle(order, ways, rng);
    int[] classes = new int[ways];
    int[] supportRows = new int[ways * shots];
    int[] queryRows = new int[ways * queries];
    for (int k = 0; k < ways; k++) {
      classes[k] = pool[order[k]];
      int[] rows = members[order[k]].clone();
      shuffle(rows, shots + queries, rng);
      System.arraycopy(rows, 0, supportRows, k * shots, shots);
      System.arraycopy(rows, shots, queryRows, k * queries, queries);
    }
    String name = data.source() + " task " + Long.toHexString(seed);
    return new Task(classes, gather(supportRows, shots, name + " support"),
        gather(queryRows, queries, name + " query"), supportRows, queryRows);
  }

  /** Rows of the data, the k-th block of {@code perClass} rows labelled k. */
  private LabeledData gather(int[] rows, int perClass, String source) {
    int n = rows.length;
    int p = data.cols();
    double[] a = new double[n * p];
    double[] labels = new double[n];
    for (int j = 0; j < p; j++) {
      for (int i = 0; i < n; i++) {
        a[i + j * n] = data.a()[rows[i] + j * data.rows()];
      }
    }
    for (int i = 0; i < n; i++) {
      labels[i] = i / perClass;
    }
    return new LabeledData(a, n, p, labels, source);
  }

  /** Partial Fisher–Yates: the first {@code count} entries become a uniform draw. */
  private static void shuffle(int[] v, int count, SplittableRandom rng) {
    for (int i = 0; i < count; i++) {
      int j = i + rng.nextInt(v.length - i);
      int t = v[i];
      v[i] = v[j];
      v[j] = t;
    }
  }

  private static int[] integerLabels(LabeledData data) {
    int[] out = new int[data.rows()];
    for (int i = 0; i < out.length; i++) {
      double y = data.labels()[i];
      if (y != Math.rint(y) || Math.abs(y) > Integer.MAX_VALUE) {
        throw new IllegalArgumentException(data.source() + ": label of row " + (i + 1) + " is "
            + y + " (task sampling needs integer class labels)");
      }
      out[i] = (int) y;
    }
    return out;
  }
}
