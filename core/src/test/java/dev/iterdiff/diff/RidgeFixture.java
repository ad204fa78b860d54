package dev.iterdiff.diff;

import dev.iterdiff.map.DifferentiableMap;
import dev.iterdiff.problem.LabeledData;
import dev.iterdiff.solver.IterativeSolver;
import dev.iterdiff.solver.Solution;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.hipparchus.linear.LUDecomposition;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.RealMatrix;

/**
 * Test fixtures of the estimator tests: the diabetes data set (442 × 10, standardized, from
 * data-samples/), the closed-form ridge solution and Jacobian computed independently with
 * Hipparchus, relative errors, and the replay θ ↦ x_k(θ) with the recorded steps.
 */
final class RidgeFixture {

  private RidgeFixture() {}

  /** data-samples/diabetes.libsvm, parsed here (dense, 1-based feature indices). */
  static LabeledData diabetes() {
    return readLibsvm(Path.of("data-samples", "diabetes.libsvm"));
  }

  /** data-samples/breast-cancer.libsvm (569 × 30, labels ±1). */
  static LabeledData breastCancer() {
    return readLibsvm(Path.of("data-samples", "breast-cancer.libsvm"));
  }

  static LabeledData readLibsvm(Path path) {
    List<String> lines;
    try {
      lines = Files.readAllLines(path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<double[]> rows = new ArrayList<>();
    List<Double> labels = new ArrayList<>();
    int p = 0;
    for (String line : lines) {
      String t = line.strip();
      if (t.isEmpty() || t.startsWith("#")) {
        continue;
      }
      String[] tok = t.split("\\s+");
      labels.add(Double.parseDouble(tok[0]));
      double[] row = new double[2 * (tok.length - 1)];
      for (int i = 1; i < tok.length; i++) {
        String[] kv = tok[i].split(":");
        row[2 * (i - 1)] = Integer.parseInt(kv[0]);
        row[2 * (i - 1) + 1] = Double.parseDouble(kv[1]);
        p = Math.max(p, Integer.parseInt(kv[0]));
      }
      rows.add(row);
    }
    int n = rows.size();
    double[] a = new double[n * p];
    double[] b = new double[n];
    for (int i = 0; i < n; i++) {
      double[] row = rows.get(i);
      for (int q = 0; q < row.length; q += 2) {
        a[i + ((int) row[q] - 1) * n] = row[q + 1];
      }
      b[i] = labels.get(i);
    }
    return new LabeledData(a, n, p, b, path.toString());
  }

  /** x* and J* = −(AᵀA/N + diag θ)⁻¹ ∂_θ∇f: diag(x*) per feature, the column x* for one λ. */
  record ClosedForm(double[] x, double[] jacobian, RealMatrix hessian) {}

  static ClosedForm ridge(LabeledData d, double[] theta) {
    int n = d.rows();
    int p = d.cols();
    RealMatrix a = MatrixUtils.createRealMatrix(n, p);
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < p; j++) {
        a.setEntry(i, j, d.get(i, j));
      }
    }
    RealMatrix h = a.transpose().multiply(a).scalarMultiply(1.0 / n);
    for (int j = 0; j < p; j++) {
      h.addToEntry(j, j, theta.length == 1 ? theta[0] : theta[j]);
    }
    var solver = new LUDecomposition(h).getSolver();
    double[] c = a.transpose().operate(d.labels());
    for (int j = 0; j < p; j++) {
      c[j] /= n;
    }
    double[] x = solver.solve(MatrixUtils.createRealVector(c)).toArray();
    int m = theta.length;
    RealMatrix cross = MatrixUtils.createRealMatrix(p, m);
    for (int j = 0; j < p; j++) {
      cross.setEntry(j, m == 1 ? 0 : j, x[j]);
    }
    RealMatrix jac = solver.solve(cross).scalarMultiply(-1);
    double[] colMajor = new double[p * m];
    for (int j = 0; j < m; j++) {
      for (int i = 0; i < p; i++) {
        colMajor[i + j * p] = jac.getEntry(i, j);
      }
    }
    return new ClosedForm(x, colMajor, h);
  }

  /** ‖a − ref‖₂ / ‖ref‖₂. */
  static double relativeError(double[] a, double[] ref) {
    if (a.length != ref.length) {
      throw new AssertionError("lengths " + a.length + " != " + ref.length);
    }
    double num = 0;
    double den = 0;
    for (int i = 0; i < a.length; i++) {
      num += (a[i] - ref[i]) * (a[i] - ref[i]);
      den += ref[i] * ref[i];
    }
    return Math.sqrt(num / den);
  }

  /** ‖a − b‖₂. */
  static double distance(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += (a[i] - b[i]) * (a[i] - b[i]);
    }
    return Math.sqrt(s);
  }

  /**
   * x_k(θ'): the k recorded iterations replayed at θ' from s₀ = initialState(x₀), each with
   * its recorded step record r_i. Its derivative in θ' at θ is what unrolling computes.
   */
  static double[] replayX(Solution solution, double[] x0, double[] thetaPrime) {
    IterativeSolver solver = solution.solver();
    double[] s = new double[solver.stateDim()];
    double[] next = new double[solver.stateDim()];
    solver.initialState(x0, s);
    double[] record = new double[solution.trajectory().recordLength()];
    for (int i = 0; i < solution.iterations(); i++) {
      solution.trajectory().record(i, record);
      DifferentiableMap f = solver.iteration(record);
      f.apply(s, thetaPrime, next);
      double[] swap = s;
      s = next;
      next = swap;
    }
    return java.util.Arrays.copyOf(s, solver.problem().dim());
  }

  /**
   * Central finite differences of θ ↦ x_k(θ) with the recorded steps: column j is
   * (x_k(θ + h eⱼ) − x_k(θ − h eⱼ)) / 2h with h = 1e-5·max(1, |θⱼ|). n×m column-major.
   */
  static double[] unrolledFiniteDifferences(Solution solution, double[] x0) {
    double[] theta = solution.theta();
    int n = solution.solver().problem().dim();
    int m = theta.length;
    double[] out = new double[n * m];
    for (int j = 0; j < m; j++) {
      double h = 1e-5 * Math.max(1, Math.abs(theta[j]));
      double[] plus = theta.clone();
      double[] minus = theta.clone();
      plus[j] += h;
      minus[j] -= h;
      double[] xp = replayX(solution, x0, plus);
      double[] xm = replayX(solution, x0, minus);
      for (int i = 0; i < n; i++) {
        out[i + j * n] = (xp[i] - xm[i]) / (plus[j] - minus[j]);
      }
    }
    return out;
  }

  /** Jᵀu from an n×m column-major J. */
  static double[] transposeTimes(double[] j, int n, int m, double[] u) {
    double[] out = new double[m];
    for (int c = 0; c < m; c++) {
      for (int i = 0; i < n; i++) {
        out[c] += j[i + c * n] * u[i];
      }
    }
    return out;
  }

  /** J w from an n×m column-major J. */
  static double[] times(double[] j, int n, int m, double[] w) {
    double[] out = new double[n];
    for (int c = 0; c < m; c++) {
      for (int i = 0; i < n; i++) {
        out[i] += j[i + c * n] * w[c];
      }
    }
    return out;
  }

  /** A reproducible Gaussian vector. */
  static double[] gaussian(int length, long seed) {
    java.util.Random r = new java.util.Random(seed);
    double[] v = new double[length];
    for (int i = 0; i < length; i++) {
      v[i] = r.nextGaussian();
    }
    return v;
  }
}
