package dev.iterdiff.spark.sweep;

import dev.iterdiff.bilevel.KFold;
import dev.iterdiff.linalg.CsrMatrix;
import dev.iterdiff.problem.LabeledData;
import java.io.Serializable;
import java.util.SplittableRandom;

/**
 * One data set of a sweep as it is broadcast: the rows the inner problem sees (train) and,
 * when an outer objective is set, the held-out validation rows. Plain arrays (and the
 * compressed rows of sparse data, kept sparse), so it serializes without the core's records; {@link #train()} and {@link #validation()} rebuild
 * (once per executor) the core's {@link LabeledData}.
 */
public final class SweepData implements Serializable {

  private static final long serialVersionUID = 1L;

  private final String name;
  private final double[][] parts; // {trainA, trainLabels, valA, valLabels}
  private final CsrMatrix[] sparse; // {train, validation} for sparse data, else nulls
  private final int cols;
  private final int trainRows;
  private final int validationRows;
  private final String source;
  private transient LabeledData train;
  private transient LabeledData validation;

  private SweepData(String name, String source, double[] trainA, double[] trainLabels,
      int trainRows, double[] valA, double[] valLabels, int validationRows, int cols) {
    this.name = name;
    this.source = source;
    this.parts = new double[][] {trainA, trainLabels, valA, valLabels};
    this.sparse = new CsrMatrix[2];
    this.cols = cols;
    this.trainRows = trainRows;
    this.validationRows = validationRows;
  }

  /** All rows for the inner problem, no validation split. */
  public static SweepData whole(String name, LabeledData d) {
    if (d.isSparse()) {
      SweepData s = new SweepData(name, d.source(), null, d.labels(), d.rows(), null, null, 0,
          d.cols());
      s.sparse[0] = d.sparse();
      return s;
    }
    return new SweepData(name, d.source(), d.a(), d.labels(), d.rows(), null, null, 0, d.cols());
  }

  /**
   * Holds out ⌈fraction·N⌉ rows (at least 1, at most N − 1) chosen by a Fisher–Yates
   * shuffle seeded with {@code seed}; row order is kept within each part.
   *
   * @throws IllegalArgumentException if the data set has fewer than 2 rows.
   */
  public static SweepData split(String name, LabeledData d, double fraction, long seed) {
    int n = d.rows();
    if (n < 2) {
      throw new IllegalArgumentException(d.source() + ": " + n
          + " row(s), cannot hold out a validation split");
    }
    int v = Math.min(n - 1, Math.max(1, (int) Math.ceil(fraction * n)));
    int[] perm = new int[n];
    for (int i = 0; i < n; i++) {
      perm[i] = i;
    }
    SplittableRandom rng = new SplittableRandom(seed);
    for (int i = n - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      int t = perm[i];
      perm[i] = perm[j];
      perm[j] = t;
    }
    boolean[] held = new boolean[n];
    for (int i = 0; i < v; i++) {
      held[perm[i]] = true;
    }
    int p = d.cols();
    if (d.isSparse()) {
      int[] keep = new int[n - v];
      int[] hold = new int[v];
      int k = 0;
      int h = 0;
      for (int i = 0; i < n; i++) {
        if (held[i]) {
          hold[h++] = i;
        } else {
          keep[k++] = i;
        }
      }
      LabeledData t = KFold.subset(d, keep, d.source());
      LabeledData w = KFold.subset(d, hold, d.source());
      SweepData s = new SweepData(name, d.source(), null, t.labels(), n - v, null, w.labels(),
          v, p);
      s.sparse[0] = t.sparse();
      s.sparse[1] = w.sparse();
      return s;
    }
    double[] ta = new double[(n - v) * p];
    double[] tl = new double[n - v];
    double[] va = new double[v * p];
    double[] vl = new double[v];
    int it = 0;
    int iv = 0;
    for (int i = 0; i < n; i++) {
      if (held[i]) {
        copyRow(d, i, va, v, iv);
        vl[iv++] = d.labels()[i];
      } else {
        copyRow(d, i, ta, n - v, it);
        tl[it++] = d.labels()[i];
      }
    }
    return new SweepData(name, d.source(), ta, tl, n - v, va, vl, v, p);
  }

  private static void copyRow(LabeledData d, int i, double[] dst, int dstRows, int r) {
    for (int j = 0; j < d.cols(); j++) {
      dst[r + j * dstRows] = d.get(i, j);
    }
  }

  /** The data set's name in the config. */
  public String name() {
    return name;
  }

  /** p. */
  public int cols() {
    return cols;
  }

  /** Rows the inner problem sees. */
  public int trainRows() {
    return trainRows;
  }

  /** Held-out rows (0 without an outer objective). */
  public int validationRows() {
    return validationRows;
  }

  /** The inner problem's rows. */
  public synchronized LabeledData train() {
    if (train == null) {
      train = new LabeledData(parts[0], trainRows, cols, parts[1], source, sparse[0]);
    }
    return train;
  }

  /** The held-out rows, or null without a split. */
  public synchronized LabeledData validation() {
    if (validation == null && validationRows > 0) {
      validation = new LabeledData(parts[2], validationRows, cols, parts[3],
          source + " (validation)", sparse[1]);
    }
    return validation;
  }
}
