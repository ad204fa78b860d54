package dev.iterdiff.solver;

import dev.iterdiff.check.FieldMap;
import dev.iterdiff.solver.SolverFixtures.FieldObjectiveDerivatives;
import org.hipparchus.CalculusFieldElement;
import org.hipparchus.util.MathArrays;

/**
 * The iteration maps written generically over field elements, from a problem's generic
 * gradient and Hessian: references for the hand-written products by forward-mode AD
 * ({@link dev.iterdiff.check.ForwardModeMap}).
 */
public final class FieldIterations {

  private FieldIterations() {}

  /** x − t∇f(x). */
  public static FieldMap gradientDescent(FieldObjectiveDerivatives f, int n, int m, double t) {
    return new Base(n, n, m) {
      @Override
      public <T extends CalculusFieldElement<T>> void apply(T[] x, T[] theta, T[] out) {
        T[] g = MathArrays.buildArray(x[0].getField(), n);
        f.gradient(x, theta, g);
        for (int i = 0; i < n; i++) {
          out[i] = x[i].subtract(g[i].multiply(t));
        }
      }
    };
  }

  /** (x − α∇f(x) + β(x − x_prev), x). */
  public static FieldMap heavyBall(FieldObjectiveDerivatives f, int n, int m, double a, double b) {
    return new Base(2 * n, 2 * n, m) {
      @Override
      public <T extends CalculusFieldElement<T>> void apply(T[] s, T[] theta, T[] out) {
        T[] x = MathArrays.buildArray(s[0].getField(), n);
        System.arraycopy(s, 0, x, 0, n);
        T[] g = MathArrays.buildArray(s[0].getField(), n);
        f.gradient(x, theta, g);
        for (int i = 0; i < n; i++) {
          out[i] = s[i].subtract(g[i].multiply(a)).add(s[i].subtract(s[n + i]).multiply(b));
          out[n + i] = s[i];
        }
      }
    };
  }

  /** y = x + β(x − x_prev): (y − t∇f(y), x). */
  public static FieldMap nesterov(FieldObjectiveDerivatives f, int n, int m, double t, double b) {
    return new Base(2 * n, 2 * n, m) {
      @Override
      public <T extends CalculusFieldElement<T>> void apply(T[] s, T[] theta, T[] out) {
        T[] y = MathArrays.buildArray(s[0].getField(), n);
        for (int i = 0; i < n; i++) {
          y[i] = s[i].add(s[i].subtract(s[n + i]).multiply(b));
        }
        T[] g = MathArrays.buildArray(s[0].getField(), n);
        f.gradient(y, theta, g);
        for (int i = 0; i < n; i++) {
          out[i] = y[i].subtract(g[i].multiply(t));
          out[n + i] = s[i];
        }
      }
    };
  }

  /** x − t·H(x)⁻¹∇f(x), H solved by Gaussian elimination in the field (H is SPD). */
  public static FieldMap newton(FieldObjectiveDerivatives f, int n, int m, double t) {
    return new Base(n, n, m) {
      @Override
      public <T extends CalculusFieldElement<T>> void apply(T[] x, T[] theta, T[] out) {
        T[] g = MathArrays.buildArray(x[0].getField(), n);
        T[][] h = MathArrays.buildArray(x[0].getField(), n, n);
        f.gradient(x, theta, g);
        f.hessian(x, theta, h);
        for (int k = 0; k < n; k++) {
          for (int i = k + 1; i < n; i++) {
            T factor = h[i][k].divide(h[k][k]);
            for (int j = k; j < n; j++) {
              h[i][j] = h[i][j].subtract(factor.multiply(h[k][j]));
            }
            g[i] = g[i].subtract(factor.multiply(g[k]));
          }
        }
        for (int i = n - 1; i >= 0; i--) {
          T s = g[i];
          for (int j = i + 1; j < n; j++) {
            s = s.subtract(h[i][j].multiply(g[j]));
          }
          g[i] = s.divide(h[i][i]);
        }
        for (int i = 0; i < n; i++) {
          out[i] = x[i].subtract(g[i].multiply(t));
        }
      }
    };
  }

  /** ∇f(x). */
  public static FieldMap stationarity(FieldObjectiveDerivatives f, int n, int m) {
    return new Base(n, n, m) {
      @Override
      public <T extends CalculusFieldElement<T>> void apply(T[] x, T[] theta, T[] out) {
        f.gradient(x, theta, out);
      }
    };
  }

  /** G(s) = F(s) − s. */
  public static FieldMap fixedPoint(FieldMap f) {
    return new Base(f.xDim(), f.outDim(), f.thetaDim()) {
      @Override
      public <T extends CalculusFieldElement<T>> void apply(T[] s, T[] theta, T[] out) {
        f.apply(s, theta, out);
        for (int i = 0; i < out.length; i++) {
          out[i] = out[i].subtract(s[i]);
        }
      }
    };
  }

  private abstract static class Base implements FieldMap {
    private final int xDim;
    private final int outDim;
    private final int thetaDim;

    Base(int xDim, int outDim, int thetaDim) {
      this.xDim = xDim;
      this.outDim = outDim;
      this.thetaDim = thetaDim;
    }

    @Override public int xDim() { return xDim; }
    @Override public int thetaDim() { return thetaDim; }
    @Override public int outDim() { return outDim; }
  }
}
