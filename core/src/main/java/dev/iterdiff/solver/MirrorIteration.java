package dev.iterdiff.solver;

import dev.iterdiff.map.Checks;
import dev.iterdiff.map.DifferentiableMap;
import dev.iterdiff.problem.CompositeProblem;

/**
 * The mirror-descent map F_η(x, θ) = r·q, q = x⊙exp(−η∇f)/Σ(x⊙exp(−η∇f)), with its four exact
 * products (see {@link MirrorDescent} for the formulas: e = exp(−η∇f)/Σ, a = e⊙v − ηq⊙(Hv),
 * J_xF v = r(a − qΣa)). Shares the solver's workspaces: one per thread.
 */
final class MirrorIteration implements DifferentiableMap {

  private final MirrorDescent solver;
  private final CompositeProblem problem;
  private final double eta;
  private final int n;

  MirrorIteration(MirrorDescent solver, double eta) {
    this.solver = solver;
    this.problem = solver.composite();
    this.eta = eta;
    this.n = problem.dim();
  }

  @Override public int xDim() { return n; }
  @Override public int thetaDim() { return problem.thetaDim(); }
  @Override public int outDim() { return n; }

  private double radius(double[] theta) {
    return solver.simplex().radius(problem.nonsmoothTheta(theta));
  }

  /** Whether the radius is θ₀ (∂r/∂θ = e₀). */
  private boolean radiusFromTheta() {
    return solver.simplex().thetaDim() > 0;
  }

  @Override
  public void apply(double[] x, double[] theta, double[] out) {
    Checks.applyArgs(this, x, theta, out);
    solver.update(x, theta, eta, out);
  }

  /** out = r(a − qΣa), a = e⊙v − ηq⊙(Hv). */
  @Override
  public void jvpX(double[] x, double[] theta, double[] v, double[] out) {
    Checks.jvpXArgs(this, x, theta, v, out);
    solver.point(x, theta, eta);
    double[] e = solver.e();
    double[] q = solver.q();
    double[] hv = solver.scratch();
    problem.hvp(x, theta, v, hv);
    double sum = 0;
    for (int i = 0; i < n; i++) {
      out[i] = e[i] * v[i] - eta * q[i] * hv[i];
      sum += out[i];
    }
    double r = radius(theta);
    for (int i = 0; i < n; i++) {
      out[i] = r * (out[i] - q[i] * sum);
    }
  }

  /** out = r(e⊙ũ − ηH(q⊙ũ)), ũ = u − (qᵀu)1. */
  @Override
  public void vjpX(double[] x, double[] theta, double[] u, double[] out) {
    Checks.vjpXArgs(this, x, theta, u, out);
    solver.point(x, theta, eta);
    double[] e = solver.e();
    double[] q = solver.q();
    double[] qu = solver.direction();
    double[] hqu = solver.scratch();
    double c = 0;
    for (int i = 0; i < n; i++) {
      c += q[i] * u[i];
    }
    for (int i = 0; i < n; i++) {
      qu[i] = q[i] * (u[i] - c);
    }
    problem.hvp(x, theta, qu, hqu);
    double r = radius(theta);
    for (int i = 0; i < n; i++) {
      out[i] = r * (e[i] * (u[i] - c) - eta * hqu[i]);
    }
  }

  /** out = −ηr(q⊙Cw − q qᵀCw) + (∂r/∂θ·w) q. */
  @Override
  public void jvpTheta(double[] x, double[] theta, double[] w, double[] out) {
    Checks.jvpThetaArgs(this, x, theta, w, out);
    solver.point(x, theta, eta);
    double[] q = solver.q();
    double[] cw = solver.scratch();
    problem.crossJvp(x, theta, w, cw);
    double qcw = 0;
    for (int i = 0; i < n; i++) {
      qcw += q[i] * cw[i];
    }
    double r = radius(theta);
    double dr = radiusFromTheta() ? w[0] : 0.0;
    for (int i = 0; i < n; i++) {
      out[i] = -eta * r * q[i] * (cw[i] - qcw) + dr * q[i];
    }
  }

  /** out = −ηr Cᵀ(q⊙ũ) + (qᵀu)·∂r/∂θ, ũ = u − (qᵀu)1. */
  @Override
  public void vjpTheta(double[] x, double[] theta, double[] u, double[] out) {
    Checks.vjpThetaArgs(this, x, theta, u, out);
    solver.point(x, theta, eta);
    double[] q = solver.q();
    double[] qu = solver.direction();
    double c = 0;
    for (int i = 0; i < n; i++) {
      c += q[i] * u[i];
    }
    for (int i = 0; i < n; i++) {
      qu[i] = q[i] * (u[i] - c);
    }
    problem.crossVjp(x, theta, qu, out);
    double scale = -eta * radius(theta);
    for (int j = 0; j < out.length; j++) {
      out[j] *= scale;
    }
    if (radiusFromTheta()) {
      out[0] += c;
    }
  }
}
