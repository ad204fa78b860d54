package dev.iterdiff.data;

import dev.iterdiff.map.Checks;
import dev.iterdiff.problem.LabeledData;
import java.util.Random;

/**
 * Synthetic binary classification data of the Newton experiment of Bolte, Pauwels &amp;
 * Vaiter (NeurIPS 2023, Section 5): two Gaussian classes of n₁ samples each in ℝᵖ,
 *
 * <pre>
 *   aᵢ ~ N(+μ·𝟙/√p, I)  with label +1   (rows 0 … n₁−1),
 *   aᵢ ~ N(−μ·𝟙/√p, I)  with label −1   (rows n₁ … 2n₁−1),
 * </pre>
 *
 * so the class means are 2μ apart whatever p. Entries are drawn column by column from
 * {@code java.util.Random(seed).nextGaussian()}, so a (n₁, p, μ, seed) quadruple always gives
 * the same matrix.
 */
public final class TwoGaussianClasses {

  /** Default half-distance μ between the class means: classes overlap, x* is finite. */
  public static final double DEFAULT_SEPARATION = 1.0;

  /** Default seed of the benchmark. */
  public static final long DEFAULT_SEED = 20231;

  private TwoGaussianClasses() {}

  /**
   * @param perClass   n₁ &gt; 0, samples per class (N = 2n₁ rows).
   * @param features   p &gt; 0.
   * @param separation μ ≥ 0: class means ±μ·𝟙/√p.
   * @param seed       random seed.
   * @return the data set, source {@code "two-gaussian(n1=…,p=…,mu=…,seed=…)"}.
   * @throws IllegalArgumentException on a non-positive size or a negative / non-finite μ.
   */
  public static LabeledData generate(int perClass, int features, double separation, long seed) {
    Checks.positive("n1 (samples per class)", perClass);
    Checks.positive("p (features)", features);
    if (!(separation >= 0) || !Double.isFinite(separation)) {
      throw new IllegalArgumentException("separation mu must be finite and >= 0, got "
          + separation);
    }
    int rows = 2 * perClass;
    double shift = separation / Math.sqrt(features);
    double[] a = new double[Math.multiplyExact(rows, features)];
    double[] labels = new double[rows];
    Random random = new Random(seed);
    for (int j = 0; j < features; j++) {
      for (int i = 0; i < rows; i++) {
        double mean = i < perClass ? shift : -shift;
        a[i + j * rows] = mean + random.nextGaussian();
      }
    }
    for (int i = 0; i < rows; i++) {
      labels[i] = i < perClass ? 1.0 : -1.0;
    }
    String source = "two-gaussian(n1=" + perClass + ",p=" + features + ",mu=" + separation
        + ",seed=" + seed + ")";
    return new LabeledData(a, rows, features, labels, source);
  }
}
