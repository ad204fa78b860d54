package dev.iterdiff.data;

import dev.iterdiff.linalg.CsrMatrix;
import dev.iterdiff.problem.LabeledData;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A seeded, text-like sparse binary classification set (bag of words): row i has
 * round(density·p) distinct terms drawn from a Zipf law over the p features (frequency of the
 * r-th term ∝ 1/(r + 1)^1.1, so a few columns are dense and most are rare, as in text), each
 * with a tf–idf-like value 1 + log(count) for a count from a geometric law, the row scaled to
 * unit Euclidean norm (as {@code Normalizer} / tf–idf pipelines do). The label is 1 with
 * probability σ(20·(aᵢᵀβ* − mean score)) for a sparse β* (1 % of the features, ±1 at
 * random), else 0.
 * Same seed, same data, bit for bit.
 */
public final class SparseTextData {

  /** Exponent of the Zipf law of term frequencies. */
  public static final double ZIPF = 1.1;

  private SparseTextData() {}

  /**
   * @param rows     N ≥ 2.
   * @param features p ≥ 2.
   * @param density  fraction of stored entries per row, in (0, 1]; at least one per row.
   * @param seed     the generator's seed.
   * @throws IllegalArgumentException naming a bad size or density.
   */
  public static LabeledData generate(int rows, int features, double density, long seed) {
    if (rows < 2 || features < 2) {
      throw new IllegalArgumentException("sparse text data: need rows >= 2 and features >= 2, "
          + "got " + rows + " and " + features);
    }
    if (!(density > 0 && density <= 1)) {
      throw new IllegalArgumentException("sparse text data: density must be in (0, 1], got "
          + density);
    }
    int perRow = (int) Math.max(1, Math.round(density * features));
    SplittableRandom rng = new SplittableRandom(seed);
    double[] cumulative = new double[features];
    double total = 0;
    for (int r = 0; r < features; r++) {
      total += Math.pow(r + 1, -ZIPF);
      cumulative[r] = total;
    }
    // a seeded permutation: the frequent terms are not the first columns
    int[] rank = new int[features];
    for (int j = 0; j < features; j++) {
      rank[j] = j;
    }
    for (int j = features - 1; j > 0; j--) {
      int k = rng.nextInt(j + 1);
      int t = rank[j];
      rank[j] = rank[k];
      rank[k] = t;
    }
    double[] truth = new double[features];
    for (int j = 0; j < features; j++) {
      truth[j] = rng.nextDouble() < 0.01 ? (rng.nextBoolean() ? 1.0 : -1.0) : 0.0;
    }
    int[] start = new int[rows + 1];
    int[] columns = new int[rows * perRow];
    double[] values = new double[columns.length];
    double[] labels = new double[rows];
    int[] rowCols = new int[perRow];
    for (int i = 0; i < rows; i++) {
      int have = 0;
      while (have < perRow) {
        double u = rng.nextDouble() * total;
        int r = Arrays.binarySearch(cumulative, u);
        int c = rank[r >= 0 ? r : Math.min(features - 1, -r - 1)];
        boolean seen = false;
        for (int k = 0; k < have && !seen; k++) {
          seen = rowCols[k] == c;
        }
        if (!seen) {
          rowCols[have++] = c;
        }
      }
      Arrays.sort(rowCols);
      int off = i * perRow;
      double norm = 0;
      for (int k = 0; k < perRow; k++) {
        int count = 1;
        while (rng.nextDouble() < 0.3) {
          count++;
        }
        double v = 1 + Math.log(count);
        columns[off + k] = rowCols[k];
        values[off + k] = v;
        norm += v * v;
      }
      norm = Math.sqrt(norm);
      double score = 0;
      for (int k = 0; k < perRow; k++) {
        values[off + k] /= norm;
        score += values[off + k] * truth[rowCols[k]];
      }
      start[i + 1] = off + perRow;
      labels[i] = score;
    }
    double mean = 0;
    for (double v : labels) {
      mean += v / rows;
    }
    for (int i = 0; i < rows; i++) {
      labels[i] = rng.nextDouble() < 1 / (1 + Math.exp(-20 * (labels[i] - mean))) ? 1.0 : 0.0;
    }
    return LabeledData.sparse(new CsrMatrix(rows, features, start, columns, values), labels,
        "sparse-text(" + rows + "x" + features + ", density " + density + ", seed " + seed + ")");
  }
}
