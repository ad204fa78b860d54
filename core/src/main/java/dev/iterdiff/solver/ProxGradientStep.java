package dev.iterdiff.solver;

import dev.iterdiff.map.Checks;
import dev.iterdiff.problem.CompositeProblem;
import dev.iterdiff.problem.Problem;
import dev.iterdiff.problem.ProximalTerm;

/**
 * The proximal-gradient step of a composite problem f + g at a step η,
 * <pre>
 *   T_η(y, θ) = prox_{ηg}(z; θ),   z = y − η∇ₓf(y; θ),
 * </pre>
 * (Beck &amp; Teboulle 2009; for an indicator g the prox is the projection: projected
 * gradient), with its four products through the chain rule and the prox's generalized
 * Jacobian P' = ∂_z prox (the element each {@link ProximalTerm} states at kinks and faces —
 * the choice of the JAXopt paper, Blondel et al. 2021, §4, and of Bolte, Pauwels &amp;
 * Vaiter 2023):
 * <pre>
 *   J_y T  = P'(z)(I − η∇²ₓf),          J_yTᵀ u = (I − η∇²ₓf) P'(z)ᵀ u,
 *   J_θ T w = −η P'(z)(∂_θ∇ₓf) w + (∂_θ prox)(z) w,
 *   J_θTᵀ u = −η (∂_θ∇ₓf)ᵀ P'(z)ᵀ u + (∂_θ prox)(z)ᵀ u,
 * </pre>
 * the last terms only when g reads θ. A problem that is not a {@link CompositeProblem} has
 * g = 0 (prox = identity): T is then the gradient step. The building block of the solvers
 * prox-gradient, fista and projected-gradient and of the prox-gradient fixed-point condition.
 *
 * <p>The gradient is cached by the content of (y, θ); workspaces are fields (no allocation per
 * call): one instance per thread.
 */
public final class ProxGradientStep {

  private final Problem problem;
  private final ProximalTerm g;
  private final int n;
  private final double[] gradient;
  private final double[] z;
  private final double[] a;
  private final double[] b;
  private final double[] thetaPart;
  private final PointKey gradientKey;

  /** @param problem f (+ g when composite). Not modified. */
  public ProxGradientStep(Problem problem) {
    if (problem == null) {
      throw new IllegalArgumentException("prox-gradient step: problem is null");
    }
    this.problem = problem;
    this.g = problem instanceof CompositeProblem c ? c.nonsmooth() : null;
    this.n = problem.dim();
    this.gradient = new double[n];
    this.z = new double[n];
    this.a = new double[n];
    this.b = new double[n];
    this.thetaPart = new double[problem.thetaDim()];
    this.gradientKey = new PointKey(n, problem.thetaDim());
  }

  /** The problem. */
  public Problem problem() {
    return problem;
  }

  /** g, or null when the problem is smooth (prox = identity). */
  public ProximalTerm nonsmooth() {
    return g;
  }

  private boolean gReadsTheta() {
    return g != null && g.thetaDim() > 0;
  }

  private double[] gTheta(double[] theta) {
    return g.thetaDim() == 0 ? CompositeProblem.NO_THETA : theta;
  }

  /** ∇ₓf(y; θ), cached; the array is the cache. */
  private double[] gradientAt(double[] y, double[] theta) {
    if (!gradientKey.matches(y, theta)) {
      gradientKey.invalidate();
      problem.gradient(y, theta, gradient);
      gradientKey.store(y, theta);
    }
    return gradient;
  }

  /** z = y − η∇f(y) into the workspace. */
  private void forwardPoint(double[] y, double[] theta, double eta) {
    double[] grad = gradientAt(y, theta);
    for (int i = 0; i < n; i++) {
      z[i] = y[i] - eta * grad[i];
    }
  }

  private void prox(double[] theta, double eta, double[] out) {
    if (g == null) {
      System.arraycopy(z, 0, out, 0, n);
    } else {
      g.prox(z, gTheta(theta), eta, out);
    }
  }

  private void proxJvp(double[] theta, double eta, double[] v, double[] out) {
    if (g == null) {
      System.arraycopy(v, 0, out, 0, n);
    } else {
      g.proxJvpX(z, gTheta(theta), eta, v, out);
    }
  }

  private void proxVjp(double[] theta, double eta, double[] u, double[] out) {
    if (g == null) {
      System.arraycopy(u, 0, out, 0, n);
    } else {
      g.proxVjpX(z, gTheta(theta), eta, u, out);
    }
  }

  /**
   * The diagonal d of the prox's generalized Jacobian P'(z) at z = y − η∇ₓf(y; θ), for a
   * separable g (d ∈ [0, 1]ⁿ; all ones when g = 0): the support of the ℓ1-type implicit
   * systems. The gradient comes from the cache when y is the last point this step saw — a
   * solver's final iterate, whose residual evaluated it — so it costs O(n) then.
   *
   * @param out length n. Modified.
   */
  public void proxDiagonal(double[] y, double[] theta, double eta, double[] out) {
    forwardPoint(y, theta, eta);
    java.util.Arrays.fill(a, 1.0);
    proxJvp(theta, eta, a, out);
  }

  /** out = T_η(y, θ), length n; out may not alias y. */
  public void apply(double[] y, double[] theta, double eta, double[] out) {
    ProximalTerm.checkStep(eta);
    forwardPoint(y, theta, eta);
    prox(theta, eta, out);
  }

  /** out = P'(z)(v − η∇²f v). */
  public void jvpX(double[] y, double[] theta, double eta, double[] v, double[] out) {
    forwardPoint(y, theta, eta);
    problem.hvp(y, theta, v, a);
    for (int i = 0; i < n; i++) {
      a[i] = v[i] - eta * a[i];
    }
    proxJvp(theta, eta, a, out);
  }

  /** out = (I − η∇²f) P'(z)ᵀ u. */
  public void vjpX(double[] y, double[] theta, double eta, double[] u, double[] out) {
    forwardPoint(y, theta, eta);
    proxVjp(theta, eta, u, a);
    problem.hvp(y, theta, a, out);
    for (int i = 0; i < n; i++) {
      out[i] = a[i] - eta * out[i];
    }
  }

  /** out = −η P'(z)(∂_θ∇f) w + (∂_θ prox) w. */
  public void jvpTheta(double[] y, double[] theta, double eta, double[] w, double[] out) {
    forwardPoint(y, theta, eta);
    problem.crossJvp(y, theta, w, a);
    for (int i = 0; i < n; i++) {
      a[i] *= -eta;
    }
    proxJvp(theta, eta, a, out);
    if (gReadsTheta()) {
      g.proxJvpTheta(z, theta, eta, w, b);
      for (int i = 0; i < n; i++) {
        out[i] += b[i];
      }
    }
  }

  /** out = −η (∂_θ∇f)ᵀ P'(z)ᵀ u + (∂_θ prox)ᵀ u, length m. */
  public void vjpTheta(double[] y, double[] theta, double eta, double[] u, double[] out) {
    forwardPoint(y, theta, eta);
    proxVjp(theta, eta, u, a);
    problem.crossVjp(y, theta, a, out);
    int m = out.length;
    for (int j = 0; j < m; j++) {
      out[j] *= -eta;
    }
    if (gReadsTheta()) {
      g.proxVjpTheta(z, theta, eta, u, thetaPart);
      for (int j = 0; j < m; j++) {
        out[j] += thetaPart[j];
      }
    }
  }

  /**
   * The prox-gradient mapping norm ‖y − T_η(y)‖₂/η (0 exactly at a minimizer of f + g).
   *
   * @param work length n, overwritten with T_η(y).
   */
  public double mappingNorm(double[] y, double[] theta, double eta, double[] work) {
    Checks.length("prox-gradient work", work, n);
    apply(y, theta, eta, work);
    double s = 0;
    for (int i = 0; i < n; i++) {
      double d = y[i] - work[i];
      s += d * d;
    }
    return Math.sqrt(s) / eta;
  }
}
