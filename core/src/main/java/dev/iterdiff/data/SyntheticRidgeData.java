package dev.iterdiff.data;

import dev.iterdiff.problem.LabeledData;
import java.util.Random;

/**
 * Synthetic least-squares data with a controlled condition number, as in the ridge
 * experiment of Bolte, Pauwels &amp; Vaiter, <i>One-step differentiation of iterative
 * algorithms</i> (NeurIPS 2023), which used κ = 100 and 1000.
 *
 * <p>A = √N · U diag(σ) Vᵀ with U (N×p) and V (p×p) orthonormal, from Gaussian matrices by
 * modified Gram–Schmidt (applied twice), and σⱼ² = κ^(−j/(p−1)), j = 0 … p−1. So the
 * eigenvalues of AᵀA/N — the Hessian of 1/(2N)‖Ax − b‖² — are geometrically spaced from
 * L = 1 down to μ = 1/κ, and its condition number is exactly κ. With ridge penalty λ the
 * Hessian AᵀA/N + λI has condition number (1 + λ)/(1/κ + λ). Targets b = A x₀ + σ_noise·ε
 * with x₀, ε ~ N(0, I).
 *
 * <p>Deterministic: {@link java.util.Random} (whose algorithm its Javadoc fixes) and
 * {@link StrictMath}, so the same parameters give the same bits on every JVM.
 *
 * @param rows  N ≥ p.
 * @param cols  p ≥ 2.
 * @param kappa κ ≥ 1, condition number of AᵀA/N.
 * @param noise σ_noise ≥ 0.
 * @param seed  random seed.
 */
public record SyntheticRidgeData(int rows, int cols, double kappa, double noise, long seed) {

  /** @throws IllegalArgumentException naming the parameter and its value. */
  public SyntheticRidgeData {
    if (cols < 2) {
      throw new IllegalArgumentException("cols must be >= 2, got " + cols);
    }
    if (rows < cols) {
      throw new IllegalArgumentException("rows must be >= cols (" + cols + "), got " + rows);
    }
    if (!(kappa >= 1) || !Double.isFinite(kappa)) {
      throw new IllegalArgumentException("kappa must be finite and >= 1, got " + kappa);
    }
    if (!(noise >= 0) || !Double.isFinite(noise)) {
      throw new IllegalArgumentException("noise must be finite and >= 0, got " + noise);
    }
  }

  /** Generates the data set; {@code source} names it, e.g. "synthetic-ridge(κ=100)". */
  public LabeledData generate(String source) {
    Random random = new Random(seed);
    double[] u = orthonormalColumns(gaussian(random, rows * cols), rows, cols);
    double[] v = orthonormalColumns(gaussian(random, cols * cols), cols, cols);
    double scale = StrictMath.sqrt(rows);
    double[] sigma = new double[cols];
    for (int j = 0; j < cols; j++) {
      sigma[j] = scale * StrictMath.pow(kappa, -0.5 * j / (cols - 1));
    }
    // A(i, c) = Σⱼ U(i, j) σⱼ V(c, j)
    double[] a = new double[rows * cols];
    for (int c = 0; c < cols; c++) {
      for (int j = 0; j < cols; j++) {
        double w = sigma[j] * v[c + j * cols];
        for (int i = 0; i < rows; i++) {
          a[i + c * rows] += u[i + j * rows] * w;
        }
      }
    }
    double[] x0 = gaussian(random, cols);
    double[] b = new double[rows];
    for (int i = 0; i < rows; i++) {
      double s = 0;
      for (int c = 0; c < cols; c++) {
        s += a[i + c * rows] * x0[c];
      }
      b[i] = s + noise * random.nextGaussian();
    }
    return new LabeledData(a, rows, cols, b, source);
  }

  private static double[] gaussian(Random random, int length) {
    double[] g = new double[length];
    for (int i = 0; i < length; i++) {
      g[i] = random.nextGaussian();
    }
    return g;
  }

  /** Orthonormalizes the columns of the m×n column-major matrix q in place (MGS, twice). */
  private static double[] orthonormalColumns(double[] q, int m, int n) {
    for (int pass = 0; pass < 2; pass++) {
      for (int j = 0; j < n; j++) {
        for (int k = 0; k < j; k++) {
          double dot = 0;
          for (int i = 0; i < m; i++) {
            dot += q[i + k * m] * q[i + j * m];
          }
          for (int i = 0; i < m; i++) {
            q[i + j * m] -= dot * q[i + k * m];
          }
        }
        double norm = 0;
        for (int i = 0; i < m; i++) {
          norm += q[i + j * m] * q[i + j * m];
        }
        norm = StrictMath.sqrt(norm);
        for (int i = 0; i < m; i++) {
          q[i + j * m] /= norm;
        }
      }
    }
    return q;
  }
}
