package dev.iterdiff.solver;

import dev.iterdiff.map.Checks;
import dev.iterdiff.problem.Problem;
import java.util.Random;

/**
 * Test-only ridge f(x; θ) = 1/(2N)‖Ax − b‖² + ½Σⱼ θⱼ xⱼ² (one θ = a single λ), written
 * plainly (loops, no BLAS) as an independent reference until the problem package's
 * RidgeProblem is used.
 */
public final class TestRidge implements Problem {

  final double[] a; // row-major N×n here, on purpose different from the library
  final double[] b;
  final int rows;
  final int n;
  final int m;

  TestRidge(double[] a, double[] b, int rows, int n, int m) {
    this.a = a;
    this.b = b;
    this.rows = rows;
    this.n = n;
    this.m = m;
  }

  /** Gaussian data with a fixed seed. */
  public static TestRidge random(long seed, int rows, int n, int m) {
    Random rng = new Random(seed);
    double[] a = new double[rows * n];
    double[] b = new double[rows];
    for (int i = 0; i < a.length; i++) {
      a[i] = rng.nextGaussian();
    }
    for (int i = 0; i < rows; i++) {
      b[i] = rng.nextGaussian();
    }
    return new TestRidge(a, b, rows, n, m);
  }

  private double lam(double[] theta, int j) {
    return m == 1 ? theta[0] : theta[j];
  }

  @Override public String name() { return "ridge"; }
  @Override public int dim() { return n; }
  @Override public int thetaDim() { return m; }

  @Override
  public void checkTheta(double[] theta) {
    Checks.length("theta", theta, m);
    Checks.finite("theta", theta);
    for (int j = 0; j < m; j++) {
      if (theta[j] < 0) {
        throw new IllegalArgumentException("theta[" + j + "] is " + theta[j] + " (must be >= 0)");
      }
    }
  }

  private double[] residualVec(double[] x) {
    double[] r = new double[rows];
    for (int i = 0; i < rows; i++) {
      double s = -b[i];
      for (int j = 0; j < n; j++) {
        s += a[i * n + j] * x[j];
      }
      r[i] = s;
    }
    return r;
  }

  @Override
  public double value(double[] x, double[] theta) {
    double[] r = residualVec(x);
    double f = 0;
    for (double v : r) {
      f += v * v;
    }
    f /= 2.0 * rows;
    for (int j = 0; j < n; j++) {
      f += 0.5 * lam(theta, j) * x[j] * x[j];
    }
    return f;
  }

  private void gram(double[] v, double[] theta, double[] out, double[] r) {
    for (int j = 0; j < n; j++) {
      double s = 0;
      for (int i = 0; i < rows; i++) {
        s += a[i * n + j] * r[i];
      }
      out[j] = s / rows + lam(theta, j) * v[j];
    }
  }

  @Override
  public void gradient(double[] x, double[] theta, double[] out) {
    gram(x, theta, out, residualVec(x));
  }

  @Override
  public void hvp(double[] x, double[] theta, double[] v, double[] out) {
    double[] av = new double[rows];
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < n; j++) {
        av[i] += a[i * n + j] * v[j];
      }
    }
    gram(v, theta, out, av);
  }

  @Override
  public void hessian(double[] x, double[] theta, double[] out) {
    double[] e = new double[n];
    double[] col = new double[n];
    for (int j = 0; j < n; j++) {
      java.util.Arrays.fill(e, 0);
      e[j] = 1;
      hvp(x, theta, e, col);
      System.arraycopy(col, 0, out, j * n, n);
    }
  }

  @Override
  public void crossJvp(double[] x, double[] theta, double[] w, double[] out) {
    for (int j = 0; j < n; j++) {
      out[j] = (m == 1 ? w[0] : w[j]) * x[j];
    }
  }

  @Override
  public void crossVjp(double[] x, double[] theta, double[] u, double[] out) {
    if (m == 1) {
      double s = 0;
      for (int j = 0; j < n; j++) {
        s += u[j] * x[j];
      }
      out[0] = s;
    } else {
      for (int j = 0; j < n; j++) {
        out[j] = u[j] * x[j];
      }
    }
  }

  @Override
  public void hessianDerivX(double[] x, double[] theta, double[] d, double[] v, double[] out) {
    java.util.Arrays.fill(out, 0);
  }

  @Override
  public void hessianDerivThetaJvp(double[] x, double[] theta, double[] d, double[] w,
      double[] out) {
    crossJvp(d, theta, w, out);
  }

  @Override
  public void hessianDerivThetaVjp(double[] x, double[] theta, double[] d, double[] u,
      double[] out) {
    crossVjp(d, theta, u, out);
  }

  /** ‖A‖_F²/N + max θ ≥ λ_max. */
  @Override
  public double lipschitz(double[] theta) {
    double s = 0;
    for (double v : a) {
      s += v * v;
    }
    double max = 0;
    for (double t : theta) {
      max = Math.max(max, t);
    }
    return s / rows + max;
  }

  @Override
  public double strongConvexity(double[] theta) {
    double min = Double.POSITIVE_INFINITY;
    for (double t : theta) {
      min = Math.min(min, t);
    }
    return min;
  }
}
