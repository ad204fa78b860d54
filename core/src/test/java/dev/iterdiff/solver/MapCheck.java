package dev.iterdiff.solver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iterdiff.map.DifferentiableMap;
import java.util.Random;

/**
 * Test oracles for a {@link DifferentiableMap}: its four products against a reference map
 * (forward-mode AD), and the adjoint identity ⟨u, J v⟩ = ⟨Jᵀu, v⟩. Central differences are
 * {@link dev.iterdiff.check.FiniteDifferences}.
 */
public final class MapCheck {

  private MapCheck() {}

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

      /** ‖a − b‖. */
  static double diffNorm(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += (a[i] - b[i]) * (a[i] - b[i]);
    }
    return Math.sqrt(s);
  }

  /** ‖a − b‖ / max(1e-300, ‖b‖). */
  public static double relErr(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += (a[i] - b[i]) * (a[i] - b[i]);
    }
    return Math.sqrt(s) / Math.max(1e-300, norm(b));
  }

    /** The adjoint identities ⟨u, J_x v⟩ = ⟨J_xᵀu, v⟩ and ⟨u, J_θ w⟩ = ⟨J_θᵀu, w⟩ to 1e-12. */
  public static void adjoint(DifferentiableMap m, double[] x, double[] theta, long seed) {
    Random rng = new Random(seed);
    for (int rep = 0; rep < 3; rep++) {
      double[] v = random(rng, m.xDim());
      double[] w = random(rng, m.thetaDim());
      double[] u = random(rng, m.outDim());
      double[] jv = new double[m.outDim()];
      double[] jtu = new double[m.xDim()];
      double[] jw = new double[m.outDim()];
      double[] jttu = new double[m.thetaDim()];
      m.jvpX(x, theta, v, jv);
      m.vjpX(x, theta, u, jtu);
      m.jvpTheta(x, theta, w, jw);
      m.vjpTheta(x, theta, u, jttu);
      double scaleX = norm(u) * norm(jv) + norm(jtu) * norm(v);
      assertEquals(dot(u, jv), dot(jtu, v), 1e-12 * scaleX, "adjoint identity in x");
      double scaleT = norm(u) * norm(jw) + norm(jttu) * norm(w);
      assertEquals(dot(u, jw), dot(jttu, w), 1e-12 * scaleT, "adjoint identity in theta");
    }
  }

  /**
   * The four products of {@code m} against those of {@code reference} (e.g. forward-mode AD)
   * on random directions: ‖a − b‖ ≤ tol·‖b‖ + 1e-13·‖direction‖.
   */
  public static void sameProducts(DifferentiableMap m, DifferentiableMap reference,
      double[] x, double[] theta, long seed, double tol, String label) {
    Random rng = new Random(seed);
    int n = m.xDim();
    int p = m.thetaDim();
    int o = m.outDim();
    for (int rep = 0; rep < 2; rep++) {
      double[] v = random(rng, n);
      double[] w = random(rng, p);
      double[] u = random(rng, o);
      double[][] mine = {new double[o], new double[n], new double[o], new double[p]};
      double[][] ref = {new double[o], new double[n], new double[o], new double[p]};
      m.jvpX(x, theta, v, mine[0]);
      reference.jvpX(x, theta, v, ref[0]);
      m.vjpX(x, theta, u, mine[1]);
      reference.vjpX(x, theta, u, ref[1]);
      m.jvpTheta(x, theta, w, mine[2]);
      reference.jvpTheta(x, theta, w, ref[2]);
      m.vjpTheta(x, theta, u, mine[3]);
      reference.vjpTheta(x, theta, u, ref[3]);
      String[] names = {"jvpX", "vjpX", "jvpTheta", "vjpTheta"};
      double[] dirs = {norm(v), norm(u), norm(w), norm(u)};
      for (int k = 0; k < 4; k++) {
        // relative, with an absolute floor of 1e-13·‖direction‖ for products that vanish
        // (Newton's J_xF with t = 1 on a quadratic is exactly 0)
        double err = diffNorm(mine[k], ref[k]);
        assertTrue(err <= tol * norm(ref[k]) + 1e-13 * dirs[k], label + " " + names[k]
            + " vs reference: abs err " + err + ", |reference| " + norm(ref[k]));
      }
      double[] a = new double[o];
      double[] b = new double[o];
      m.apply(x, theta, a);
      reference.apply(x, theta, b);
      assertTrue(relErr(a, b) <= tol, label + " apply vs reference: rel err " + relErr(a, b));
    }
  }
}
