package dev.iterdiff.solver;

import dev.iterdiff.problem.LabeledData;
import dev.iterdiff.problem.LogisticProblem;
import dev.iterdiff.problem.Problem;
import dev.iterdiff.problem.RidgeProblem;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.hipparchus.CalculusFieldElement;

/**
 * Test problems on random data with fixed seeds — ridge and logistic, θ a single λ or one λ
 * per feature — each with an independent generic (field) implementation of its gradient and
 * Hessian, from which {@link FieldIterations} builds AD references of the iteration maps.
 */
public final class SolverFixtures {

  private SolverFixtures() {}

  /** A problem under test with its field reference and a θ in its domain. */
  public record Case(String label, Problem problem, FieldObjectiveDerivatives field,
      double[] theta) {
    @Override
    public String toString() {
      return label;
    }
  }

  /** Generic gradient and Hessian of f, for forward-mode AD of the iteration maps. */
  public interface FieldObjectiveDerivatives {
    <T extends CalculusFieldElement<T>> void gradient(T[] x, T[] theta, T[] out);

    <T extends CalculusFieldElement<T>> void hessian(T[] x, T[] theta, T[][] out);
  }

  /** Gaussian design (N×p), labels Gaussian (ridge) or ±1 from a noisy linear model. */
  public static LabeledData gaussianData(long seed, int rows, int cols, boolean binary) {
    Random rng = new Random(seed);
    double[] a = new double[rows * cols];
    for (int i = 0; i < a.length; i++) {
      a[i] = rng.nextGaussian();
    }
    double[] w = new double[cols];
    for (int j = 0; j < cols; j++) {
      w[j] = rng.nextGaussian();
    }
    double[] labels = new double[rows];
    for (int i = 0; i < rows; i++) {
      double s = 0;
      for (int j = 0; j < cols; j++) {
        s += a[i + j * rows] * w[j];
      }
      double noisy = s + rng.nextGaussian();
      labels[i] = binary ? (noisy > 0 ? 1 : 0) : noisy;
    }
    return new LabeledData(a, rows, cols, labels, "random(seed=" + seed + ")");
  }

  /** Ridge and logistic, N = 30, p = 5, single and per-feature λ. */
  public static List<Case> cases() {
    int rows = 30;
    int cols = 5;
    List<Case> out = new ArrayList<>();
    for (int m : new int[] {1, cols}) {
      double[] theta = new double[m];
      Random rng = new Random(100 + m);
      for (int j = 0; j < m; j++) {
        theta[j] = 0.05 + 0.5 * rng.nextDouble();
      }
      LabeledData ridgeData = gaussianData(31, rows, cols, false);
      out.add(new Case("ridge(m=" + m + ")", new RidgeProblem(ridgeData, m),
          ridge(ridgeData, m), theta));
      LabeledData logData = gaussianData(32, rows, cols, true);
      out.add(new Case("logistic(m=" + m + ")", new LogisticProblem(logData, m),
          logistic(logData, m), theta));
    }
    return out;
  }

  private static <T extends CalculusFieldElement<T>> T lam(T[] theta, int j) {
    return theta.length == 1 ? theta[0] : theta[j];
  }

  /** ∇f = Aᵀ(Ax − b)/N + λ∘x, ∇²f = AᵀA/N + diag λ. */
  static FieldObjectiveDerivatives ridge(LabeledData d, int m) {
    return new FieldObjectiveDerivatives() {
      @Override
      public <T extends CalculusFieldElement<T>> void gradient(T[] x, T[] theta, T[] out) {
        int n = d.cols();
        for (int j = 0; j < n; j++) {
          out[j] = lam(theta, j).multiply(x[j]);
        }
        for (int i = 0; i < d.rows(); i++) {
          T r = x[0].getField().getZero().subtract(d.labels()[i]);
          for (int j = 0; j < n; j++) {
            r = r.add(x[j].multiply(d.get(i, j)));
          }
          for (int j = 0; j < n; j++) {
            out[j] = out[j].add(r.multiply(d.get(i, j) / d.rows()));
          }
        }
      }

      @Override
      public <T extends CalculusFieldElement<T>> void hessian(T[] x, T[] theta, T[][] out) {
        int n = d.cols();
        for (int j = 0; j < n; j++) {
          for (int k = 0; k < n; k++) {
            double s = 0;
            for (int i = 0; i < d.rows(); i++) {
              s += d.get(i, j) * d.get(i, k);
            }
            T zero = x[0].getField().getZero();
            out[j][k] = j == k ? lam(theta, j).add(s / d.rows()) : zero.add(s / d.rows());
          }
        }
      }
    };
  }

  /**
   * ∇f = −1/N Σᵢ yᵢσ(−mᵢ)aᵢ + λ∘x, ∇²f = 1/N Σᵢ σ(mᵢ)σ(−mᵢ)aᵢaᵢᵀ + diag λ, mᵢ = yᵢaᵢᵀx,
   * σ(−m) = 1/(1 + eᵐ).
   */
  static FieldObjectiveDerivatives logistic(LabeledData d, int m) {
    return new FieldObjectiveDerivatives() {
      private <T extends CalculusFieldElement<T>> T margin(T[] x, int i, double y) {
        T s = x[0].getField().getZero();
        for (int j = 0; j < d.cols(); j++) {
          s = s.add(x[j].multiply(d.get(i, j)));
        }
        return s.multiply(y);
      }

      private double y(int i) {
        return d.labels()[i] > 0 ? 1 : -1;
      }

      @Override
      public <T extends CalculusFieldElement<T>> void gradient(T[] x, T[] theta, T[] out) {
        int n = d.cols();
        for (int j = 0; j < n; j++) {
          out[j] = lam(theta, j).multiply(x[j]);
        }
        for (int i = 0; i < d.rows(); i++) {
          T sigNeg = margin(x, i, y(i)).exp().add(1).reciprocal();
          for (int j = 0; j < n; j++) {
            out[j] = out[j].subtract(sigNeg.multiply(y(i) * d.get(i, j) / d.rows()));
          }
        }
      }

      @Override
      public <T extends CalculusFieldElement<T>> void hessian(T[] x, T[] theta, T[][] out) {
        int n = d.cols();
        T zero = x[0].getField().getZero();
        for (int j = 0; j < n; j++) {
          for (int k = 0; k < n; k++) {
            out[j][k] = j == k ? lam(theta, j) : zero;
          }
        }
        for (int i = 0; i < d.rows(); i++) {
          T sigNeg = margin(x, i, y(i)).exp().add(1).reciprocal();
          T s = sigNeg.multiply(sigNeg.negate().add(1));
          for (int j = 0; j < n; j++) {
            for (int k = 0; k < n; k++) {
              out[j][k] = out[j][k].add(s.multiply(d.get(i, j) * d.get(i, k) / d.rows()));
            }
          }
        }
      }
    };
  }
  /** Ridge with random data (N = rows, p = cols), θ of length m. */
  public static RidgeProblem ridge(long seed, int rows, int cols, int m) {
    return new RidgeProblem(gaussianData(seed, rows, cols, false), m);
  }

  /** Logistic with random data (N = rows, p = cols), θ of length m. */
  public static LogisticProblem logistic(long seed, int rows, int cols, int m) {
    return new LogisticProblem(gaussianData(seed, rows, cols, true), m);
  }

  /**
   * The ridge minimizer x* = (AᵀA/N + diag λ)⁻¹ Aᵀb/N from the data, by Gaussian elimination
   * with partial pivoting (independent of the library's linear algebra).
   */
  public static double[] ridgeClosedForm(LabeledData d, double[] theta) {
    int n = d.cols();
    double[] h = new double[n * n];
    double[] rhs = new double[n];
    for (int j = 0; j < n; j++) {
      for (int k = 0; k < n; k++) {
        double s = 0;
        for (int i = 0; i < d.rows(); i++) {
          s += d.get(i, j) * d.get(i, k);
        }
        h[j + k * n] = s / d.rows() + (j == k ? (theta.length == 1 ? theta[0] : theta[j]) : 0);
      }
      double s = 0;
      for (int i = 0; i < d.rows(); i++) {
        s += d.get(i, j) * d.labels()[i];
      }
      rhs[j] = s / d.rows();
    }
    return denseSolve(h, n, rhs);
  }

  /** Solves H x = g (H n×n column-major) by Gaussian elimination with partial pivoting. */
  public static double[] denseSolve(double[] h, int n, double[] g) {
    double[] a = h.clone();
    double[] b = g.clone();
    for (int k = 0; k < n; k++) {
      int piv = k;
      for (int i = k + 1; i < n; i++) {
        if (Math.abs(a[i + k * n]) > Math.abs(a[piv + k * n])) {
          piv = i;
        }
      }
      for (int j = 0; j < n; j++) {
        double t = a[k + j * n];
        a[k + j * n] = a[piv + j * n];
        a[piv + j * n] = t;
      }
      double t = b[k];
      b[k] = b[piv];
      b[piv] = t;
      for (int i = k + 1; i < n; i++) {
        double f = a[i + k * n] / a[k + k * n];
        for (int j = k; j < n; j++) {
          a[i + j * n] -= f * a[k + j * n];
        }
        b[i] -= f * b[k];
      }
    }
    double[] x = new double[n];
    for (int i = n - 1; i >= 0; i--) {
      double s = b[i];
      for (int j = i + 1; j < n; j++) {
        s -= a[i + j * n] * x[j];
      }
      x[i] = s / a[i + i * n];
    }
    return x;
  }
}
