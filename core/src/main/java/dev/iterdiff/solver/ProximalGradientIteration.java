package dev.iterdiff.solver;

import dev.iterdiff.map.Checks;
import dev.iterdiff.map.DifferentiableMap;

/**
 * The iteration map of {@link ProximalGradient} for a record [η] (β = 0, state x) or [η, β]
 * (FISTA, state s = (x, x_prev)), y = x + β(x − x_prev):
 * <pre>
 *   F(s) = (T_η(y), x),   J_sF v = (J_yT((1+β)v₁ − βv₂), v₁),
 *   J_sFᵀu = ((1+β)a + u₂, −βa) with a = J_yTᵀu₁,   J_θF w = (J_θT w, 0),   J_θFᵀu = J_θTᵀu₁,
 * </pre>
 * with the products of T from {@link ProxGradientStep} (for ISTA the second block is absent).
 * Shares the solver's workspaces.
 */
final class ProximalGradientIteration implements DifferentiableMap {

  private final ProximalGradient solver;
  private final ProxGradientStep step;
  private final double eta;
  private final double beta;
  private final int n;
  private final boolean fista;

  ProximalGradientIteration(ProximalGradient solver, double eta, double beta) {
    this.solver = solver;
    this.step = solver.proxStep();
    this.eta = eta;
    this.beta = beta;
    this.n = solver.problem().dim();
    this.fista = solver.stateDim() == 2 * n;
  }

  @Override public int xDim() { return solver.stateDim(); }
  @Override public int thetaDim() { return solver.problem().thetaDim(); }
  @Override public int outDim() { return solver.stateDim(); }

  @Override
  public void apply(double[] s, double[] theta, double[] out) {
    Checks.applyArgs(this, s, theta, out);
    solver.update(s, theta, eta, beta, out);
  }

  @Override
  public void jvpX(double[] s, double[] theta, double[] v, double[] out) {
    Checks.jvpXArgs(this, s, theta, v, out);
    double[] y = solver.extrapolate(s, beta);
    double[] d = solver.direction();
    for (int i = 0; i < n; i++) {
      d[i] = fista ? (1 + beta) * v[i] - beta * v[n + i] : v[i];
    }
    double[] t = solver.mapped();
    step.jvpX(y, theta, eta, d, t);
    System.arraycopy(t, 0, out, 0, n);
    if (fista) {
      System.arraycopy(v, 0, out, n, n);
    }
  }

  @Override
  public void vjpX(double[] s, double[] theta, double[] u, double[] out) {
    Checks.vjpXArgs(this, s, theta, u, out);
    double[] y = solver.extrapolate(s, beta);
    double[] a = solver.mapped();
    double[] u1 = fista ? firstBlock(u) : u;
    step.vjpX(y, theta, eta, u1, a);
    for (int i = 0; i < n; i++) {
      out[i] = fista ? (1 + beta) * a[i] + u[n + i] : a[i];
      if (fista) {
        out[n + i] = -beta * a[i];
      }
    }
  }

  @Override
  public void jvpTheta(double[] s, double[] theta, double[] w, double[] out) {
    Checks.jvpThetaArgs(this, s, theta, w, out);
    double[] y = solver.extrapolate(s, beta);
    double[] t = solver.mapped();
    step.jvpTheta(y, theta, eta, w, t);
    System.arraycopy(t, 0, out, 0, n);
    if (fista) {
      java.util.Arrays.fill(out, n, 2 * n, 0.0);
    }
  }

  @Override
  public void vjpTheta(double[] s, double[] theta, double[] u, double[] out) {
    Checks.vjpThetaArgs(this, s, theta, u, out);
    double[] y = solver.extrapolate(s, beta);
    step.vjpTheta(y, theta, eta, fista ? firstBlock(u) : u, out);
  }

  /** u₁ = u[0..n) into the solver's workspace (no allocation). */
  private double[] firstBlock(double[] u) {
    double[] d = solver.direction();
    System.arraycopy(u, 0, d, 0, n);
    return d;
  }
}
