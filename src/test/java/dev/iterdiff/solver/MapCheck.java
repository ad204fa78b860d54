package dev.iterdiff.solver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iterdiff.map.DifferentiableMap;
import java.util.Random;

/**
 * Test oracle for a {@link DifferentiableMap}: its four products against the Jacobians
 * materialised by central finite differences of {@code apply}, and the adjoint identity
 * ⟨u, J v⟩ = ⟨Jᵀu, v⟩.
 */
public final class MapCheck {

  private MapCheck() {}

  /** Central-difference Jacobian of apply in x (wrt = 0) or θ (wrt = 1); column-major outDim×dim. */
  public static double[] fdJacobian(DifferentiableMap m, double[] x, double[] theta, int wrt,
      double h) {
    int dim = wrt == 0 ? m.xDim() : m.thetaDim();
    int out = m.outDim();
    double[] jac = new double[out * dim];
    double[] plus = new double[out];
    double[] minus = new double[out];
    for (int j = 0; j < dim; j++) {
      double[] xp = x.clone();
      double[] tp = theta.clone();
      double[] xm = x.clone();
      double[] tm = theta.clone();
      double[] ap = wrt == 0 ? xp : tp;
      double[] am = wrt == 0 ? xm : tm;
      double step = h * Math.max(1.0, Math.abs(ap[j]));
      ap[j] += step;
      am[j] -= step;
      m.apply(xp, tp, plus);
      m.apply(xm, tm, minus);
      for (int i = 0; i < out; i++) {
        jac[i + j * out] = (plus[i] - minus[i]) / (2 * step);
      }
    }
    return jac;
  }

  /** Random vector with entries in [-1, 1). */
  public static double[] random(Random rng, int n) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = 2 * rng.nextDouble() - 1;
    }
    return v;
  }

  static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  static double norm(double[] a) {
    return Math.sqrt(dot(a, a));
  }

  /** out = J v (column-major rows×cols J) */
  static double[] mult(double[] jac, int rows, int cols, double[] v) {
    double[] out = new double[rows];
    for (int j = 0; j < cols; j++) {
      for (int i = 0; i < rows; i++) {
        out[i] += jac[i + j * rows] * v[j];
      }
    }
    return out;
  }

  /** out = Jᵀ u */
  static double[] multT(double[] jac, int rows, int cols, double[] u) {
    double[] out = new double[cols];
    for (int j = 0; j < cols; j++) {
      for (int i = 0; i < rows; i++) {
        out[j] += jac[i + j * rows] * u[i];
      }
    }
    return out;
  }

  /** ‖a − b‖ / max(1e-300, ‖b‖). */
  public static double relErr(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += (a[i] - b[i]) * (a[i] - b[i]);
    }
    return Math.sqrt(s) / Math.max(1e-300, norm(b));
  }

  /**
   * Checks jvpX, vjpX, jvpTheta, vjpTheta against central differences (relative error ≤ tol,
   * step h) on three random directions each, and the adjoint identities to 1e-12 relative.
   */
  public static void checkAll(DifferentiableMap m, double[] x, double[] theta, long seed,
      double h, double tol) {
    Random rng = new Random(seed);
    int n = m.xDim();
    int p = m.thetaDim();
    int o = m.outDim();
    double[] jx = fdJacobian(m, x, theta, 0, h);
    double[] jt = fdJacobian(m, x, theta, 1, h);
    for (int rep = 0; rep < 3; rep++) {
      double[] v = random(rng, n);
      double[] w = random(rng, p);
      double[] u = random(rng, o);
      double[] jv = new double[o];
      double[] jtu = new double[n];
      double[] jw = new double[o];
      double[] jttu = new double[p];
      m.jvpX(x, theta, v, jv);
      m.vjpX(x, theta, u, jtu);
      m.jvpTheta(x, theta, w, jw);
      m.vjpTheta(x, theta, u, jttu);
      assertTrue(relErr(jv, mult(jx, o, n, v)) <= tol,
          "jvpX vs FD: rel err " + relErr(jv, mult(jx, o, n, v)));
      assertTrue(relErr(jtu, multT(jx, o, n, u)) <= tol,
          "vjpX vs FD: rel err " + relErr(jtu, multT(jx, o, n, u)));
      assertTrue(relErr(jw, mult(jt, o, p, w)) <= tol,
          "jvpTheta vs FD: rel err " + relErr(jw, mult(jt, o, p, w)));
      assertTrue(relErr(jttu, multT(jt, o, p, u)) <= tol,
          "vjpTheta vs FD: rel err " + relErr(jttu, multT(jt, o, p, u)));
      double scaleX = norm(u) * norm(jv) + norm(jtu) * norm(v);
      assertEquals(dot(u, jv), dot(jtu, v), 1e-12 * scaleX, "adjoint identity in x");
      double scaleT = norm(u) * norm(jw) + norm(jttu) * norm(w);
      assertEquals(dot(u, jw), dot(jttu, w), 1e-12 * scaleT, "adjoint identity in theta");
    }
  }
}
