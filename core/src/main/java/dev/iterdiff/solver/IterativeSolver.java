package dev.iterdiff.solver;

import dev.iterdiff.linalg.LinearOperator;
import dev.iterdiff.map.DifferentiableMap;
import dev.iterdiff.problem.Problem;
import java.util.List;

/**
 * An iterative solver for min_x f(x; θ) seen as an iteration map on its state:
 * s_{i+1} = F_{r_i}(s_i, θ). The state is x itself (gradient descent, Newton) or x followed
 * by more (heavy ball, Nesterov: (x, x_prev)); x is always the first n entries of the state.
 *
 * <p>r_i is the <i>step record</i> of iteration i: a fixed-length double[] of the parameters
 * the solver chose at that iteration ({@link #recordFields}: the step t for gradient descent
 * and Newton's line search, (α, β) for heavy ball, (t, β_i) for Nesterov; later a barrier
 * parameter, …). Entry 0 is always the step size. The solve records it, and
 * {@link #iteration(double...)} gives back the exact map F_r of that iteration, with exact
 * J_sF and J_θF: the recorded parameters are piecewise constant in (s, θ) (a line search)
 * or depend on θ only through L(θ), μ(θ) and are held fixed, as in Bolte, Pauwels &amp;
 * Vaiter (2023) and Scieur et al. (2022).
 *
 * <p>Each solver declares the {@link OptimalityMeasure} it reports ({@link #residual} is its
 * value) and its capabilities ({@link #symmetricFixedPoint}); its catalog entry
 * ({@link SolverEntry}) declares what consumers need before an instance exists.
 *
 * <p>A solver instance holds workspaces and caches (Newton keeps the factorization of the
 * last Hessian it formed; Nesterov the position in its momentum sequence): one instance per
 * thread, reused across instances of the same problem.
 */
public interface IterativeSolver {

  /** Name as the CLI spells it: gd, heavy-ball, nesterov, newton. */
  String name();

  /** The problem this solver minimizes. */
  Problem problem();

  /** Dimension of the state (≥ n = problem().dim()). */
  int stateDim();

  /**
   * Initial state from x₀ (heavy ball: (x₀, x₀)); also restarts any sequence the solver
   * keeps across iterations (Nesterov's FISTA t_k). The initial state does not depend on θ.
   *
   * @param x0    length n. Not modified.
   * @param state length stateDim. Modified.
   */
  void initialState(double[] x0, double[] state);

  /** The optimality measure {@link #residual} computes (gradient-norm, …). */
  OptimalityMeasure optimalityMeasure();

  /**
   * The value of {@link #optimalityMeasure} at the state: the optimality residual the solve
   * tests against its tolerance (‖∇ₓf(x; θ)‖₂ for {@link OptimalityMeasure#GRADIENT_NORM}).
   * Implementations may cache work (the gradient) for the next {@link #advance}.
   */
  double residual(double[] state, double[] theta);

  /**
   * The names of the entries of the step record, in order; entry 0 is the step size (e.g.
   * {@code [t]}, {@code [alpha, beta]}). Fixed for the instance.
   */
  List<String> recordFields();

  /** The length of the step record, {@code recordFields().size()}. */
  default int recordLength() {
    return recordFields().size();
  }

  /**
   * One iteration: out = F_r(state, θ), with the record r chosen here (line search, momentum
   * sequence) and written to {@code record}.
   *
   * @param state  length stateDim. Not modified.
   * @param out    length stateDim, distinct from state. Modified.
   * @param record length {@link #recordLength}. Modified: r, to be passed to
   *               {@link #iteration(double...)}.
   */
  void advance(double[] state, double[] theta, double[] out, double[] record);

  /**
   * The iteration map F_r(s, θ) for a step record r written by {@link #advance} (or chosen
   * by the caller), with its four products; {@code gd.iteration(t)} and
   * {@code heavyBall.iteration(alpha, beta)} read as the formula. The record is copied; the
   * returned map shares this solver's workspaces and caches.
   *
   * @param record length {@link #recordLength}. Not modified.
   * @throws IllegalArgumentException on a record of another length or with values the map
   *         does not take (a step ≤ 0, a momentum outside [0, 1)), naming the entry and value.
   */
  DifferentiableMap iteration(double... record);

  /**
   * Whether J_sF is symmetric for every record, so that the fixed-point condition
   * G = F(s) − s has a symmetric ∂_sG and the implicit solve may use Cholesky or CG. True for
   * gradient descent (J_xF = I − t∇²ₓf); false by default (heavy ball, Nesterov and Newton
   * are not).
   */
  default boolean symmetricFixedPoint() {
    return false;
  }

  /**
   * A preconditioner for linear systems with the Hessian ∇²ₓf at the last iterate: an
   * operator out = M v, M ≈ (∇²ₓf)⁻¹ symmetric positive definite, that this solver already
   * holds and that costs no new factorization; null when it holds none (the default).
   * Newton returns its most recent Cholesky factorization (H(x_{k−1}) after a solve, or
   * H(x_k) once a product at x_k was taken), which implicit differentiation uses to replace
   * a factorization by one to three preconditioned CG iterations.
   *
   * <p>The operator reads the solver's cache: valid until the solver is used again.
   */
  default LinearOperator hessianPreconditioner() {
    return null;
  }

  /**
   * An approximate inverse of the Jacobian of this solver's optimality system that the solver
   * already holds and that costs no new factorization: out = K̃⁻¹v (K̃⁻ᵀv when
   * {@code transposed}), or null (the default). The interior-point method returns its most
   * recent factorization of the QP's KKT matrix (K(z_{k−1}) after a solve), which implicit
   * differentiation through the kkt condition uses to precondition iterative refinement
   * instead of factoring K(z_k) anew. {@code v} and {@code out} must be distinct arrays.
   *
   * <p>The operator reads the solver's cache: valid until the solver is used again.
   */
  default LinearOperator kktPreconditioner(boolean transposed) {
    return null;
  }

  /**
   * The factorization {@link #kktPreconditioner} refines, applied once without refinement:
   * cheaper, and as good a preconditioner for stationary iterative refinement against the
   * exact matrix, which corrects its error along with the matrix's change. Null when the
   * solver holds none; the default.
   *
   * @param transposed P⁻ᵀ instead of P⁻¹.
   */
  default LinearOperator kktFactorization(boolean transposed) {
    return null;
  }

  /**
   * A hint before a solve: the products of {@link #iteration} will be taken at up to
   * {@code points} distinct iterates of it (a reverse sweep over a fully stored trajectory),
   * so a solver that caches work per point — Newton's Hessian factorizations — may keep that
   * many instead of recomputing them, within its own memory bound. The default ignores it;
   * results never depend on it, only the cost.
   *
   * @param points iterates whose per-point work is worth keeping (≥ 1).
   */
  default void retainPoints(int points) {}

  /**
   * What the linear solves inside the iteration maps' products reached since {@link
   * #resetProductSolves} — for a solver whose products solve systems to a tolerance
   * (interior point: KKT solves refined against the matrix-free K): the number of solves, the
   * worst relative residual and its tolerance, and whether every solve reached its own; null
   * when none were made or the products solve nothing. Estimators attach it to their
   * diagnostics when they have no linear solve of their own (one-step, unrolled, truncated), so
   * a product less accurate than asked is reported, not silent.
   */
  default dev.iterdiff.linalg.LinearSolveResult productSolves() {
    return null;
  }

  /** Starts a new count for {@link #productSolves}. */
  default void resetProductSolves() {}
}
