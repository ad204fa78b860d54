package dev.iterdiff.check;

import dev.iterdiff.map.Checks;
import dev.iterdiff.map.DifferentiableMap;
import dev.iterdiff.optimality.Stationarity;
import dev.iterdiff.problem.Problem;
import dev.iterdiff.problem.ThirdOrderProblem;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.ToDoubleFunction;

/**
 * A public derivative checker by central finite differences: ∂f/∂zᵢ ≈ (f(z + hᵢeᵢ) −
 * f(z − hᵢeᵢ)) / (2hᵢ), with the step hᵢ = ε^{1/3}·max(1, |zᵢ|) (ε the machine epsilon), which
 * balances the O(h²) truncation error against the O(ε/h) rounding error (Nocedal &amp; Wright,
 * <i>Numerical Optimization</i>, 2nd ed., §8.1). Expect relative errors around 1e-8–1e-10
 * for smooth, well-scaled maps; 1e-6 is a safe test tolerance.
 *
 * <p>Checks materialise the finite-difference Jacobians column by column — 2·(xDim + thetaDim)
 * evaluations — then compare each product the map computes (on random directions drawn from
 * {@code seed}) with the same product of the FD Jacobian. Meant for small dimensions (tests,
 * and users checking their own maps); allocates freely.
 */
public final class FiniteDifferences {

  /** ε^{1/3} ≈ 6.06e-6. */
  public static final double RELATIVE_STEP = Math.cbrt(Math.ulp(1.0));

  private FiniteDifferences() {}

  /** The step for a coordinate of value z: ε^{1/3}·max(1, |z|). */
  public static double step(double z) {
    return RELATIVE_STEP * Math.max(1.0, Math.abs(z));
  }

  /** Central-difference gradient of a scalar function (2·n evaluations); a new array. */
  public static double[] gradient(ToDoubleFunction<double[]> f, double[] z) {
    double[] g = new double[z.length];
    double[] zz = z.clone();
    for (int i = 0; i < z.length; i++) {
      double h = step(z[i]);
      zz[i] = z[i] + h;
      double up = f.applyAsDouble(zz);
      double hp = zz[i] - z[i];
      zz[i] = z[i] - h;
      double down = f.applyAsDouble(zz);
      double hm = z[i] - zz[i];
      zz[i] = z[i];
      g[i] = (up - down) / (hp + hm);
    }
    return g;
  }

  /** FD Jacobian ∂ₓM, outDim×xDim column-major; a new array. */
  public static double[] jacobianX(DifferentiableMap map, double[] x, double[] theta) {
    return jacobian(map, x, theta, true);
  }

  /** FD Jacobian ∂_θM, outDim×thetaDim column-major; a new array. */
  public static double[] jacobianTheta(DifferentiableMap map, double[] x, double[] theta) {
    return jacobian(map, x, theta, false);
  }

  private static double[] jacobian(DifferentiableMap map, double[] x, double[] theta,
      boolean inX) {
    Checks.length("x", x, map.xDim());
    Checks.length("theta", theta, map.thetaDim());
    int out = map.outDim();
    double[] z = inX ? x.clone() : theta.clone();
    double[] base = inX ? x : theta;
    double[] up = new double[out];
    double[] down = new double[out];
    double[] jac = new double[out * z.length];
    for (int i = 0; i < z.length; i++) {
      double h = step(base[i]);
      z[i] = base[i] + h;
      double hp = z[i] - base[i];
      map.apply(inX ? z : x, inX ? theta : z, up);
      z[i] = base[i] - h;
      double hm = base[i] - z[i];
      map.apply(inX ? z : x, inX ? theta : z, down);
      z[i] = base[i];
      for (int k = 0; k < out; k++) {
        jac[k + i * out] = (up[k] - down[k]) / (hp + hm);
      }
    }
    return jac;
  }

  /** Compares a claimed gradient of f at z with central finite differences. */
  public static ProductError checkGradient(ToDoubleFunction<double[]> f, double[] z,
      double[] claimedGradient) {
    Checks.length("gradient", claimedGradient, z.length);
    return ProductError.of("gradient", claimedGradient, gradient(f, z));
  }

  /**
   * Checks the four products of {@code map} at (x, θ) against its FD Jacobians, on random
   * directions (standard normal, from {@code seed}). Report entries: jvpX, vjpX, jvpTheta,
   * vjpTheta.
   */
  public static FiniteDifferenceReport checkMap(DifferentiableMap map, double[] x,
      double[] theta, long seed) {
    return new FiniteDifferenceReport(checkMapProducts(map, x, theta, new Random(seed), ""));
  }

  private static List<ProductError> checkMapProducts(DifferentiableMap map, double[] x,
      double[] theta, Random rng, String prefix) {
    int n = map.xDim();
    int m = map.thetaDim();
    int o = map.outDim();
    double[] jx = jacobianX(map, x, theta);
    double[] jt = jacobianTheta(map, x, theta);
    double[] v = gaussian(rng, n);
    double[] w = gaussian(rng, m);
    double[] u = gaussian(rng, o);
    List<ProductError> errors = new ArrayList<>();
    double[] outO = new double[o];
    map.jvpX(x, theta, v, outO);
    errors.add(ProductError.of(prefix + "jvpX", outO, times(jx, o, n, v)));
    double[] outN = new double[n];
    map.vjpX(x, theta, u, outN);
    errors.add(ProductError.of(prefix + "vjpX", outN, transposeTimes(jx, o, n, u)));
    map.jvpTheta(x, theta, w, outO);
    errors.add(ProductError.of(prefix + "jvpTheta", outO.clone(), times(jt, o, m, w)));
    double[] outM = new double[m];
    map.vjpTheta(x, theta, u, outM);
    errors.add(ProductError.of(prefix + "vjpTheta", outM, transposeTimes(jt, o, m, u)));
    return errors;
  }

  /**
   * A cheap check for large maps (4 evaluations of M, whatever the dimensions): the JVPs
   * against directional central differences (M(z + h·v) − M(z − h·v))/(2h) with
   * h = ε^{1/3}·max(1, ‖z‖∞)/‖v‖∞, and the VJPs by the dot-product test
   * ⟨(∂M)ᵀu, v⟩ = ⟨u, (∂M)v⟩ against the same differences. Directions are standard normal
   * from {@code seed}. Entries: jvpX, vjpX(dot), jvpTheta, vjpTheta(dot); the dot entries
   * compare two scalars.
   */
  public static FiniteDifferenceReport checkMapDirectional(DifferentiableMap map, double[] x,
      double[] theta, long seed) {
    Checks.length("x", x, map.xDim());
    Checks.length("theta", theta, map.thetaDim());
    Random rng = new Random(seed);
    int o = map.outDim();
    double[] v = gaussian(rng, map.xDim());
    double[] w = gaussian(rng, map.thetaDim());
    double[] u = gaussian(rng, o);
    List<ProductError> errors = new ArrayList<>();
    double[] fdX = directional(map, x, theta, v, true);
    double[] out = new double[o];
    map.jvpX(x, theta, v, out);
    errors.add(ProductError.of("jvpX", out.clone(), fdX));
    double[] back = new double[map.xDim()];
    map.vjpX(x, theta, u, back);
    errors.add(ProductError.of("vjpX(dot)", new double[] {dot(back, v)},
        new double[] {dot(u, fdX)}));
    double[] fdT = directional(map, x, theta, w, false);
    map.jvpTheta(x, theta, w, out);
    errors.add(ProductError.of("jvpTheta", out.clone(), fdT));
    double[] backT = new double[map.thetaDim()];
    map.vjpTheta(x, theta, u, backT);
    errors.add(ProductError.of("vjpTheta(dot)", new double[] {dot(backT, w)},
        new double[] {dot(u, fdT)}));
    return new FiniteDifferenceReport(errors);
  }

  private static double[] directional(DifferentiableMap map, double[] x, double[] theta,
      double[] dir, boolean inX) {
    double[] base = inX ? x : theta;
    double zMax = 0;
    double dMax = 0;
    for (int i = 0; i < base.length; i++) {
      zMax = Math.max(zMax, Math.abs(base[i]));
      dMax = Math.max(dMax, Math.abs(dir[i]));
    }
    double h = step(zMax) / dMax;
    double[] z = base.clone();
    double[] up = new double[map.outDim()];
    double[] down = new double[map.outDim()];
    for (int i = 0; i < z.length; i++) {
      z[i] = base[i] + h * dir[i];
    }
    map.apply(inX ? z : x, inX ? theta : z, up);
    for (int i = 0; i < z.length; i++) {
      z[i] = base[i] - h * dir[i];
    }
    map.apply(inX ? z : x, inX ? theta : z, down);
    for (int k = 0; k < up.length; k++) {
      up[k] = (up[k] - down[k]) / (2 * h);
    }
    return up;
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  /**
   * Checks every derivative method of a {@link Problem} at (x, θ): the gradient against FD of
   * {@code value}; the dense Hessian, hvp and the cross products against FD of
   * {@code gradient}; the third-order products against FD of {@code hvp} with a random d.
   * Entries: gradient, hessian, hvp, hvp(transpose), crossJvp, crossVjp, and for a
   * {@link ThirdOrderProblem} also hessianDerivX, hessianDerivX(transpose),
   * hessianDerivThetaJvp, hessianDerivThetaVjp.
   */
  public static FiniteDifferenceReport checkProblem(Problem problem, double[] x,
      double[] theta, long seed) {
    int n = problem.dim();
    Checks.length("x", x, n);
    Checks.length("theta", theta, problem.thetaDim());
    Random rng = new Random(seed);
    List<ProductError> errors = new ArrayList<>();
    double[] g = new double[n];
    problem.gradient(x, theta, g);
    errors.add(checkGradient(z -> problem.value(z, theta), x, g));
    Stationarity gradientMap = new Stationarity(problem); // G = ∇ₓf: ∂ₓG = ∇²f, ∂_θG = ∂_θ∇ₓf
    double[] h = new double[n * n];
    problem.hessian(x, theta, h);
    errors.add(ProductError.of("hessian", h, jacobianX(gradientMap, x, theta)));
    List<ProductError> first = checkMapProducts(gradientMap, x, theta, rng, "");
    errors.add(rename(first.get(0), "hvp"));
    errors.add(rename(first.get(1), "hvp(transpose)"));
    errors.add(rename(first.get(2), "crossJvp"));
    errors.add(rename(first.get(3), "crossVjp"));
    if (!(problem instanceof ThirdOrderProblem thirdOrder)) {
      return new FiniteDifferenceReport(errors);
    }
    double[] d = gaussian(rng, n);
    List<ProductError> third = checkMapProducts(new HessianActionMap(thirdOrder, d), x, theta,
        rng, "");
    errors.add(rename(third.get(0), "hessianDerivX"));
    errors.add(rename(third.get(1), "hessianDerivX(transpose)"));
    errors.add(rename(third.get(2), "hessianDerivThetaJvp"));
    errors.add(rename(third.get(3), "hessianDerivThetaVjp"));
    return new FiniteDifferenceReport(errors);
  }

  private static ProductError rename(ProductError e, String product) {
    return new ProductError(product, e.maxAbsError(), e.maxRelError(), e.referenceNorm());
  }

  private static double[] gaussian(Random rng, int n) {
    double[] a = new double[n];
    for (int i = 0; i < n; i++) {
      a[i] = rng.nextGaussian();
    }
    return a;
  }

  /** J v with J rows×cols column-major. */
  private static double[] times(double[] j, int rows, int cols, double[] v) {
    double[] out = new double[rows];
    for (int c = 0; c < cols; c++) {
      for (int r = 0; r < rows; r++) {
        out[r] += j[r + c * rows] * v[c];
      }
    }
    return out;
  }

  /** Jᵀ u with J rows×cols column-major. */
  private static double[] transposeTimes(double[] j, int rows, int cols, double[] u) {
    double[] out = new double[cols];
    for (int c = 0; c < cols; c++) {
      double s = 0;
      for (int r = 0; r < rows; r++) {
        s += j[r + c * rows] * u[r];
      }
      out[c] = s;
    }
    return out;
  }
}
