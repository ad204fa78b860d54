package dev.iterdiff.spark.sweep;

import dev.iterdiff.spark.config.SweepConfig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iterdiff.problem.LabeledData;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;

/**
 * The numbers a sweep writes, checked against independent references computed here by plain
 * Gaussian elimination: ridge's closed-form solution and Jacobian, and the hypergradient of
 * the validation loss by central finite differences through the exact inner solution — on
 * the real diabetes sample.
 */
class SweepNumbersTest {

  static final String BASE = """
      sweep {
        data = [ { name = diabetes, path = "data-samples/diabetes.libsvm" } ]
        problem { name = ridge }
        solver { name = newton, iterations = 20, tol = 1e-12 }
        theta { coordinates = [ { values = [0.01, 0.1, 1] } ] }
        estimators = [implicit, unrolled-forward, one-step]
        output { path = "target/test-output/numbers", x = true, jacobian = true }
      }
      """;

  /** x*(θ) = (AᵀA/N + diag θ)⁻¹ Aᵀb/N on the given rows (θ of length 1 or p). */
  static double[] ridgeSolution(LabeledData d, double[] theta) {
    int p = d.cols();
    double[][] h = hessian(d, theta);
    double[] rhs = new double[p];
    for (int j = 0; j < p; j++) {
      for (int i = 0; i < d.rows(); i++) {
        rhs[j] += d.get(i, j) * d.labels()[i] / d.rows();
      }
    }
    return solve(h, rhs);
  }

  static double[][] hessian(LabeledData d, double[] theta) {
    int p = d.cols();
    double[][] h = new double[p][p];
    for (int j = 0; j < p; j++) {
      for (int k = 0; k < p; k++) {
        for (int i = 0; i < d.rows(); i++) {
          h[j][k] += d.get(i, j) * d.get(i, k) / d.rows();
        }
      }
      h[j][j] += theta[theta.length == 1 ? 0 : j];
    }
    return h;
  }

  /** Gaussian elimination with partial pivoting; a and b are copied. */
  static double[] solve(double[][] a0, double[] b0) {
    int n = b0.length;
    double[][] a = new double[n][];
    for (int i = 0; i < n; i++) {
      a[i] = a0[i].clone();
    }
    double[] b = b0.clone();
    for (int c = 0; c < n; c++) {
      int piv = c;
      for (int r = c + 1; r < n; r++) {
        if (Math.abs(a[r][c]) > Math.abs(a[piv][c])) {
          piv = r;
        }
      }
      double[] t = a[c];
      a[c] = a[piv];
      a[piv] = t;
      double tb = b[c];
      b[c] = b[piv];
      b[piv] = tb;
      for (int r = c + 1; r < n; r++) {
        double f = a[r][c] / a[c][c];
        for (int k = c; k < n; k++) {
          a[r][k] -= f * a[c][k];
        }
        b[r] -= f * b[c];
      }
    }
    double[] x = new double[n];
    for (int r = n - 1; r >= 0; r--) {
      double s = b[r];
      for (int k = r + 1; k < n; k++) {
        s -= a[r][k] * x[k];
      }
      x[r] = s / a[r][r];
    }
    return x;
  }

  @Test
  void solutionAndJacobianEqualRidgeClosedForm() {
    SweepPlan plan = SweepPlan.prepare(SweepConfig.parse(BASE, Map.of()), new Configuration());
    LabeledData d = plan.data().get(0).train();
    List<SweepRow> rows = LocalSweep.run(plan);
    assertEquals(9, rows.size());
    for (SweepRow r : rows) {
      assertTrue(r.ok(), r.message());
      double[] x = ridgeSolution(d, r.theta());
      // dx*/dλ = −H⁻¹ x*
      double[] j = solve(hessian(d, r.theta()), x);
      for (int i = 0; i < x.length; i++) {
        assertEquals(x[i], r.x()[i], 1e-10 * (1 + Math.abs(x[i])), "x[" + i + "]");
        assertEquals(-j[i], r.jacobian()[i], 1e-8 * (1 + Math.abs(j[i])),
            r.estimator() + " J[" + i + "] at theta " + r.theta()[0]);
      }
      assertEquals(x.length, r.jacobianRows());
      assertEquals(1, r.jacobianCols());
    }
  }

  @Test
  void hypergradientEqualsFiniteDifferencesOfTheValidationLoss() {
    for (String reference : List.of("null", "{estimator = implicit}")) {
      SweepConfig c = SweepConfig.parse(BASE, Map.of("theta", "{mode = random, samples = 2, "
          + "seed = 9, dimension = features, coordinates = [{log {from = 0.01, to = 1, "
          + "count = 1}}]}", "outer", "{loss = squared, validation-fraction = 0.3, seed = 4}",
          "reference", reference, "output.x", "false", "output.jacobian", "false"));
      SweepPlan plan = SweepPlan.prepare(c, new Configuration());
      LabeledData train = plan.data().get(0).train();
      LabeledData val = plan.data().get(0).validation();
      for (SweepRow r : LocalSweep.run(plan)) {
        assertTrue(r.ok(), r.message());
        double[] theta = r.theta();
        assertEquals(validationLoss(val, ridgeSolution(train, theta)), r.outerValue(), 1e-12);
        for (int j = 0; j < theta.length; j++) {
          double h = 1e-5 * theta[j];
          double[] plus = theta.clone();
          double[] minus = theta.clone();
          plus[j] += h;
          minus[j] -= h;
          double fd = (validationLoss(val, ridgeSolution(train, plus))
              - validationLoss(val, ridgeSolution(train, minus))) / (2 * h);
          assertEquals(fd, r.hypergradient()[j], 1e-6 * (Math.abs(fd) + 1e-3),
              r.estimator() + " reference=" + reference + " d/dtheta_" + j);
        }
      }
    }
  }

  /** 1/(2V)·‖A x − b‖² on the validation rows. */
  static double validationLoss(LabeledData v, double[] x) {
    double s = 0;
    for (int i = 0; i < v.rows(); i++) {
      double r = -v.labels()[i];
      for (int j = 0; j < v.cols(); j++) {
        r += v.get(i, j) * x[j];
      }
      s += r * r;
    }
    return 0.5 * s / v.rows();
  }
}
