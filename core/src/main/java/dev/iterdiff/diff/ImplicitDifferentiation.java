package dev.iterdiff.diff;

import dev.iterdiff.linalg.Blas;
import dev.iterdiff.linalg.Cholesky;
import dev.iterdiff.linalg.DenseMatrixOperator;
import dev.iterdiff.linalg.LinearOperator;
import dev.iterdiff.linalg.LinearSolveResult;
import dev.iterdiff.linalg.LinearSolver;
import dev.iterdiff.linalg.LinearSolvers;
import dev.iterdiff.linalg.Lu;
import dev.iterdiff.map.Checks;
import dev.iterdiff.map.DifferentiableMap;
import dev.iterdiff.optimality.OptimalityCondition;

/**
 * Implicit differentiation of a point x* computed anywhere — by iterdiff's solvers or not
 * (JAXopt's {@code custom_root}; Blondel et al., <i>Efficient and Modular Implicit
 * Differentiation</i>, 2021): given an optimality condition G with G(x*, θ) = 0,
 *
 * <pre>  J = −(∂ₓG)⁻¹ ∂_θG,   J w = −y with (∂ₓG) y = ∂_θG w,   Jᵀu = −∂_θGᵀ v with (∂ₓG)ᵀ v = u,</pre>
 *
 * all at (x*, θ), from G's four products alone — no {@code Solution} needed. Every result
 * carries its diagnostics: the linear solve's method, iterations and relative residual, and
 * ‖G(x*, θ)‖ (the error of J is proportional to how far x* is from a root). A linear solve
 * that misses its tolerance throws {@link dev.iterdiff.linalg.LinearSolveException}, never
 * returns zeros. Not thread-safe (holds its point; build one per thread).
 *
 * <pre>
 * ImplicitDifferentiation d = ImplicitDifferentiation.at(condition, xStar, theta,
 *     EstimatorOptions.defaults());
 * double[] jacobian = d.jacobian().value();      // n×m column-major
 * </pre>
 */
public final class ImplicitDifferentiation {

  /**
   * A product or Jacobian with its diagnostics.
   *
   * @param value              the Jacobian (n×m column-major), J w (length n) or Jᵀu
   *                           (length m).
   * @param linearSolve        method, iterations, relative residual of the linear solve.
   * @param optimalityResidual ‖G(x*, θ)‖₂.
   */
  public record Result(double[] value, LinearSolveResult linearSolve,
      double optimalityResidual) {}

  private final DifferentiableMap condition;
  private final double[] x;
  private final double[] theta;
  private final LinearSolver solver;
  private final boolean symmetric;
  private final double residual;
  private final double[] dense;

  private ImplicitDifferentiation(DifferentiableMap condition, double[] x, double[] theta,
      EstimatorOptions options) {
    this.condition = condition;
    this.x = x;
    this.theta = theta;
    int n = condition.xDim();
    this.symmetric = condition instanceof OptimalityCondition c && c.symmetric();
    String method = options.linearSolver();
    this.solver = method.equals(LinearSolvers.AUTO)
        ? LinearSolvers.auto(n, symmetric, options.linearTolerance())
        : LinearSolvers.byName(method, options.linearTolerance(),
            options.linearMaxIterations() > 0 ? options.linearMaxIterations()
                : LinearSolvers.defaultMaxIterations(n));
    double[] g = new double[n];
    condition.apply(x, theta, g);
    this.residual = Blas.nrm2(g);
    double[] matrix = null;
    if ((solver instanceof Cholesky || solver instanceof Lu)
        && condition instanceof OptimalityCondition c) {
      double[] m = new double[Math.multiplyExact(n, n)];
      matrix = c.denseJacobianX(x, theta, m) ? m : null;
    }
    this.dense = matrix;
  }

  /**
   * Implicit differentiation at (x*, θ).
   *
   * @param condition G(x, θ) with outDim = xDim; an {@link OptimalityCondition} may declare
   *                  ∂ₓG symmetric (Cholesky, CG) and form it densely, any other map is treated as
   *                  general (LU, GMRES).
   * @param xStar     x*, length xDim. Copied.
   * @param theta     θ, length thetaDim. Copied.
   * @param options   linear solver ({@code auto} or a name of the catalog), its tolerance and
   *                  iteration cap; null: {@link EstimatorOptions#defaults()}.
   * @throws IllegalArgumentException on mismatched dimensions (both named) or non-finite input.
   */
  public static ImplicitDifferentiation at(DifferentiableMap condition, double[] xStar,
      double[] theta, EstimatorOptions options) {
    if (condition == null) {
      throw new IllegalArgumentException("implicit: optimality condition: null");
    }
    Checks.sameDim("implicit: condition outDim vs xDim", condition.outDim(), condition.xDim());
    Checks.length("x*", xStar, condition.xDim());
    Checks.length("theta", theta, condition.thetaDim());
    Checks.finite("x*", xStar);
    Checks.finite("theta", theta);
    return new ImplicitDifferentiation(condition, xStar.clone(), theta.clone(),
        options == null ? EstimatorOptions.defaults() : options);
  }

  /** ‖G(x*, θ)‖₂. */
  public double optimalityResidual() {
    return residual;
  }

  /**
   * J = ∂x*&#47;∂θ, n×m column-major: m forward solves when m ≤ n, else n adjoint solves.
   */
  public Result jacobian() {
    int n = condition.xDim();
    int m = condition.thetaDim();
    double[] j = new double[n * m];
    LinearSolveResult r;
    if (m <= n) {
      double[] rhs = new double[n * m];
      double[] e = new double[m];
      double[] column = new double[n];
      for (int c = 0; c < m; c++) {
        e[c] = 1;
        condition.jvpTheta(x, theta, e, column);
        e[c] = 0;
        System.arraycopy(column, 0, rhs, c * n, n);
      }
      double[] y = new double[n * m];
      r = solver.solveColumns(forward(), n, rhs, m, y);
      for (int i = 0; i < n * m; i++) {
        j[i] = -y[i];
      }
    } else {
      double[] rhs = new double[n * n];
      for (int i = 0; i < n; i++) {
        rhs[i + i * n] = 1;
      }
      double[] v = new double[n * n];
      r = solver.solveColumns(transposed(), n, rhs, n, v);
      double[] vi = new double[n];
      double[] row = new double[m];
      for (int i = 0; i < n; i++) {
        System.arraycopy(v, i * n, vi, 0, n);
        condition.vjpTheta(x, theta, vi, row);
        for (int c = 0; c < m; c++) {
          j[i + c * n] = -row[c];
        }
      }
    }
    return new Result(j, r, residual);
  }

  /** J w (length n) with one forward solve. @param w length m. Not modified. */
  public Result jvp(double[] w) {
    Checks.length("w", w, condition.thetaDim());
    int n = condition.xDim();
    double[] rhs = new double[n];
    condition.jvpTheta(x, theta, w, rhs);
    double[] y = new double[n];
    LinearSolveResult r = solver.solve(forward(), n, rhs, y);
    Blas.scal(-1, y);
    return new Result(y, r, residual);
  }

  /** Jᵀu (length m) with one adjoint solve. @param u length n. Not modified. */
  public Result vjp(double[] u) {
    Checks.length("u", u, condition.xDim());
    int n = condition.xDim();
    double[] v = new double[n];
    LinearSolveResult r = solver.solve(transposed(), n, u.clone(), v);
    double[] out = new double[condition.thetaDim()];
    condition.vjpTheta(x, theta, v, out);
    Blas.scal(-1, out);
    return new Result(out, r, residual);
  }

  private LinearOperator forward() {
    if (dense != null) {
      return new DenseMatrixOperator(condition.xDim(), dense);
    }
    return (v, out) -> condition.jvpX(x, theta, v, out);
  }

  private LinearOperator transposed() {
    if (symmetric) {
      return forward();
    }
    return (v, out) -> condition.vjpX(x, theta, v, out);
  }
}
