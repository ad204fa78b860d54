package dev.iterdiff.problem;

import java.util.Random;

/** Test fixtures: Gaussian design matrices and labels from a fixed seed. */
public final class RandomDatasets {

  private RandomDatasets() {}

  /** N×p Gaussian A; labels b = A x₀ + noise (for regression; their sign gives classes). */
  public static LabeledData regression(int rows, int cols, long seed) {
    Random rng = new Random(seed);
    double[] a = new double[rows * cols];
    for (int k = 0; k < a.length; k++) {
      a[k] = rng.nextGaussian();
    }
    double[] x0 = new double[cols];
    for (int j = 0; j < cols; j++) {
      x0[j] = rng.nextGaussian();
    }
    double[] b = new double[rows];
    for (int i = 0; i < rows; i++) {
      double s = 0;
      for (int j = 0; j < cols; j++) {
        s += a[i + j * rows] * x0[j];
      }
      b[i] = s + 0.5 * rng.nextGaussian();
    }
    return new LabeledData(a, rows, cols, b, "random(" + rows + "x" + cols + ", seed " + seed + ")");
  }

  /** A vector of standard normals. */
  public static double[] gaussian(int n, long seed) {
    Random rng = new Random(seed);
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = rng.nextGaussian();
    }
    return v;
  }

  /** A vector of uniforms in [lo, hi). */
  public static double[] uniform(int n, double lo, double hi, long seed) {
    Random rng = new Random(seed);
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = lo + (hi - lo) * rng.nextDouble();
    }
    return v;
  }
}
