package dev.iterdiff.linalg;

import java.util.Random;

/**
 * Test fixtures built with naive loops (independent of BLAS/LAPACK): random orthogonal
 * matrices, SPD matrices with a prescribed spectrum, nonsymmetric matrices, products and
 * residuals.
 */
final class TestMatrices {

  private TestMatrices() {}

  /** A random n×n orthogonal matrix (Gram–Schmidt, twice, on a Gaussian matrix). */
  static double[] orthogonal(int n, Random rnd) {
    double[] q = gaussian(n, n, rnd);
    for (int pass = 0; pass < 2; pass++) {
      for (int j = 0; j < n; j++) {
        for (int k = 0; k < j; k++) {
          double d = 0;
          for (int i = 0; i < n; i++) {
            d += q[i + k * n] * q[i + j * n];
          }
          for (int i = 0; i < n; i++) {
            q[i + j * n] -= d * q[i + k * n];
          }
        }
        double norm = 0;
        for (int i = 0; i < n; i++) {
          norm += q[i + j * n] * q[i + j * n];
        }
        norm = Math.sqrt(norm);
        for (int i = 0; i < n; i++) {
          q[i + j * n] /= norm;
        }
      }
    }
    return q;
  }

  /** Eigenvalues 1 … cond spaced geometrically. */
  static double[] geometricSpectrum(int n, double cond) {
    double[] lambda = new double[n];
    for (int i = 0; i < n; i++) {
      lambda[i] = n == 1 ? 1 : Math.pow(cond, i / (double) (n - 1));
    }
    return lambda;
  }

  /** Q diag(λ) Qᵀ, symmetric to the last bit. */
  static double[] symmetric(double[] q, double[] lambda) {
    int n = lambda.length;
    double[] a = new double[n * n];
    for (int j = 0; j < n; j++) {
      for (int i = 0; i <= j; i++) {
        double s = 0;
        for (int k = 0; k < n; k++) {
          s += q[i + k * n] * lambda[k] * q[j + k * n];
        }
        a[i + j * n] = s;
        a[j + i * n] = s;
      }
    }
    return a;
  }

  /** A random SPD matrix with condition number {@code cond}. */
  static double[] spd(int n, double cond, long seed) {
    return symmetric(orthogonal(n, new Random(seed)), geometricSpectrum(n, cond));
  }

  /** G/√n + shift·I with G Gaussian: nonsymmetric, eigenvalues near a disk around shift. */
  static double[] nonsymmetric(int n, double shift, long seed) {
    double[] a = gaussian(n, n, new Random(seed));
    double s = 1 / Math.sqrt(n);
    for (int i = 0; i < n * n; i++) {
      a[i] *= s;
    }
    for (int i = 0; i < n; i++) {
      a[i + i * n] += shift;
    }
    return a;
  }

  static double[] gaussian(int rows, int cols, Random rnd) {
    double[] g = new double[rows * cols];
    for (int i = 0; i < g.length; i++) {
      g[i] = rnd.nextGaussian();
    }
    return g;
  }

  static double[] negate(double[] a) {
    double[] r = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      r[i] = -a[i];
    }
    return r;
  }

  /** A X for X n×m column-major, naive loops. */
  static double[] multiply(double[] a, int n, double[] x, int m) {
    double[] y = new double[n * m];
    for (int c = 0; c < m; c++) {
      for (int j = 0; j < n; j++) {
        double xj = x[j + c * n];
        for (int i = 0; i < n; i++) {
          y[i + c * n] += a[i + j * n] * xj;
        }
      }
    }
    return y;
  }

  /** ‖b − A x‖/‖b‖ for column c of n×m B and X, naive loops. */
  static double relativeResidual(double[] a, int n, double[] b, double[] x, int m, int c) {
    double[] ax = multiply(a, n, x, m);
    double r = 0;
    double bn = 0;
    for (int i = 0; i < n; i++) {
      double d = b[i + c * n] - ax[i + c * n];
      r += d * d;
      bn += b[i + c * n] * b[i + c * n];
    }
    return Math.sqrt(r / bn);
  }

  /** ‖x − ref‖/‖ref‖. */
  static double relativeError(double[] x, double[] ref) {
    double e = 0;
    double r = 0;
    for (int i = 0; i < x.length; i++) {
      e += (x[i] - ref[i]) * (x[i] - ref[i]);
      r += ref[i] * ref[i];
    }
    return Math.sqrt(e / r);
  }
}
