package dev.iterdiff.problem;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iterdiff.check.FiniteDifferenceReport;
import dev.iterdiff.check.FiniteDifferences;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The non-smooth parts: proximal operators and projections against closed forms and an
 * independent bisection projection onto the simplex (1e-12); their Jacobian products against
 * central finite differences at points at least 1e-2 away from every kink or face (relative
 * 1e-6 or absolute 1e-9); JVP and VJP adjoint to each other everywhere, kinks included
 * (relative 1e-13); the generalized Jacobian at kinks as documented; bad input named.
 */
class ProximalTermsTest {

  static final int N = 7;
  static final double ETA = 0.7;

  @Test
  void proximalOperatorsMatchTheirClosedForms() {
    double[] out = new double[4];
    L1Penalty l1 = L1Penalty.fixed(4, 0.5);
    l1.prox(new double[] {3, -0.5, 1, -4}, null, 2, out);
    assertArrayEquals(new double[] {2, 0, 0, -3}, out, 1e-15);
    assertEquals(0.5 * (3 + 0.5 + 1 + 4), l1.value(new double[] {3, -0.5, 1, -4}, null), 1e-15);
    double[] three = new double[3];
    ElasticNetPenalty.fixed(3, 0.5, 1).prox(new double[] {4, -2, 0.5}, null, 2, three);
    assertArrayEquals(new double[] {1, -1.0 / 3, 0}, three, 1e-15);
    BoxConstraint box = BoxConstraint.uniform(3, -1, 1);
    box.prox(new double[] {-2, 0.3, 5}, null, ETA, three);
    assertArrayEquals(new double[] {-1, 0.3, 1}, three, 0);
    assertEquals(Double.POSITIVE_INFINITY, box.value(new double[] {0, 2, 0}, null));
    assertEquals(0.0, box.value(three, null));
    BoxConstraint.nonNegative(3).prox(new double[] {-2, 0.3, 5}, null, ETA, three);
    assertArrayEquals(new double[] {0, 0.3, 5}, three, 0);
    SimplexConstraint simplex = SimplexConstraint.fixed(3, 1);
    simplex.prox(new double[] {0.5, 0.8, -1}, null, ETA, three);
    assertArrayEquals(new double[] {0.35, 0.65, 0}, three, 1e-15);
    assertTrue(simplex.contains(three, null));
    assertFalse(simplex.contains(new double[] {0.5, 0.6, 0}, null));
  }

  @Test
  void simplexProjectionAgreesWithBisection() {
    double[] out = new double[N];
    for (long seed = 1; seed <= 20; seed++) {
      double[] z = scaled(RandomDatasets.gaussian(N, seed), 3);
      double r = 0.5 + seed % 3;
      SimplexConstraint.fixed(N, r).prox(z, null, ETA, out);
      double tau = bisectionThreshold(z, r);
      for (int j = 0; j < N; j++) {
        assertEquals(Math.max(z[j] - tau, 0), out[j], 1e-12, "seed " + seed);
      }
    }
  }

  /** τ with Σ max(zⱼ − τ, 0) = r, by 200 bisections (independent of the sort). */
  static double bisectionThreshold(double[] z, double r) {
    double lo = -r;
    double hi = 0;
    for (double v : z) {
      lo = Math.min(lo, v - r);
      hi = Math.max(hi, v);
    }
    for (int it = 0; it < 200; it++) {
      double mid = 0.5 * (lo + hi);
      double s = 0;
      for (double v : z) {
        s += Math.max(v - mid, 0);
      }
      if (s > r) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    return 0.5 * (lo + hi);
  }

  record Term(ProximalTerm term, double[] theta) {}

  static List<Term> terms() {
    return List.of(
        new Term(L1Penalty.fromTheta(N, 1), new double[] {0.6}),
        new Term(L1Penalty.fromTheta(N, N), RandomDatasets.uniform(N, 0.1, 1.5, 2)),
        new Term(L1Penalty.fixed(N, 0.4), new double[0]),
        new Term(ElasticNetPenalty.fromTheta(N), new double[] {0.5, 0.8}),
        new Term(BoxConstraint.uniform(N, -1, 1.5), new double[0]),
        new Term(BoxConstraint.nonNegative(N), new double[0]),
        new Term(SimplexConstraint.fixed(N, 1), new double[0]),
        new Term(SimplexConstraint.radiusFromTheta(N), new double[] {2.5}));
  }

  /** The kinks of each term at z: |zⱼ| = ητ, zⱼ ∈ {l, u}, zⱼ = τ_simplex. */
  static double distanceToKinks(Term t, double[] z) {
    double d = Double.POSITIVE_INFINITY;
    double[] th = t.theta();
    for (int j = 0; j < N; j++) {
      switch (t.term().name()) {
        case "l1" -> d = Math.min(d, Math.abs(Math.abs(z[j]) - ETA * (th.length == 0 ? 0.4
            : th.length == 1 ? th[0] : th[j])));
        case "elastic-net" -> d = Math.min(d, Math.abs(Math.abs(z[j]) - ETA * th[0]));
        case "box" -> d = Math.min(d, Math.min(Math.abs(z[j] + 1), Math.abs(z[j] - 1.5)));
        case "non-negative" -> d = Math.min(d, Math.abs(z[j]));
        default -> d = Math.min(d, Math.abs(z[j] - bisectionThreshold(z,
            th.length == 0 ? 1 : th[0])));
      }
    }
    return d;
  }

  @Test
  void jacobianProductsAgreeWithFiniteDifferencesAwayFromKinks() {
    for (Term t : terms()) {
      int checked = 0;
      for (long seed = 1; checked < 3; seed++) {
        double[] z = scaled(RandomDatasets.gaussian(N, 100 + seed), 2);
        if (distanceToKinks(t, z) < 1e-2) {
          continue;
        }
        checked++;
        FiniteDifferenceReport r = FiniteDifferences.checkMap(new ProximalMap(t.term(), ETA), z,
            t.theta(), seed);
        assertTrue(r.passes(1e-6, 1e-9), () -> t.term().name() + "\n" + r);
      }
    }
  }

  @Test
  void jvpAndVjpAreAdjointEverywhereIncludingKinks() {
    for (Term t : terms()) {
      ProximalTerm g = t.term();
      int m = g.thetaDim();
      double[] z = scaled(RandomDatasets.gaussian(N, 7), 2);
      z[0] = ETA * (t.theta().length > 0 ? t.theta()[0] : 0.4); // on an ℓ₁ kink
      z[1] = 1.5; // on the box's upper face
      double[] v = RandomDatasets.gaussian(N, 8);
      double[] u = RandomDatasets.gaussian(N, 9);
      double[] w = RandomDatasets.gaussian(m, 10);
      double[] jv = new double[N];
      double[] jtu = new double[N];
      g.proxJvpX(z, t.theta(), ETA, v, jv);
      g.proxVjpX(z, t.theta(), ETA, u, jtu);
      assertEquals(dot(u, jv), dot(jtu, v), 1e-13 * (1 + Math.abs(dot(u, jv))), g.name());
      double[] jw = new double[N];
      double[] jtuTheta = new double[m];
      g.proxJvpTheta(z, t.theta(), ETA, w, jw);
      g.proxVjpTheta(z, t.theta(), ETA, u, jtuTheta);
      assertEquals(dot(u, jw), dot(jtuTheta, w), 1e-13 * (1 + Math.abs(dot(u, jw))), g.name());
    }
  }

  @Test
  void generalizedJacobiansAtKinksAreTheDocumentedElements() {
    double[] out = new double[3];
    double[] ones = {1, 1, 1};
    // soft thresholding at |z| = ητ: 0 in z and in τ
    L1Penalty l1 = L1Penalty.fromTheta(3, 1);
    double[] z = {0.35, -0.35, 1};
    l1.proxJvpX(z, new double[] {0.5}, ETA, ones, out);
    assertArrayEquals(new double[] {0, 0, 1}, out, 0);
    l1.proxJvpTheta(z, new double[] {0.5}, ETA, new double[] {1}, out);
    assertArrayEquals(new double[] {0, 0, -ETA}, out, 0);
    // box face: clamped
    BoxConstraint.uniform(3, 0, 1).proxJvpX(new double[] {0, 1, 0.5}, null, ETA, ones, out);
    assertArrayEquals(new double[] {0, 0, 1}, out, 0);
    // simplex: z = (0.5, 0.8, −1), S = {0, 1}: v_S − mean(v_S) on S
    SimplexConstraint.fixed(3, 1).proxJvpX(new double[] {0.5, 0.8, -1}, null, ETA,
        new double[] {1, 3, 5}, out);
    assertArrayEquals(new double[] {-1, 1, 0}, out, 1e-15);
  }

  @Test
  void badInputIsNamed() {
    assertEquals("eta is 0.0 (prox step: must be finite and > 0)", assertThrows(
        IllegalArgumentException.class, () -> L1Penalty.fixed(2, 1).prox(new double[2], null, 0,
            new double[2])).getMessage());
    assertEquals("tau is -1.0 (l1: must be finite and ≥ 0)", assertThrows(
        IllegalArgumentException.class, () -> L1Penalty.fixed(2, -1)).getMessage());
    assertEquals("theta[1] is -0.5 (l1: thresholds must be ≥ 0)", assertThrows(
        IllegalArgumentException.class,
        () -> L1Penalty.fromTheta(2, 2).checkTheta(new double[] {1, -0.5})).getMessage());
    assertEquals("theta: length 3, expected 1 or 2 (l1: one threshold or one per coordinate)",
        assertThrows(IllegalArgumentException.class, () -> L1Penalty.fromTheta(2, 3))
            .getMessage());
    assertEquals("theta[1] is -2.0 (elastic-net: l1 and l2 weights must be ≥ 0)", assertThrows(
        IllegalArgumentException.class, () -> ElasticNetPenalty.fixed(2, 1, -2)).getMessage());
    assertEquals("box: bounds of coordinate 1 are [2.0, 1.0] (must be l ≤ u, not NaN)",
        assertThrows(IllegalArgumentException.class,
            () -> new BoxConstraint(new double[] {0, 2}, new double[] {1, 1})).getMessage());
    assertEquals("radius is 0.0 (simplex: must be finite and > 0)", assertThrows(
        IllegalArgumentException.class, () -> SimplexConstraint.fixed(3, 0)).getMessage());
    assertEquals("theta: length 1, expected 0 (box has no parameter)", assertThrows(
        IllegalArgumentException.class,
        () -> BoxConstraint.uniform(2, 0, 1).checkTheta(new double[1])).getMessage());
  }

  static double[] scaled(double[] a, double s) {
    for (int i = 0; i < a.length; i++) {
      a[i] *= s;
    }
    return a;
  }

  static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }
}
