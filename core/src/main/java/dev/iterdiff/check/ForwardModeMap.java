package dev.iterdiff.check;

import dev.iterdiff.map.Checks;
import dev.iterdiff.map.DifferentiableMap;
import org.hipparchus.analysis.differentiation.Gradient;
import org.hipparchus.analysis.differentiation.GradientField;
import org.hipparchus.util.Binary64;
import org.hipparchus.util.Binary64Field;
import org.hipparchus.util.MathArrays;

/**
 * The four products of a {@link FieldMap} by forward-mode automatic differentiation
 * (Hipparchus {@link Gradient}, i.e. dual numbers carrying a first-order tangent; Griewank
 * &amp; Walther, <i>Evaluating Derivatives</i>, 2nd ed., ch. 3).
 *
 * <ul>
 *   <li>JVPs (∂ₓM)v and (∂_θM)w: one evaluation with one free parameter, seeded with the
 *       direction — cost ≈ 2–3 evaluations of M.</li>
 *   <li>VJPs (∂ₓM)ᵀu and (∂_θM)ᵀu: forward mode has no cheap transpose, so the Jacobian is
 *       materialised by one evaluation with xDim (or thetaDim) free parameters and then
 *       multiplied by u — cost ≈ dim evaluations. <b>Meant for small dimensions</b> (tens);
 *       write the products by hand for large maps and use this class to test them.</li>
 * </ul>
 * Allocates dual numbers per call (this is a reference implementation, not a hot path).
 * Stateless apart from the wrapped map: thread-safe if the map is.
 */
public final class ForwardModeMap implements DifferentiableMap {

  private final FieldMap map;

  /** @param map the generic user map. */
  public ForwardModeMap(FieldMap map) {
    if (map == null) {
      throw new IllegalArgumentException("map: null");
    }
    Checks.positive("map xDim", map.xDim());
    Checks.positive("map thetaDim", map.thetaDim());
    Checks.positive("map outDim", map.outDim());
    this.map = map;
  }

  @Override
  public int xDim() {
    return map.xDim();
  }

  @Override
  public int thetaDim() {
    return map.thetaDim();
  }

  @Override
  public int outDim() {
    return map.outDim();
  }

  @Override
  public void apply(double[] x, double[] theta, double[] out) {
    Checks.applyArgs(this, x, theta, out);
    Binary64[] xs = MathArrays.buildArray(Binary64Field.getInstance(), x.length);
    Binary64[] ts = MathArrays.buildArray(Binary64Field.getInstance(), theta.length);
    Binary64[] ys = MathArrays.buildArray(Binary64Field.getInstance(), out.length);
    java.util.Arrays.fill(ys, null);
    for (int i = 0; i < x.length; i++) {
      xs[i] = new Binary64(x[i]);
    }
    for (int j = 0; j < theta.length; j++) {
      ts[j] = new Binary64(theta[j]);
    }
    map.apply(xs, ts, ys);
    requireAssigned(ys);
    for (int k = 0; k < out.length; k++) {
      out[k] = ys[k].getReal();
    }
  }

  @Override
  public void jvpX(double[] x, double[] theta, double[] v, double[] out) {
    Checks.applyArgs(this, x, theta, out);
    Checks.length("v", v, xDim());
    Gradient[] ys = evaluate(seedDirection(x, v), seedDirection(theta, null));
    for (int k = 0; k < out.length; k++) {
      out[k] = ys[k].getPartialDerivative(0);
    }
  }

  @Override
  public void jvpTheta(double[] x, double[] theta, double[] w, double[] out) {
    Checks.applyArgs(this, x, theta, out);
    Checks.length("w", w, thetaDim());
    Gradient[] ys = evaluate(seedDirection(x, null), seedDirection(theta, w));
    for (int k = 0; k < out.length; k++) {
      out[k] = ys[k].getPartialDerivative(0);
    }
  }

  @Override
  public void vjpX(double[] x, double[] theta, double[] u, double[] out) {
    Checks.length("x", x, xDim());
    Checks.length("theta", theta, thetaDim());
    Checks.length("u", u, outDim());
    Checks.length("out", out, xDim());
    transposeTimes(evaluate(seedIdentity(x), seedConstant(theta, x.length)), u, out);
  }

  @Override
  public void vjpTheta(double[] x, double[] theta, double[] u, double[] out) {
    Checks.length("x", x, xDim());
    Checks.length("theta", theta, thetaDim());
    Checks.length("u", u, outDim());
    Checks.length("out", out, thetaDim());
    transposeTimes(evaluate(seedConstant(x, theta.length), seedIdentity(theta)), u, out);
  }

  /** out = Jᵀu where row k of J is the gradient carried by ys[k]. */
  private static void transposeTimes(Gradient[] ys, double[] u, double[] out) {
    java.util.Arrays.fill(out, 0.0);
    for (int k = 0; k < ys.length; k++) {
      double[] row = ys[k].getGradient();
      for (int i = 0; i < out.length; i++) {
        out[i] += u[k] * row[i];
      }
    }
  }

  private Gradient[] evaluate(Gradient[] xs, Gradient[] ts) {
    int params = xs[0].getFreeParameters();
    Gradient[] ys = MathArrays.buildArray(GradientField.getField(params), outDim());
    java.util.Arrays.fill(ys, null);
    map.apply(xs, ts, ys);
    requireAssigned(ys);
    return ys;
  }

  /** Outputs start as null so that an unassigned entry is an error, not a silent zero. */
  private void requireAssigned(Object[] ys) {
    for (int k = 0; k < ys.length; k++) {
      if (ys[k] == null) {
        throw new IllegalStateException("user map did not assign out[" + k + "] (outDim "
            + outDim() + ")");
      }
    }
  }

  /** One free parameter: value a[i], tangent dir[i] (0 when dir is null). */
  private static Gradient[] seedDirection(double[] a, double[] dir) {
    Gradient[] g = MathArrays.buildArray(GradientField.getField(1), a.length);
    for (int i = 0; i < a.length; i++) {
      g[i] = new Gradient(a[i], dir == null ? 0.0 : dir[i]);
    }
    return g;
  }

  /** a.length free parameters, entry i the i-th variable. */
  private static Gradient[] seedIdentity(double[] a) {
    Gradient[] g = MathArrays.buildArray(GradientField.getField(a.length), a.length);
    for (int i = 0; i < a.length; i++) {
      g[i] = Gradient.variable(a.length, i, a[i]);
    }
    return g;
  }

  /** Constants with {@code params} free parameters. */
  private static Gradient[] seedConstant(double[] a, int params) {
    Gradient[] g = MathArrays.buildArray(GradientField.getField(params), a.length);
    for (int i = 0; i < a.length; i++) {
      g[i] = Gradient.constant(params, a[i]);
    }
    return g;
  }
}
