package dev.iterdiff.solver;

import dev.iterdiff.problem.ThirdOrderProblem;

/** Delegates to a problem and counts gradient and Hessian evaluations. */
class CountingProblem implements ThirdOrderProblem {
  private final ThirdOrderProblem p;
  int gradients;
  int hessians;
  /** When set, value() returns NaN (a broken objective, for line-search failure tests). */
  boolean nanValue;

  CountingProblem(ThirdOrderProblem p) {
    this.p = p;
  }

  @Override public String name() { return p.name(); }
  @Override public int dim() { return p.dim(); }
  @Override public int thetaDim() { return p.thetaDim(); }
  @Override public void checkTheta(double[] t) { p.checkTheta(t); }
  @Override
  public double value(double[] x, double[] t) {
    return nanValue ? Double.NaN : p.value(x, t);
  }

  @Override
  public void gradient(double[] x, double[] t, double[] out) {
    gradients++;
    p.gradient(x, t, out);
  }

  @Override public void hvp(double[] x, double[] t, double[] v, double[] o) { p.hvp(x, t, v, o); }

  @Override
  public void hessian(double[] x, double[] t, double[] out) {
    hessians++;
    p.hessian(x, t, out);
  }

  @Override
  public void crossJvp(double[] x, double[] t, double[] w, double[] o) {
    p.crossJvp(x, t, w, o);
  }

  @Override
  public void crossVjp(double[] x, double[] t, double[] u, double[] o) {
    p.crossVjp(x, t, u, o);
  }

  @Override
  public void hessianDerivX(double[] x, double[] t, double[] d, double[] v, double[] o) {
    p.hessianDerivX(x, t, d, v, o);
  }

  @Override
  public void hessianDerivThetaJvp(double[] x, double[] t, double[] d, double[] w, double[] o) {
    p.hessianDerivThetaJvp(x, t, d, w, o);
  }

  @Override
  public void hessianDerivThetaVjp(double[] x, double[] t, double[] d, double[] u, double[] o) {
    p.hessianDerivThetaVjp(x, t, d, u, o);
  }

  @Override public double lipschitz(double[] t) { return p.lipschitz(t); }
  @Override public double strongConvexity(double[] t) { return p.strongConvexity(t); }
}
