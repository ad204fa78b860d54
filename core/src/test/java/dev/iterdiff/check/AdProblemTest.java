package dev.iterdiff.check;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.hipparchus.CalculusFieldElement;
import org.junit.jupiter.api.Test;

/**
 * AdProblem against hand-derived derivatives of f(x, θ) = θ₀/6·Σᵢ xᵢ³ + θ₁²·x₀x₁x₂ (n = 3,
 * m = 2): every order up to the third is non-zero.
 */
class AdProblemTest {

  static final FieldObjective F = new FieldObjective() {
    public String name() {
      return "cubic";
    }

    public int dim() {
      return 3;
    }

    public int thetaDim() {
      return 2;
    }

    public <T extends CalculusFieldElement<T>> T value(T[] x, T[] t) {
      T cubes = x[0].pow(3).add(x[1].pow(3)).add(x[2].pow(3));
      return t[0].multiply(cubes).divide(6).add(t[1].square().multiply(x[0]).multiply(x[1])
          .multiply(x[2]));
    }
  };

  static final double[] X = {0.5, -1.5, 2.0};
  static final double[] T = {1.3, -0.7};
  static final double[] V = {0.2, 1.0, -0.4};
  static final double[] D = {-1.1, 0.3, 0.9};
  static final double[] W = {0.6, 2.0};

  /** Product of the two coordinates other than i and j (i ≠ j): the remaining one. */
  static double other(int i, int j) {
    return X[3 - i - j];
  }

  /** ∂²f/∂xᵢ∂xⱼ. */
  static double h(double[] t, int i, int j) {
    return i == j ? t[0] * X[i] : t[1] * t[1] * other(i, j);
  }

  /** ∂³f/∂xᵢ∂xⱼ∂xₖ. */
  static double third(int i, int j, int k) {
    if (i == j && j == k) {
      return T[0];
    }
    return (i != j && j != k && i != k) ? T[1] * T[1] : 0.0;
  }

  /** ∂/∂θ_l of ∂²f/∂xᵢ∂xⱼ. */
  static double hTheta(int i, int j, int l) {
    if (i == j) {
      return l == 0 ? X[i] : 0.0;
    }
    return l == 1 ? 2 * T[1] * other(i, j) : 0.0;
  }

  /** ∂/∂θ_l of ∂f/∂xᵢ. */
  static double gTheta(int i, int l) {
    return l == 0 ? X[i] * X[i] / 2 : 2 * T[1] * X[(i + 1) % 3] * X[(i + 2) % 3];
  }

  @Test
  void everyProductMatchesTheClosedForm() {
    AdProblem p = new AdProblem(F);
    double[] out3 = new double[3];
    double[] out2 = new double[2];
    double tol = 1e-13;

    assertEquals(T[0] / 6 * (0.125 - 3.375 + 8) + T[1] * T[1] * (0.5 * -1.5 * 2), p.value(X, T),
        tol);
    p.gradient(X, T, out3);
    for (int i = 0; i < 3; i++) {
      assertEquals(T[0] * X[i] * X[i] / 2 + T[1] * T[1] * X[(i + 1) % 3] * X[(i + 2) % 3],
          out3[i], tol, "gradient " + i);
    }
    double[] hess = new double[9];
    p.hessian(X, T, hess);
    double[] hv = new double[3];
    double[] third = new double[3];
    double[] thetaJvp = new double[3];
    double[] cross = new double[3];
    double[] crossT = new double[2];
    double[] thetaVjp = new double[2];
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        assertEquals(h(T, i, j), hess[i + 3 * j], tol, "hessian " + i + "," + j);
        hv[i] += h(T, i, j) * V[j];
        for (int k = 0; k < 3; k++) {
          third[i] += third(i, j, k) * V[j] * D[k];
        }
        for (int l = 0; l < 2; l++) {
          thetaJvp[i] += hTheta(i, j, l) * D[j] * W[l];
          thetaVjp[l] += V[i] * hTheta(i, j, l) * D[j];
        }
      }
      for (int l = 0; l < 2; l++) {
        cross[i] += gTheta(i, l) * W[l];
        crossT[l] += gTheta(i, l) * V[i];
      }
    }
    p.hvp(X, T, V, out3);
    assertArrayEquals(hv, out3, tol);
    p.crossJvp(X, T, W, out3);
    assertArrayEquals(cross, out3, tol);
    p.crossVjp(X, T, V, out2);
    assertArrayEquals(crossT, out2, tol);
    p.hessianDerivX(X, T, D, V, out3);
    assertArrayEquals(third, out3, tol);
    p.hessianDerivThetaJvp(X, T, D, W, out3);
    assertArrayEquals(thetaJvp, out3, tol);
    p.hessianDerivThetaVjp(X, T, D, V, out2);
    assertArrayEquals(thetaVjp, out2, tol);
  }

  @Test
  void finiteDifferencesAgreeWithAd() {
    FiniteDifferenceReport r = FiniteDifferences.checkProblem(new AdProblem(F), X, T, 3);
    assertTrue(r.passes(1e-7, 1e-9), r::toString);
    assertEquals(10, r.errors().size());
  }

  @Test
  void boundsMustBeSuppliedAndInputsAreChecked() {
    AdProblem p = new AdProblem(F);
    UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
        () -> p.lipschitz(T));
    assertTrue(e.getMessage().contains("cubic: no Lipschitz bound"), e.getMessage());
    assertEquals(4.0, new AdProblem(F, t -> 4.0, t -> 1.0).lipschitz(T));
    IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
        () -> p.checkTheta(new double[] {1.0, Double.NaN}));
    assertEquals("theta[1] is NaN (must be finite)", nan.getMessage());
    IllegalArgumentException len = assertThrows(IllegalArgumentException.class,
        () -> p.gradient(new double[2], T, new double[3]));
    assertEquals("x: length 2 != 3", len.getMessage());
  }
}
