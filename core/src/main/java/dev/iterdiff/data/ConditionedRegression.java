package dev.iterdiff.data;

import dev.iterdiff.linalg.Blas;
import dev.iterdiff.map.Checks;
import dev.iterdiff.problem.LabeledData;
import dev.ludovic.netlib.lapack.LAPACK;
import java.util.Random;
import org.netlib.util.intW;

/**
 * Synthetic least-squares data with a prescribed condition number: A = √N · Q diag(s) Wᵀ
 * with Q (N×p) and W (p×p) orthonormal (QR of Gaussian matrices) and sⱼ² spaced
 * geometrically from 1 down to 1/κ, so that the data term of ridge, AᵀA/N, has eigenvalues
 * exactly {sⱼ²} ⊂ [1/κ, 1] and condition number κ. Targets b = A x_true + σ·ε with
 * x_true ~ N(0, I/p), ε ~ N(0, I), σ = 0.1. Deterministic in (N, p, κ, seed).
 */
public final class ConditionedRegression {

  /** Noise level σ of the targets. */
  public static final double NOISE = 0.1;

  private ConditionedRegression() {}

  /**
   * @param rows     N ≥ p.
   * @param features p &gt; 0.
   * @param kappa    κ ≥ 1, condition number of AᵀA/N.
   * @param seed     random seed.
   * @throws IllegalArgumentException if N &lt; p, a size is not positive, or κ &lt; 1.
   */
  public static LabeledData generate(int rows, int features, double kappa, long seed) {
    Checks.positive("p (features)", features);
    if (rows < features) {
      throw new IllegalArgumentException("N (rows) must be >= p (features): " + rows + " < "
          + features);
    }
    if (!(kappa >= 1) || !Double.isFinite(kappa)) {
      throw new IllegalArgumentException("kappa must be finite and >= 1, got " + kappa);
    }
    Random random = new Random(seed);
    double[] q = orthonormalColumns(rows, features, random);
    double[] w = orthonormalColumns(features, features, random);
    // Q ← √N · Q diag(s), then A = Q Wᵀ.
    for (int j = 0; j < features; j++) {
      double frac = features == 1 ? 0 : (double) j / (features - 1);
      double sj = Math.sqrt(rows * Math.pow(kappa, -frac));
      for (int i = 0; i < rows; i++) {
        q[i + j * rows] *= sj;
      }
    }
    double[] a = new double[rows * features];
    Blas.gemm(false, true, rows, features, features, 1.0, q, w, 0.0, a);
    double[] xTrue = new double[features];
    for (int j = 0; j < features; j++) {
      xTrue[j] = random.nextGaussian() / Math.sqrt(features);
    }
    double[] b = new double[rows];
    for (int i = 0; i < rows; i++) {
      b[i] = NOISE * random.nextGaussian();
    }
    Blas.gemv(false, rows, features, 1.0, a, xTrue, 1.0, b);
    String source = "conditioned-regression(N=" + rows + ",p=" + features + ",kappa=" + kappa
        + ",seed=" + seed + ")";
    return new LabeledData(a, rows, features, b, source);
  }

  /** Q of the QR factorization of an m×n Gaussian matrix (LAPACK dgeqrf + dorgqr). */
  private static double[] orthonormalColumns(int m, int n, Random random) {
    double[] q = new double[m * n];
    for (int k = 0; k < q.length; k++) {
      q[k] = random.nextGaussian();
    }
    LAPACK lapack = dev.iterdiff.linalg.Lapack.netlib();
    double[] tau = new double[n];
    double[] query = new double[1];
    intW info = new intW(0);
    lapack.dgeqrf(m, n, q, m, tau, query, -1, info);
    double[] work = new double[Math.max(1, (int) query[0])];
    lapack.dgeqrf(m, n, q, m, tau, work, work.length, info);
    check("dgeqrf", info);
    lapack.dorgqr(m, n, n, q, m, tau, query, -1, info);
    work = new double[Math.max(work.length, (int) query[0])];
    lapack.dorgqr(m, n, n, q, m, tau, work, work.length, info);
    check("dorgqr", info);
    return q;
  }

  private static void check(String routine, intW info) {
    if (info.val != 0) {
      throw new IllegalStateException(routine + " failed: info = " + info.val);
    }
  }
}
