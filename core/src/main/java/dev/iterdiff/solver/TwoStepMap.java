package dev.iterdiff.solver;

import dev.iterdiff.linalg.Blas;
import dev.iterdiff.map.Checks;
import dev.iterdiff.map.DifferentiableMap;
import dev.iterdiff.problem.Problem;

/**
 * The iteration map of a two-step (momentum) method on the state s = (x, x_prev):
 *
 * <pre>  F(s, θ) = (a·x − b·∇ₓf(x; θ) + c·x_prev,  x),</pre>
 *
 * with J_sF = [aI − b∇²ₓf, cI; I, 0] and J_θF = [−b∂_θ∇ₓf; 0]. Heavy ball (Polyak 1964) is
 * (a, b, c) = (1 + β, α, −β); Chebyshev's semi-iterative method (Golub &amp; Varga 1961) is
 * (ω, ωγ, 1 − ω). The coefficients are fixed for one iteration (recorded by the solver).
 *
 * <p>Shares its solver's workspaces (length n) and gradient cache: valid until the solver is
 * used again, one per thread.
 */
final class TwoStepMap implements DifferentiableMap {

  /** ∇ₓf at the x part of a state, from the solver's cache. */
  @FunctionalInterface
  interface Gradient {
    double[] at(double[] state, double[] theta);
  }

  private final Problem problem;
  private final int n;
  private final Gradient gradient;
  private final double[] xPart;
  private final double[] vPart;
  private final double[] scratch;
  private final double a;
  private final double b;
  private final double c;

  /**
   * @param problem  f.
   * @param gradient the solver's (cached) gradient at a state.
   * @param xPart    workspace, length n.
   * @param vPart    workspace, length n.
   * @param scratch  workspace, length n.
   * @param a        the coefficient of x.
   * @param b        the coefficient of −∇ₓf(x).
   * @param c        the coefficient of x_prev.
   */
  TwoStepMap(Problem problem, Gradient gradient, double[] xPart, double[] vPart,
      double[] scratch, double a, double b, double c) {
    this.problem = problem;
    this.n = problem.dim();
    this.gradient = gradient;
    this.xPart = xPart;
    this.vPart = vPart;
    this.scratch = scratch;
    this.a = a;
    this.b = b;
    this.c = c;
  }

  /** out = (a·x − b·g + c·x_prev, x) for a given gradient g at x: advance and apply. */
  static void update(int n, double[] s, double[] g, double a, double b, double c,
      double[] out) {
    for (int i = 0; i < n; i++) {
      out[i] = a * s[i] - b * g[i] + c * s[n + i];
      out[n + i] = s[i];
    }
  }

  @Override public int xDim() { return 2 * n; }
  @Override public int thetaDim() { return problem.thetaDim(); }
  @Override public int outDim() { return 2 * n; }

  @Override
  public void apply(double[] s, double[] theta, double[] out) {
    Checks.applyArgs(this, s, theta, out);
    update(n, s, gradient.at(s, theta), a, b, c, out);
  }

  /** out = (a·v₁ − b∇²f v₁ + c·v₂, v₁). */
  @Override
  public void jvpX(double[] s, double[] theta, double[] v, double[] out) {
    Checks.jvpXArgs(this, s, theta, v, out);
    hessianTimes(s, theta, v);
    for (int i = 0; i < n; i++) {
      out[i] = a * v[i] - b * scratch[i] + c * v[n + i];
      out[n + i] = v[i];
    }
  }

  /** out = (a·u₁ − b∇²f u₁ + u₂, c·u₁). */
  @Override
  public void vjpX(double[] s, double[] theta, double[] u, double[] out) {
    Checks.vjpXArgs(this, s, theta, u, out);
    hessianTimes(s, theta, u);
    for (int i = 0; i < n; i++) {
      out[i] = a * u[i] - b * scratch[i] + u[n + i];
      out[n + i] = c * u[i];
    }
  }

  /** out = (−b(∂_θ∇ₓf) w, 0). */
  @Override
  public void jvpTheta(double[] s, double[] theta, double[] w, double[] out) {
    Checks.jvpThetaArgs(this, s, theta, w, out);
    System.arraycopy(s, 0, xPart, 0, n);
    problem.crossJvp(xPart, theta, w, scratch);
    for (int i = 0; i < n; i++) {
      out[i] = -b * scratch[i];
      out[n + i] = 0;
    }
  }

  /** out = −b(∂_θ∇ₓf)ᵀ u₁. */
  @Override
  public void vjpTheta(double[] s, double[] theta, double[] u, double[] out) {
    Checks.vjpThetaArgs(this, s, theta, u, out);
    System.arraycopy(s, 0, xPart, 0, n);
    System.arraycopy(u, 0, vPart, 0, n);
    problem.crossVjp(xPart, theta, vPart, out);
    Blas.scal(-b, out);
  }

  /** scratch = ∇²ₓf(x) v₁ (x, v₁ the first halves). */
  private void hessianTimes(double[] s, double[] theta, double[] v) {
    System.arraycopy(s, 0, xPart, 0, n);
    System.arraycopy(v, 0, vPart, 0, n);
    problem.hvp(xPart, theta, vPart, scratch);
  }
}
