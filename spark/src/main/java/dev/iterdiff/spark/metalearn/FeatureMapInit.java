package dev.iterdiff.spark.metalearn;

import dev.iterdiff.linalg.Blas;
import dev.iterdiff.linalg.Lapack;
import dev.iterdiff.problem.LabeledData;
import java.util.Locale;
import org.netlib.util.intW;

/**
 * The starting feature map W₀ (d×p, column-major) of {@link MetaPrior#FEATURE_MAP}:
 * <ul>
 *   <li>{@code pca} — the rows of W₀ are the top-d principal directions (unit length) of the
 *       meta-train pool's pixels (covariance of at most {@value #MAX_ROWS} rows taken at an even
 *       stride, LAPACK dsyev), each signed so its largest-magnitude entry is positive. With
 *       orthonormal rows, the inner problem on Z = A W₀ᵀ is θ = 0 on pixels restricted to the
 *       top-d principal subspace (ℓ₂ is rotation-invariant): d = p gives θ = 0 exactly.</li>
 *   <li>{@code random} — i.i.d. N(0, 1/p) entries from the seed (a Johnson–Lindenstrauss map).</li>
 * </ul>
 */
public final class FeatureMapInit {

  /** Rows of the pool used for the covariance. */
  public static final int MAX_ROWS = 6000;

  private FeatureMapInit() {}

  /**
   * W₀ of {@code kind} for data restricted to the pool.
   *
   * @param pool the meta-train rows (the pool's images only).
   * @throws IllegalArgumentException for an unknown kind, or d &gt; p.
   */
  public static double[] of(String kind, LabeledData pool, int d, long seed) {
    int p = pool.cols();
    if (d < 1 || d > p) {
      throw new IllegalArgumentException("features is " + d + " (must be in 1.." + p
          + ", the pixels)");
    }
    return switch (kind.toLowerCase(Locale.ROOT)) {
      case "pca" -> pca(pool, d);
      case "random" -> random(p, d, seed);
      default -> throw new IllegalArgumentException("unknown feature-init '" + kind
          + "' (valid: pca, random)");
    };
  }

  static double[] random(int p, int d, long seed) {
    java.util.SplittableRandom rng = new java.util.SplittableRandom(seed ^ 0xFEA7L);
    double[] w = new double[d * p];
    double s = 1.0 / Math.sqrt(p);
    for (int i = 0; i < w.length; i++) {
      w[i] = s * gaussian(rng);
    }
    return w;
  }

  private static double gaussian(java.util.SplittableRandom rng) {
    double u = 1.0 - rng.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.nextDouble());
  }

  static double[] pca(LabeledData data, int d) {
    int n = data.rows();
    int p = data.cols();
    int stride = Math.max(1, (n + MAX_ROWS - 1) / MAX_ROWS);
    int m = (n + stride - 1) / stride;
    double[] x = new double[m * p];
    double[] mean = new double[p];
    for (int j = 0; j < p; j++) {
      for (int r = 0; r < m; r++) {
        double v = data.a()[r * stride + j * n];
        x[r + j * m] = v;
        mean[j] += v / m;
      }
      for (int r = 0; r < m; r++) {
        x[r + j * m] -= mean[j];
      }
    }
    double[] cov = new double[p * p];
    Blas.gramian(m, p, 1.0 / m, x, 0.0, cov);
    double[] eig = new double[p];
    double[] query = new double[1];
    intW info = new intW(0);
    Lapack.netlib().dsyev("V", "U", p, cov, p, eig, query, -1, info);
    double[] work = new double[Math.max(3 * p, (int) query[0])];
    info.val = 0;
    Lapack.netlib().dsyev("V", "U", p, cov, p, eig, work, work.length, info);
    if (info.val != 0) {
      throw new IllegalStateException("dsyev on the pixel covariance: info " + info.val);
    }
    double[] w = new double[d * p];
    for (int r = 0; r < d; r++) {
      int col = p - 1 - r; // eigenvalues ascending: the top one is last
      int arg = 0;
      for (int j = 1; j < p; j++) {
        if (Math.abs(cov[j + col * p]) > Math.abs(cov[arg + col * p])) {
          arg = j;
        }
      }
      double sign = cov[arg + col * p] < 0 ? -1 : 1;
      for (int j = 0; j < p; j++) {
        w[r + j * d] = sign * cov[j + col * p];
      }
    }
    return w;
  }
}
