package dev.iterdiff.diff;

import dev.iterdiff.linalg.Blas;
import dev.iterdiff.linalg.LinearSolveResult;
import dev.iterdiff.map.Checks;
import dev.iterdiff.solver.Solution;

/**
 * What every estimator shares: argument checks (u of length n, w of length m, finite),
 * the check that every result is finite ({@link NonFiniteResultException} naming the first
 * non-finite entry), timing of the differentiation alone (the solve and the diagnostics
 * excluded) and the {@link Diagnostics} attached to each estimate — with the linear solves
 * the solver's maps made for the product when the estimator has none of its own. Subclasses implement the three products.
 *
 * <p>Notation: n = dim x, m = dim θ, s = dim of the solver state (≥ n; x is its first n
 * entries); J = ∂x_k/∂θ is the first n rows of ∂s_k/∂θ.
 */
public abstract class BaseEstimator implements JacobianEstimator {

  /** What a product computed, before timing and diagnostics are attached. */
  protected record Product(double[] value, LinearSolveResult linear) {

    /** A product without a linear solve. */
    static Product of(double[] value) {
      return new Product(value, null);
    }
  }

  private final DiagnosticsOptions diagnosticsOptions;

  /** @param diagnosticsOptions which diagnostics to attach; null means {@link DiagnosticsOptions#full()}. */
  protected BaseEstimator(DiagnosticsOptions diagnosticsOptions) {
    this.diagnosticsOptions =
        diagnosticsOptions == null ? DiagnosticsOptions.full() : diagnosticsOptions;
  }

  /** The diagnostics this estimator attaches. */
  public DiagnosticsOptions diagnosticsOptions() {
    return diagnosticsOptions;
  }

  @Override
  public final JacobianEstimate jacobian(Solution solution) {
    checkSolution(solution);
    solution.solver().resetProductSolves();
    long start = System.nanoTime();
    Product p = computeJacobian(solution);
    double seconds = (System.nanoTime() - start) * 1e-9;
    NonFiniteResultException.requireFinite("jacobian", name(), p.value(), dim(solution));
    return new JacobianEstimate(name(), p.value(), dim(solution), solution.theta().length,
        IterateDiagnostics.compute(solution, linear(solution, p), diagnosticsOptions), seconds);
  }

  @Override
  public final VectorEstimate vjp(Solution solution, double[] u) {
    checkSolution(solution);
    Checks.length("u", u, dim(solution));
    Checks.finite("u", u);
    solution.solver().resetProductSolves();
    long start = System.nanoTime();
    Product p = computeVjp(solution, u);
    double seconds = (System.nanoTime() - start) * 1e-9;
    NonFiniteResultException.requireFinite("vjp", name(), p.value());
    return new VectorEstimate(name(), p.value(),
        IterateDiagnostics.compute(solution, linear(solution, p), diagnosticsOptions), seconds);
  }

  @Override
  public final VectorEstimate jvp(Solution solution, double[] w) {
    checkSolution(solution);
    Checks.length("w", w, solution.theta().length);
    Checks.finite("w", w);
    solution.solver().resetProductSolves();
    long start = System.nanoTime();
    Product p = computeJvp(solution, w);
    double seconds = (System.nanoTime() - start) * 1e-9;
    NonFiniteResultException.requireFinite("jvp", name(), p.value());
    return new VectorEstimate(name(), p.value(),
        IterateDiagnostics.compute(solution, linear(solution, p), diagnosticsOptions), seconds);
  }

  /**
   * The product's own linear solve (implicit), else what the solver's iteration maps solved
   * for it ({@link dev.iterdiff.solver.IterativeSolver#productSolves}: interior point's KKT
   * solves), else null.
   */
  private static LinearSolveResult linear(Solution solution, Product p) {
    return p.linear() != null ? p.linear() : solution.solver().productSolves();
  }

  /** J, n×m column-major. */
  protected abstract Product computeJacobian(Solution solution);

  /** Jᵀu, length m; u already checked. */
  protected abstract Product computeVjp(Solution solution, double[] u);

  /** J w, length n; w already checked. */
  protected abstract Product computeJvp(Solution solution, double[] w);

  /** n = dim x of the solution's problem. */
  protected static int dim(Solution solution) {
    return solution.solver().problem().dim();
  }

  /**
   * Jᵀu from a column-major n×m J.
   *
   * @param j n×m. Not modified.
   * @param u length n. Not modified.
   * @return a new array of length m.
   */
  protected static double[] transposeTimes(double[] j, int n, int m, double[] u) {
    double[] out = new double[m];
    Blas.gemv(true, n, m, 1.0, j, u, 0.0, out);
    return out;
  }

  /** J w from a column-major n×m J, as a new array of length n. */
  protected static double[] times(double[] j, int n, int m, double[] w) {
    double[] out = new double[n];
    Blas.gemv(false, n, m, 1.0, j, w, 0.0, out);
    return out;
  }

  private static void checkSolution(Solution solution) {
    if (solution == null) {
      throw new IllegalArgumentException("solution: null");
    }
  }
}
