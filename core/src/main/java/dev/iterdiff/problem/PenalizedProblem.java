package dev.iterdiff.problem;

/**
 * f + g from parts: a smooth {@link Problem} f (its products are this problem's) and a
 * {@link ProximalTerm} g. The lasso is {@code new PenalizedProblem("lasso", leastSquares,
 * L1Penalty.fromTheta(p, 1))}: f = 1/(2N)‖Ax − b‖² with no θ, g = θ₁‖x‖₁.
 *
 * <p>Shares f's and g's workspaces: one instance per thread.
 */
public final class PenalizedProblem implements CompositeProblem {

  private final String name;
  private final Problem smooth;
  private final ProximalTerm g;

  /**
   * @param name   the problem's name (as its catalog entry spells it).
   * @param smooth f; its θ is the problem's θ.
   * @param g      g, on the same x (dim = f.dim()); thetaDim 0 or f.thetaDim().
   * @throws IllegalArgumentException on null parts or mismatched dimensions, naming both.
   */
  public PenalizedProblem(String name, Problem smooth, ProximalTerm g) {
    if (name == null || smooth == null || g == null) {
      throw new IllegalArgumentException("penalized problem: name, f and g must be non-null");
    }
    if (g.dim() != smooth.dim()) {
      throw new IllegalArgumentException(name + ": g = " + g.name() + " acts on " + g.dim()
          + " coordinates but f has " + smooth.dim());
    }
    if (g.thetaDim() != 0 && g.thetaDim() != smooth.thetaDim()) {
      throw new IllegalArgumentException(name + ": g = " + g.name() + " reads " + g.thetaDim()
          + " hyperparameters but the problem has " + smooth.thetaDim()
          + " (g must read none or all of them)");
    }
    this.name = name;
    this.smooth = smooth;
    this.g = g;
  }

  /** f. */
  public Problem smooth() {
    return smooth;
  }

  /** f's restricted Hessian (g has none: it enters through its prox). */
  @Override
  public SupportHessian supportHessian(double[] x, double[] theta, int[] support) {
    return smooth.supportHessian(x, theta, support);
  }

  @Override
  public ProximalTerm nonsmooth() {
    return g;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public int dim() {
    return smooth.dim();
  }

  @Override
  public int thetaDim() {
    return smooth.thetaDim();
  }

  /** Checks θ for f and, when g reads it, for g. */
  @Override
  public void checkTheta(double[] theta) {
    smooth.checkTheta(theta);
    if (g.thetaDim() != 0) {
      g.checkTheta(theta);
    }
  }

  @Override
  public double value(double[] x, double[] theta) {
    return smooth.value(x, theta);
  }

  @Override
  public void gradient(double[] x, double[] theta, double[] out) {
    smooth.gradient(x, theta, out);
  }

  @Override
  public void hvp(double[] x, double[] theta, double[] v, double[] out) {
    smooth.hvp(x, theta, v, out);
  }

  @Override
  public void crossJvp(double[] x, double[] theta, double[] w, double[] out) {
    smooth.crossJvp(x, theta, w, out);
  }

  @Override
  public void crossVjp(double[] x, double[] theta, double[] u, double[] out) {
    smooth.crossVjp(x, theta, u, out);
  }

  @Override
  public void hessian(double[] x, double[] theta, double[] out) {
    smooth.hessian(x, theta, out);
  }

  @Override
  public double lipschitz(double[] theta) {
    return smooth.lipschitz(theta);
  }

  @Override
  public double strongConvexity(double[] theta) {
    return smooth.strongConvexity(theta);
  }
}
