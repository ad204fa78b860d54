package dev.iterdiff.check;

import dev.iterdiff.map.Checks;
import dev.iterdiff.problem.ThirdOrderProblem;
import java.util.function.ToDoubleFunction;
import org.hipparchus.analysis.differentiation.DSFactory;
import org.hipparchus.analysis.differentiation.DerivativeStructure;
import org.hipparchus.util.Binary64;
import org.hipparchus.util.Binary64Field;
import org.hipparchus.util.MathArrays;

/**
 * A {@link ThirdOrderProblem} whose every derivative comes from forward-mode automatic differentiation
 * of a {@link FieldObjective} with Hipparchus {@link DerivativeStructure}s (multivariate
 * Taylor arithmetic, Kalman 2002; Griewank &amp; Walther ch. 13).
 *
 * <p>Each product seeds one unit variable per output component (the n coordinates of x, or
 * the m of θ) plus one variable per direction vector, and reads a mixed partial derivative:
 * e.g. (∇²ₓf) v = ∂²f(x + s + t·v)/∂sᵢ∂t, and ∇³ₓf[v, d, ·] = ∂³f(x + s + t₁v + t₂d)/∂sᵢ∂t₁∂t₂,
 * with order 2 or 3 over n + 2 (or m + 2) variables. The cost grows like (n+2)³: fine for the
 * small problems it is a reference for (n + m up to a few dozen), not for production sizes.
 *
 * <p>L and μ cannot be read off derivatives at one point; supply them as functions of θ or
 * {@link #lipschitz}/{@link #strongConvexity} throw. Allocates per call; thread-safe if the
 * objective is.
 */
public final class AdProblem implements ThirdOrderProblem {

  private final FieldObjective objective;
  private final ToDoubleFunction<double[]> lipschitz;
  private final ToDoubleFunction<double[]> strongConvexity;

  /** Without bounds: {@link #lipschitz} and {@link #strongConvexity} throw. */
  public AdProblem(FieldObjective objective) {
    this(objective, null, null);
  }

  /**
   * @param objective       the generic objective.
   * @param lipschitz       θ ↦ L(θ), or null.
   * @param strongConvexity θ ↦ μ(θ), or null.
   */
  public AdProblem(FieldObjective objective, ToDoubleFunction<double[]> lipschitz,
      ToDoubleFunction<double[]> strongConvexity) {
    if (objective == null) {
      throw new IllegalArgumentException("objective: null");
    }
    Checks.positive(objective.name() + ": dim", objective.dim());
    Checks.positive(objective.name() + ": thetaDim", objective.thetaDim());
    this.objective = objective;
    this.lipschitz = lipschitz;
    this.strongConvexity = strongConvexity;
  }

  @Override
  public String name() {
    return objective.name();
  }

  @Override
  public int dim() {
    return objective.dim();
  }

  @Override
  public int thetaDim() {
    return objective.thetaDim();
  }

  @Override
  public void checkTheta(double[] theta) {
    Checks.length("theta", theta, thetaDim());
    Checks.finite("theta", theta);
  }

  @Override
  public double value(double[] x, double[] theta) {
    checkPoint(x, theta);
    Binary64[] xs = MathArrays.buildArray(Binary64Field.getInstance(), x.length);
    Binary64[] ts = MathArrays.buildArray(Binary64Field.getInstance(), theta.length);
    for (int i = 0; i < x.length; i++) {
      xs[i] = new Binary64(x[i]);
    }
    for (int j = 0; j < theta.length; j++) {
      ts[j] = new Binary64(theta[j]);
    }
    return objective.value(xs, ts).getReal();
  }

  @Override
  public void gradient(double[] x, double[] theta, double[] out) {
    checkPoint(x, theta);
    mixedPartials(x, theta, true, null, null, null, null, out);
  }

  @Override
  public void hvp(double[] x, double[] theta, double[] v, double[] out) {
    checkPoint(x, theta);
    mixedPartials(x, theta, true, v, null, null, null, out);
  }

  @Override
  public void hessian(double[] x, double[] theta, double[] out) {
    checkPoint(x, theta);
    int n = dim();
    Checks.length("hessian out", out, n * n);
    double[] e = new double[n];
    double[] col = new double[n];
    for (int j = 0; j < n; j++) {
      e[j] = 1.0;
      mixedPartials(x, theta, true, e, null, null, null, col);
      System.arraycopy(col, 0, out, j * n, n);
      e[j] = 0.0;
    }
  }

  @Override
  public void crossJvp(double[] x, double[] theta, double[] w, double[] out) {
    checkPoint(x, theta);
    mixedPartials(x, theta, true, null, w, null, null, out);
  }

  @Override
  public void crossVjp(double[] x, double[] theta, double[] u, double[] out) {
    checkPoint(x, theta);
    mixedPartials(x, theta, false, u, null, null, null, out);
  }

  @Override
  public void hessianDerivX(double[] x, double[] theta, double[] d, double[] v, double[] out) {
    checkPoint(x, theta);
    mixedPartials(x, theta, true, v, null, d, null, out);
  }

  @Override
  public void hessianDerivThetaJvp(double[] x, double[] theta, double[] d, double[] w,
      double[] out) {
    checkPoint(x, theta);
    mixedPartials(x, theta, true, d, null, null, w, out);
  }

  @Override
  public void hessianDerivThetaVjp(double[] x, double[] theta, double[] d, double[] u,
      double[] out) {
    checkPoint(x, theta);
    mixedPartials(x, theta, false, u, null, d, null, out);
  }

  @Override
  public double lipschitz(double[] theta) {
    if (lipschitz == null) {
      throw new UnsupportedOperationException(name()
          + ": no Lipschitz bound was given to this AdProblem (pass θ ↦ L(θ))");
    }
    return lipschitz.applyAsDouble(theta);
  }

  @Override
  public double strongConvexity(double[] theta) {
    if (strongConvexity == null) {
      throw new UnsupportedOperationException(name()
          + ": no strong-convexity bound was given to this AdProblem (pass θ ↦ μ(θ))");
    }
    return strongConvexity.applyAsDouble(theta);
  }

  private void checkPoint(double[] x, double[] theta) {
    Checks.length("x", x, dim());
    Checks.length("theta", theta, thetaDim());
  }

  /**
   * out_i = ∂^k f(x + [unitsOnX] s + t₁·a + t₂·b, θ + [!unitsOnX] s + t₁·aθ + t₂·bθ) /
   * ∂sᵢ ∂t₁ … — the unit family s spans x (out length n) or θ (out length m); the first
   * direction is {@code xDir1} on x or {@code thetaDir1} on θ, the second {@code xDir2} or
   * {@code thetaDir2}; a null pair means no such direction. Order = 1 + number of directions.
   */
  private void mixedPartials(double[] x, double[] theta, boolean unitsOnX, double[] xDir1,
      double[] thetaDir1, double[] xDir2, double[] thetaDir2, double[] out) {
    int n = dim();
    int m = thetaDim();
    int q = unitsOnX ? n : m;
    Checks.length("out", out, q);
    if (xDir1 != null) {
      Checks.length("direction in x", xDir1, n);
    }
    if (xDir2 != null) {
      Checks.length("direction in x", xDir2, n);
    }
    if (thetaDir1 != null) {
      Checks.length("direction in theta", thetaDir1, m);
    }
    if (thetaDir2 != null) {
      Checks.length("direction in theta", thetaDir2, m);
    }
    boolean has1 = xDir1 != null || thetaDir1 != null;
    boolean has2 = xDir2 != null || thetaDir2 != null;
    int extras = (has1 ? 1 : 0) + (has2 ? 1 : 0);
    DSFactory factory = new DSFactory(q + extras, 1 + extras);
    DerivativeStructure t1 = has1 ? factory.variable(q, 0.0) : null;
    DerivativeStructure t2 = has2 ? factory.variable(q + (has1 ? 1 : 0), 0.0) : null;
    DerivativeStructure[] xs = MathArrays.buildArray(factory.getDerivativeField(), n);
    DerivativeStructure[] ts = MathArrays.buildArray(factory.getDerivativeField(), m);
    for (int i = 0; i < n; i++) {
      xs[i] = seed(factory, x[i], unitsOnX ? i : -1, t1, xDir1 == null ? 0 : xDir1[i],
          t2, xDir2 == null ? 0 : xDir2[i]);
    }
    for (int j = 0; j < m; j++) {
      ts[j] = seed(factory, theta[j], unitsOnX ? -1 : j, t1,
          thetaDir1 == null ? 0 : thetaDir1[j], t2, thetaDir2 == null ? 0 : thetaDir2[j]);
    }
    DerivativeStructure f = objective.value(xs, ts);
    int[] orders = new int[q + extras];
    for (int e = 0; e < extras; e++) {
      orders[q + e] = 1;
    }
    for (int i = 0; i < q; i++) {
      orders[i] = 1;
      out[i] = f.getPartialDerivative(orders);
      orders[i] = 0;
    }
  }

  /** value + s_unit + c1·t1 + c2·t2 (unit &lt; 0: no unit variable). */
  private static DerivativeStructure seed(DSFactory factory, double value, int unit,
      DerivativeStructure t1, double c1, DerivativeStructure t2, double c2) {
    DerivativeStructure s = unit >= 0 ? factory.variable(unit, value) : factory.constant(value);
    if (t1 != null && c1 != 0.0) {
      s = s.add(t1.multiply(c1));
    }
    if (t2 != null && c2 != 0.0) {
      s = s.add(t2.multiply(c2));
    }
    return s;
  }
}
