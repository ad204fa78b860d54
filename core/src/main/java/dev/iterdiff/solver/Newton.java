package dev.iterdiff.solver;

import dev.iterdiff.linalg.Blas;
import dev.iterdiff.linalg.Cholesky;
import dev.iterdiff.linalg.ConjugateGradient;
import dev.iterdiff.linalg.LinearSolvers;
import dev.iterdiff.linalg.LinearOperator;
import dev.iterdiff.linalg.LinearSolveException;
import dev.iterdiff.map.Checks;
import dev.iterdiff.map.DifferentiableMap;
import dev.iterdiff.problem.Problem;
import dev.iterdiff.problem.ThirdOrderProblem;
import java.util.List;

/**
 * Damped Newton: F_t(x, θ) = x − t·d, d = H⁻¹g, H = ∇²ₓf(x; θ), g = ∇ₓf(x; θ), with t
 * from a backtracking Armijo line search on f (t = 1, 1/2, 1/4, …, c = 10⁻⁴; see
 * {@link #advance}) or fixed; the step record is [t]. Optimality measure:
 * {@link OptimalityMeasure#GRADIENT_NORM}.
 *
 * <p>Exact derivatives with t held fixed (the line-search step is piecewise constant in
 * (x, θ)), including the third-order terms, so that one-step differentiation of Newton is
 * exact (Bolte, Pauwels &amp; Vaiter 2023, Section 4):
 * <pre>
 *   J_xF v = (1 − t)v + t·H⁻¹(DₓH[v]) d
 *   J_θF w = −t·H⁻¹((∂_θ∇ₓf) w − (D_θH[w]) d)
 * </pre>
 * and the transposes: with z = H⁻¹u, J_xFᵀu = (1 − t)u + t·(DₓH[z]) d (∇³f is symmetric),
 * J_θFᵀu = −t((∂_θ∇ₓf)ᵀz − ∂_θ(zᵀH d)).
 *
 * <p>H is factored by Cholesky (LAPACK dpotrf). The factorizations (with d) of the last
 * points are cached by the content of (x, θ), and g of the last point: the products at the
 * point of the last advance (one-step differentiation after a solve) cost one dpotrs and no
 * new factorization, and alternating between x_{k−1} and x_k does not refactor. Two points
 * are kept by default; {@link #retainPoints} (a solve that stores its whole trajectory, for
 * unrolled reverse) keeps up to {@link #RETAINED_BYTES} bytes of factors, so that the
 * reverse sweep reuses the solve's factorizations instead of forming and factoring every
 * Hessian again — as reverse-mode autodiff keeps the factors of the forward pass.
 *
 * <p><b>Matrix-free mode</b> (a problem that {@linkplain Problem#prefersMatrixFree prefers it}:
 * sparse data with many features): no n×n array is formed; every H⁻¹b — the direction and the
 * products above — is a conjugate-gradient solve on Hessian-vector products at the cached
 * point, to relative residual {@value #CG_TOLERANCE} (a failed solve throws, naming the
 * problem). Memory O(n) per cached point; the products are exact up to that tolerance.
 */
public final class Newton implements IterativeSolver {

  /** Armijo constant c of f(x − t d) ≤ f(x) − c·t·gᵀd. */
  public static final double ARMIJO = 1e-4;
  /** Maximal number of halvings of t. */
  public static final int MAX_HALVINGS = 60;
  /** Memory bound of the factorizations kept for {@link #retainPoints} ({@link FactorMemory}). */
  public static final long RETAINED_BYTES = FactorMemory.RETAINED_BYTES;

  /** Relative residual of the matrix-free mode's CG solves. */
  public static final double CG_TOLERANCE = 1e-12;

  private static final List<String> RECORD = List.of("t");

  private final Problem problem;
  private final ThirdOrderProblem third;
  private final double fixedStep;
  private final int n;
  private final int m;
  private final boolean matrixFree;
  private final ConjugateGradient cg;
  private final double[] cgRhs;
  private double[] hessian;
  private final double[] gradient;
  private final double[] trial;
  private final double[] tmpN;
  private final double[] tmpN2;
  private final double[] tmpM;
  private final PointKey gradientKey;
  private Factorization[] slots;
  private final long retainedBytes;
  private long uses;
  private int factorizations;

  /** Newton with the backtracking line search. */
  public Newton(Problem problem) {
    this(problem, Double.NaN);
  }

  /**
   * @param problem the objective (convex, twice differentiable, Hessian positive definite), a
   *                {@link ThirdOrderProblem}: the exact J_θF needs its third derivatives.
   * @param step    fixed step t in (0, 1], or NaN for the line search.
   * @throws IllegalArgumentException for a problem without third derivatives, or a bad step.
   */
  public Newton(Problem problem, double step) {
    this(problem, step, RETAINED_BYTES);
  }

  /** The same with another memory bound for {@link #retainPoints} (tests). */
  Newton(Problem problem, double step, long retainedBytes) {
    this(problem, step, retainedBytes, problem != null && problem.prefersMatrixFree());
  }

  /** The same, the matrix-free mode chosen explicitly (tests). */
  Newton(Problem problem, double step, long retainedBytes, boolean matrixFree) {
    if (problem == null) {
      throw new IllegalArgumentException("newton: problem is null");
    }
    if (!Double.isNaN(step) && !(step > 0 && step <= 1)) {
      throw new IllegalArgumentException("newton: step must be in (0, 1], got " + step);
    }
    if (!(problem instanceof ThirdOrderProblem thirdOrder)) {
      throw new IllegalArgumentException("newton needs third derivatives of f (problem "
          + problem.name() + " does not provide them); use gd or heavy-ball, or implement "
          + "ThirdOrderProblem");
    }
    this.problem = problem;
    this.third = thirdOrder;
    this.fixedStep = step;
    this.n = problem.dim();
    this.m = problem.thetaDim();
    this.matrixFree = matrixFree;
    this.cg = matrixFree ? new ConjugateGradient(CG_TOLERANCE,
        LinearSolvers.defaultMaxIterations(n)) : null;
    this.cgRhs = matrixFree ? new double[n] : null;
    this.hessian = matrixFree ? null : new double[n * n];
    this.gradient = new double[n];
    this.trial = new double[n];
    this.tmpN = new double[n];
    this.tmpN2 = new double[n];
    this.tmpM = new double[m];
    this.gradientKey = new PointKey(n, m);
    this.slots = new Factorization[] {new Factorization(), new Factorization()};
    this.retainedBytes = retainedBytes;
  }

  /**
   * Keeps the factorizations of up to {@code points} points (at least 2, at most what
   * {@link #RETAINED_BYTES} bytes of n×n factors hold); the cache only grows.
   */
  @Override
  public void retainPoints(int points) {
    long perFactor = matrixFree ? 8L * (2L * n + m) : 8L * n * n;
    int cap = (int) Math.max(2, Math.min(points, retainedBytes / Math.max(1, perFactor)));
    if (cap > slots.length) {
      Factorization[] grown = java.util.Arrays.copyOf(slots, cap);
      for (int i = slots.length; i < cap; i++) {
        grown[i] = new Factorization();
      }
      slots = grown;
    }
  }

  /** How many factorizations the cache can hold (2 unless {@link #retainPoints} raised it). */
  public int retainedPoints() {
    return slots.length;
  }

  @Override
  public String name() {
    return "newton";
  }

  @Override
  public Problem problem() {
    return problem;
  }

  @Override
  public int stateDim() {
    return n;
  }

  /** How many Hessians this instance has formed and factored (for cost accounting). */
  public int factorizations() {
    return factorizations;
  }

  @Override
  public void initialState(double[] x0, double[] state) {
    Checks.length("x0", x0, n);
    Checks.length("state", state, n);
    System.arraycopy(x0, 0, state, 0, n);
  }

  @Override
  public OptimalityMeasure optimalityMeasure() {
    return OptimalityMeasure.GRADIENT_NORM;
  }

  @Override
  public double residual(double[] state, double[] theta) {
    return Blas.nrm2(gradientAt(state, theta));
  }

  /** Record [t]. */
  @Override
  public List<String> recordFields() {
    return RECORD;
  }

  /**
   * One Newton step. With the line search: t = 1, halved while
   * f(x − t d) &gt; f(x) − c·t·gᵀd + 10ε|f(x)| (the last term accepts steps whose change
   * is at the rounding level of f, so the full step is taken near the solution and the
   * convergence stays quadratic).
   *
   * @throws DivergenceException with iteration −1 when no decrease is found in
   *         {@value #MAX_HALVINGS} halvings (the solve replaces the iteration).
   * @throws LinearSolveException if the Hessian is not positive definite.
   */
  @Override
  public void advance(double[] state, double[] theta, double[] out, double[] record) {
    double[] d = at(state, theta).direction;
    double t = fixedStep;
    if (Double.isNaN(t)) {
      double f0 = problem.value(state, theta);
      double slope = Blas.dot(gradientAt(state, theta), d);
      double slack = 10 * Math.ulp(1.0) * Math.abs(f0);
      t = 1.0;
      int halvings = 0;
      while (true) {
        update(state, d, t, trial);
        double ft = problem.value(trial, theta);
        if (ft <= f0 - ARMIJO * t * slope + slack) {
          break;
        }
        if (++halvings > MAX_HALVINGS) {
          throw new DivergenceException(name(), -1, Blas.nrm2(gradientAt(state, theta)),
              "line search found no decrease of f in " + MAX_HALVINGS + " halvings, f = " + f0);
        }
        t *= 0.5;
      }
    }
    update(state, d, t, out);
    record[0] = t;
  }

  /** F_t for the record [t], t finite and &gt; 0. */
  @Override
  public DifferentiableMap iteration(double... record) {
    Checks.length("newton step record [t]", record, 1);
    Checks.positive("step", record[0]);
    return new NewtonIteration(record[0]);
  }

  /**
   * The most recently used cached factorization as out = H⁻¹v (see
   * {@link IterativeSolver#hessianPreconditioner}); null before the first factorization.
   */
  @Override
  public LinearOperator hessianPreconditioner() {
    Factorization recent = slots[0];
    for (Factorization f : slots) {
      if (f.lastUse > recent.lastUse) {
        recent = f;
      }
    }
    if (!recent.key.isValid() || matrixFree) {
      return null;
    }
    Cholesky factor = recent.cholesky;
    return factor::solve;
  }

  private double[] gradientAt(double[] x, double[] theta) {
    if (!gradientKey.matches(x, theta)) {
      gradientKey.invalidate();
      problem.gradient(x, theta, gradient);
      gradientKey.store(x, theta);
    }
    return gradient;
  }

  /**
   * The factorization of H and d = H⁻¹∇f at (x, θ): from a cached slot when (x, θ) is one
   * of the points factored last (e.g. x_{k−1} for one-step and x_k for diagnostics; every
   * iterate for a reverse sweep after {@link #retainPoints}), else formed and factored in the
   * least recently used slot. The most recently used slot is tried first.
   */
  private Factorization at(double[] x, double[] theta) {
    Factorization hit = null;
    Factorization lru = slots[0];
    Factorization mru = slots[0];
    for (Factorization f : slots) {
      if (f.lastUse < lru.lastUse) {
        lru = f;
      }
      if (f.lastUse > mru.lastUse) {
        mru = f;
      }
    }
    if (mru.key.matches(x, theta)) {
      hit = mru;
    } else {
      for (Factorization f : slots) {
        if (f != mru && f.key.matches(x, theta)) {
          hit = f;
          break;
        }
      }
    }
    if (hit == null) {
      hit = lru;
      hit.key.invalidate();
      double[] g = gradientAt(x, theta);
      factorizations++;
      if (matrixFree) {
        System.arraycopy(x, 0, hit.x, 0, n);
        System.arraycopy(theta, 0, hit.theta, 0, m);
        hit.solve(g, hit.direction);
      } else {
        problem.hessian(x, theta, hessian);
        try {
          hit.cholesky.factor(hessian, n);
        } catch (LinearSolveException e) {
          throw new LinearSolveException("newton: Hessian of " + problem.name() + ": "
              + e.getMessage(), e.result());
        }
        hit.cholesky.solve(g, hit.direction);
      }
      hit.key.store(x, theta);
    }
    hit.lastUse = ++uses;
    return hit;
  }

  /**
   * A cached Cholesky factorization of H(x, θ) with d = H⁻¹∇f, keyed by (x, θ); in the
   * matrix-free mode the point itself, H⁻¹ applied by CG on its Hessian-vector products.
   */
  private final class Factorization {
    final PointKey key = new PointKey(n, m);
    final Cholesky cholesky = matrixFree ? null : new Cholesky();
    final double[] x = matrixFree ? new double[n] : null;
    final double[] theta = matrixFree ? new double[m] : null;
    final double[] direction = new double[n];
    long lastUse;

    /** out = H⁻¹b (b and out may be the same array). */
    void solve(double[] b, double[] out) {
      if (!matrixFree) {
        cholesky.solve(b, out);
        return;
      }
      System.arraycopy(b, 0, cgRhs, 0, n);
      java.util.Arrays.fill(out, 0.0);
      try {
        cg.solve((v, hv) -> problem.hvp(x, theta, v, hv), n, cgRhs, out);
      } catch (LinearSolveException e) {
        throw new LinearSolveException("newton (matrix-free): Hessian of " + problem.name()
            + ": " + e.getMessage(), e.result());
      }
    }
  }

  /** out = x − t d: the one formula of advance and apply. */
  private static void update(double[] x, double[] d, double t, double[] out) {
    for (int i = 0; i < out.length; i++) {
      out[i] = x[i] - t * d[i];
    }
  }

  /** F_t with its four exact products; shares the solver's factorization cache. */
  private final class NewtonIteration implements DifferentiableMap {
    private final double t;

    NewtonIteration(double t) {
      this.t = t;
    }

    @Override public int xDim() { return n; }
    @Override public int thetaDim() { return m; }
    @Override public int outDim() { return n; }

    @Override
    public void apply(double[] x, double[] theta, double[] out) {
      Checks.applyArgs(this, x, theta, out);
      update(x, at(x, theta).direction, t, out);
    }

    /** out = (1 − t)v + t·H⁻¹(DₓH[v]) d. */
    @Override
    public void jvpX(double[] x, double[] theta, double[] v, double[] out) {
      Checks.jvpXArgs(this, x, theta, v, out);
      Factorization f = at(x, theta);
      double[] d = f.direction;
      third.hessianDerivX(x, theta, d, v, tmpN);
      f.solve(tmpN, tmpN);
      for (int i = 0; i < n; i++) {
        out[i] = (1 - t) * v[i] + t * tmpN[i];
      }
    }

    /** out = (1 − t)u + t·(DₓH[H⁻¹u]) d. */
    @Override
    public void vjpX(double[] x, double[] theta, double[] u, double[] out) {
      Checks.vjpXArgs(this, x, theta, u, out);
      Factorization f = at(x, theta);
      double[] d = f.direction;
      f.solve(u, tmpN2);
      third.hessianDerivX(x, theta, d, tmpN2, tmpN);
      for (int i = 0; i < n; i++) {
        out[i] = (1 - t) * u[i] + t * tmpN[i];
      }
    }

    /** out = −t·H⁻¹((∂_θ∇ₓf) w − (D_θH[w]) d). */
    @Override
    public void jvpTheta(double[] x, double[] theta, double[] w, double[] out) {
      Checks.jvpThetaArgs(this, x, theta, w, out);
      Factorization f = at(x, theta);
      double[] d = f.direction;
      problem.crossJvp(x, theta, w, tmpN);
      third.hessianDerivThetaJvp(x, theta, d, w, tmpN2);
      for (int i = 0; i < n; i++) {
        tmpN[i] -= tmpN2[i];
      }
      f.solve(tmpN, out);
      Blas.scal(-t, out);
    }

    /** out = −t((∂_θ∇ₓf)ᵀz − ∂_θ(zᵀH d)), z = H⁻¹u. */
    @Override
    public void vjpTheta(double[] x, double[] theta, double[] u, double[] out) {
      Checks.vjpThetaArgs(this, x, theta, u, out);
      Factorization f = at(x, theta);
      double[] d = f.direction;
      f.solve(u, tmpN);
      problem.crossVjp(x, theta, tmpN, out);
      third.hessianDerivThetaVjp(x, theta, d, tmpN, tmpM);
      for (int j = 0; j < m; j++) {
        out[j] = -t * (out[j] - tmpM[j]);
      }
    }
  }
}
