package dev.iterdiff.diff;

import dev.iterdiff.linalg.LinearSolveResult;
import dev.iterdiff.linalg.LinearSolver;
import dev.iterdiff.linalg.LinearSolvers;
import dev.iterdiff.map.Checks;
import dev.iterdiff.optimality.ActiveSetCondition;
import dev.iterdiff.optimality.ActiveSetSystem;
import dev.iterdiff.optimality.OptimalityCondition;
import dev.iterdiff.solver.Solution;
import java.util.function.Function;

/**
 * Implicit differentiation through an optimality condition G(z, θ) = 0 (Blondel et al.,
 * <i>Efficient and Modular Implicit Differentiation</i>, 2021): at the last iterate z_k,
 *
 * <pre>  J = −(∂_zG)⁻¹ ∂_θG,   Jᵀu = −∂_θGᵀ v with (∂_zG)ᵀ v = u,   J w = −y with (∂_zG) y = ∂_θG w.</pre>
 *
 * z is x_k when the condition's xDim is n (stationarity ∇ₓf = 0) and the whole state s_k when
 * it is the state dimension (fixed point F(s) − s of a solver with extra state); J is then
 * the first n rows. The full Jacobian solves min(m, n) right-hand sides with one call of
 * {@link LinearSolver#solveColumns} (dense solvers materialise ∂_zG once — from the
 * condition's {@link OptimalityCondition#denseJacobianX} when it has one, e.g. the problem's
 * Hessian, else by z JVPs — and factor it once):
 * the m columns ∂_θG eⱼ when m ≤ n, else the n adjoint systems (∂_zG)ᵀ vᵢ = eᵢ.
 *
 * <p>The error against J* is proportional to ‖z_k − z*‖ (the condition is exact only at the
 * solution). A failed linear solve propagates {@link dev.iterdiff.linalg.LinearSolveException};
 * its method, iterations and residual go into the diagnostics otherwise. Needs only s_k
 * (storage LAST(1)).
 *
 * <p><b>Active set.</b> With the automatic linear solver and a condition that offers a system
 * restricted to its active set ({@link ActiveSetCondition}: the prox-gradient fixed point of a
 * separable g — ℓ1, elastic net, box), the systems are solved on the support S, |S| unknowns
 * (the lasso: J_S = −(A_SᵀA_S/N)⁻¹ sign(x_S)); an empty support gives J = 0, reported as the
 * method {@code active-set(empty support: J = 0)}; the restricted system is solved by a
 * Cholesky factor of the support Gram matrix or by CG on |S| unknowns, by cost
 * ({@link ActiveSetSystem}). With one θ a VJP is uᵀ(J e₁), one forward solve (for the ℓ1
 * threshold ∂_θG vanishes off S: no off-support product). Likewise a condition that solves
 * its own systems ({@link OptimalityCondition#system}: kkt through the reduced KKT matrix of order
 * n + p, method {@code reduced-kkt-lu}, residual checked). A named linear solver solves the
 * full system.
 *
 * <p><b>Automatic linear solver.</b> When the solver holds a factorization of a nearby
 * Hessian ({@link dev.iterdiff.solver.IterativeSolver#hessianPreconditioner}: Newton's last
 * Cholesky factor), the condition is the stationarity of the solver's own problem and there are
 * few right-hand sides (a VJP, a JVP, or a Jacobian with at most 1/{@value
 * #PRECONDITIONED_COLUMN_RATIO} as many columns as unknowns), the systems are solved by CG preconditioned with it ("pcg" in the diagnostics): one to three
 * Hessian-vector products instead of forming and factoring ∇²ₓf(x_k) — the cost of implicit
 * differentiation after Newton drops from about one Newton iteration to a few matrix-vector
 * products. If PCG misses the tolerance in {@value #PRECONDITIONED_MAX_ITERATIONS} iterations
 * (a poor preconditioner, e.g. after a solve stopped far from x*), the size-based choice of
 * {@link LinearSolvers#auto} solves the system instead. Otherwise the automatic choice is
 * {@link LinearSolvers#auto}.
 */
public final class Implicit extends BaseEstimator {

  /** The CLI name. */
  public static final String NAME = "implicit";

  /** Default relative tolerance of the linear solves. */
  public static final double DEFAULT_TOLERANCE = 1e-12;

  /**
   * Iteration budget of CG preconditioned by the solver's own factorization (automatic
   * choice); past it the size-based automatic solver takes over.
   */
  public static final int PRECONDITIONED_MAX_ITERATIONS = 50;

  /**
   * PCG is chosen for the full Jacobian only when the right-hand sides number at most
   * 1/{@value} of the dimension: each costs a few Hessian-vector products (≈ 4Np flops for
   * N samples), while forming and factoring the Hessian costs ≈ Np² + n³/3 once for all.
   */
  public static final int PRECONDITIONED_COLUMN_RATIO = 16;

  private final Function<Solution, OptimalityCondition> conditions;
  private final Function<Integer, LinearSolver> linearSolvers;
  private final double autoTolerance;

  /**
   * @param conditions    the optimality condition for a solution (e.g. stationarity of its
   *                      problem); called once per estimate.
   * @param linearSolver  a method name for {@link LinearSolvers#byName} (cholesky, lu, cg,
   *                      gmres, bicgstab, neumann) or "auto" ({@link LinearSolvers#auto}).
   * @param tolerance     relative residual the linear solve must reach.
   * @param maxIterations iteration cap of iterative linear solvers; ≤ 0 means
   *                      {@link LinearSolvers#defaultMaxIterations}.
   * @param diagnostics   which diagnostics to attach.
   * @throws IllegalArgumentException on an unknown linear solver name or a bad tolerance.
   */
  public Implicit(Function<Solution, OptimalityCondition> conditions, String linearSolver,
      double tolerance, int maxIterations, DiagnosticsOptions diagnostics) {
    super(diagnostics);
    if (conditions == null) {
      throw new IllegalArgumentException("implicit: optimality condition: null");
    }
    Checks.positive("linear solver tolerance", tolerance);
    String method = linearSolver == null ? "auto"
        : linearSolver.trim().toLowerCase(java.util.Locale.ROOT);
    if (!method.equals("auto")) {
      LinearSolvers.byName(method, tolerance, 1);
    }
    this.conditions = conditions;
    this.linearSolvers = method.equals("auto")
        ? null
        : dim -> LinearSolvers.byName(method, tolerance, cap(maxIterations, dim));
    this.autoTolerance = tolerance;
  }

  /**
   * With a fixed condition and a given linear solver instance (one per thread).
   *
   * @param condition    G. Its dimensions are checked against each solution.
   * @param linearSolver the solver of the linear systems.
   * @param diagnostics  which diagnostics to attach.
   */
  public Implicit(OptimalityCondition condition, LinearSolver linearSolver,
      DiagnosticsOptions diagnostics) {
    super(diagnostics);
    if (condition == null) {
      throw new IllegalArgumentException("implicit: optimality condition: null");
    }
    if (linearSolver == null) {
      throw new IllegalArgumentException("implicit: linear solver: null");
    }
    this.conditions = solution -> condition;
    this.linearSolvers = dim -> linearSolver;
    this.autoTolerance = DEFAULT_TOLERANCE;
  }

  /** With a fixed condition, the automatic linear solver at tolerance 1e-12, all diagnostics. */
  public Implicit(OptimalityCondition condition) {
    this(solution -> condition, "auto", DEFAULT_TOLERANCE, 0, DiagnosticsOptions.full());
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  protected Product computeJacobian(Solution solution) {
    int n = dim(solution);
    int m = solution.theta().length;
    ImplicitSystem p = system(solution, Math.min(m, n));
    int z = p.zDim();
    double[] jacobian = new double[n * m];
    LinearSolveResult result;
    if (m <= n) {
      double[] rhs = new double[z * m];
      double[] e = new double[m];
      double[] column = new double[z];
      for (int j = 0; j < m; j++) {
        e[j] = 1;
        p.condition().jvpTheta(p.point(), p.theta(), e, column);
        e[j] = 0;
        System.arraycopy(column, 0, rhs, j * z, z);
      }
      double[] y = new double[z * m];
      result = p.solveColumns(false, rhs, m, y);
      for (int j = 0; j < m; j++) {
        for (int i = 0; i < n; i++) {
          jacobian[i + j * n] = -y[i + j * z];
        }
      }
    } else {
      double[] rhs = new double[z * n];
      for (int i = 0; i < n; i++) {
        rhs[i + i * z] = 1;
      }
      double[] v = new double[z * n];
      result = p.solveColumns(true, rhs, n, v);
      double[] vi = new double[z];
      double[] row = new double[m];
      for (int i = 0; i < n; i++) {
        System.arraycopy(v, i * z, vi, 0, z);
        p.condition().vjpTheta(p.point(), p.theta(), vi, row);
        for (int j = 0; j < m; j++) {
          jacobian[i + j * n] = -row[j];
        }
      }
    }
    return new Product(jacobian, result);
  }

  @Override
  protected Product computeVjp(Solution solution, double[] u) {
    ImplicitSystem p = system(solution, 1);
    if (p.theta().length == 1 && p.active() instanceof ActiveSetSystem) {
      // One parameter: uᵀJ = uᵀ(J e₁), one forward solve whose right-hand side ∂_θG vanishes
      // off the support for the ℓ1 threshold — no product for the off-support adjoint.
      Product column = computeJvp(p, solution, new double[] {1.0});
      double dot = 0;
      for (int i = 0; i < u.length; i++) {
        dot += u[i] * column.value()[i];
      }
      return new Product(new double[] {dot}, column.linear());
    }
    double[] rhs = new double[p.zDim()];
    System.arraycopy(u, 0, rhs, 0, u.length);
    double[] v = new double[p.zDim()];
    LinearSolveResult result = p.solve(true, rhs, v);
    double[] out = new double[p.theta().length];
    p.condition().vjpTheta(p.point(), p.theta(), v, out);
    for (int j = 0; j < out.length; j++) {
      out[j] = -out[j];
    }
    return new Product(out, result);
  }

  @Override
  protected Product computeJvp(Solution solution, double[] w) {
    return computeJvp(system(solution, 1), solution, w);
  }

  private Product computeJvp(ImplicitSystem p, Solution solution, double[] w) {
    double[] rhs = new double[p.zDim()];
    p.condition().jvpTheta(p.point(), p.theta(), w, rhs);
    double[] y = new double[p.zDim()];
    LinearSolveResult result = p.solve(false, rhs, y);
    int n = dim(solution);
    double[] out = new double[n];
    for (int i = 0; i < n; i++) {
      out[i] = -y[i];
    }
    return new Product(out, result);
  }

  /** The linear system at a solution for {@code rhs} right-hand sides. */
  private ImplicitSystem system(Solution solution, int rhs) {
    return ImplicitSystem.at(solution, conditions.apply(solution), linearSolvers, autoTolerance,
        rhs);
  }

  private static int cap(int maxIterations, int dim) {
    return maxIterations > 0 ? maxIterations : LinearSolvers.defaultMaxIterations(dim);
  }
}
