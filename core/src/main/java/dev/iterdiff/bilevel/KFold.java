package dev.iterdiff.bilevel;

import dev.iterdiff.problem.LabeledData;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Deterministic, seeded K-fold splitting: the rows 0..N−1 are shuffled by Fisher–Yates with
 * {@link SplittableRandom}(seed), and fold f validates on the shuffled positions
 * ⌊f·N/k⌋ … ⌊(f+1)·N/k⌋ − 1 and trains on the rest. Every row is validated exactly once; the
 * same (N, k, seed) always gives the same folds, on any machine and JVM.
 *
 * <p>Also: the subset of a {@link LabeledData} on given rows, and a seeded hold-out split.
 */
public final class KFold {

  private KFold() {}

  /**
   * The k folds of N rows.
   *
   * @throws IllegalArgumentException if k &lt; 2 or k &gt; N, naming both.
   */
  public static List<Fold> split(int rows, int k, long seed) {
    if (k < 2 || k > rows) {
      throw new IllegalArgumentException("folds: k must be in [2, rows = " + rows + "], got " + k);
    }
    int[] perm = permutation(rows, seed);
    List<Fold> folds = new ArrayList<>(k);
    for (int f = 0; f < k; f++) {
      int lo = (int) ((long) f * rows / k);
      int hi = (int) ((long) (f + 1) * rows / k);
      int[] val = Arrays.copyOfRange(perm, lo, hi);
      int[] train = new int[rows - val.length];
      int t = 0;
      for (int i = 0; i < rows; i++) {
        if (i < lo || i >= hi) {
          train[t++] = perm[i];
        }
      }
      Arrays.sort(val);
      Arrays.sort(train);
      folds.add(new Fold(f, train, val));
    }
    return folds;
  }

  /**
   * A seeded hold-out split: the first ⌈fraction·N⌉ shuffled rows are returned as
   * {@code validationRows} (the held-out part), the rest as {@code trainRows}.
   *
   * @throws IllegalArgumentException unless 0 &lt; fraction &lt; 1 and both parts are non-empty.
   */
  public static Fold holdOut(int rows, double fraction, long seed) {
    if (!(fraction > 0 && fraction < 1)) {
      throw new IllegalArgumentException("test fraction must be in (0, 1), got " + fraction);
    }
    int held = (int) Math.ceil(fraction * rows);
    if (held < 1 || held >= rows) {
      throw new IllegalArgumentException("test fraction " + fraction + " of " + rows
          + " rows leaves an empty part");
    }
    int[] perm = permutation(rows, seed);
    int[] out = Arrays.copyOfRange(perm, 0, held);
    int[] in = Arrays.copyOfRange(perm, held, rows);
    Arrays.sort(out);
    Arrays.sort(in);
    return new Fold(0, in, out);
  }

  /** The rows of {@code data} listed in {@code rows}, in that order, as a new data set. */
  public static LabeledData subset(LabeledData data, int[] rows, String source) {
    int n = rows.length;
    int p = data.cols();
    double[] labels = new double[n];
    for (int i = 0; i < n; i++) {
      int r = rows[i];
      if (r < 0 || r >= data.rows()) {
        throw new IllegalArgumentException(source + ": row " + r + " outside [0, "
            + data.rows() + ")");
      }
      labels[i] = data.labels()[r];
    }
    if (data.isSparse()) {
      return LabeledData.sparse(data.sparse().subsetRows(rows), labels, source);
    }
    double[] a = new double[n * p];
    for (int i = 0; i < n; i++) {
      int r = rows[i];
      for (int j = 0; j < p; j++) {
        a[i + j * n] = data.a()[r + j * data.rows()];
      }
    }
    return new LabeledData(a, n, p, labels, source);
  }

  /** A seeded permutation of 0..n−1 (Fisher–Yates). */
  static int[] permutation(int n, long seed) {
    int[] perm = new int[n];
    for (int i = 0; i < n; i++) {
      perm[i] = i;
    }
    SplittableRandom rng = new SplittableRandom(seed);
    for (int i = n - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      int tmp = perm[i];
      perm[i] = perm[j];
      perm[j] = tmp;
    }
    return perm;
  }
}
