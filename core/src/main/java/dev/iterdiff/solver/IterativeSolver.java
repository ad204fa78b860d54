package dev.iterdiff.solver;

import dev.iterdiff.linalg.LinearOperator;
import dev.iterdiff.map.DifferentiableMap;
import dev.iterdiff.problem.Problem;

/**
 * An iterative solver for min_x f(x; θ) seen as an iteration map on its state:
 * s_{i+1} = F_{t_i}(s_i, θ). The state is x itself (gradient descent, Newton) or x followed
 * by more (heavy ball: (x, x_prev)); x is always the first n entries of the state.
 *
 * <p>t_i is the step parameter chosen at iteration i (constant for gradient descent, the
 * line-search step for Newton). The solve records it, and {@link #iteration(double)} gives
 * the map F_t for that step, with exact J_sF and J_θF: the line-search step is piecewise
 * constant in (s, θ), so holding it fixed is the exact derivative almost everywhere.
 *
 * <p>A solver instance holds workspaces and caches (Newton keeps the factorization of the
 * last Hessian it formed): one instance per thread, reused across instances of the same
 * problem.
 */
public interface IterativeSolver {

  /** Name as the CLI spells it: gd, heavy-ball, newton. */
  String name();

  /** The problem this solver minimizes. */
  Problem problem();

  /** Dimension of the state (≥ n = problem().dim()). */
  int stateDim();

  /**
   * Initial state from x₀ (heavy ball: (x₀, x₀)). The initial state does not depend on θ.
   *
   * @param x0    length n. Not modified.
   * @param state length stateDim. Modified.
   */
  void initialState(double[] x0, double[] state);

  /**
   * ‖∇ₓf(x; θ)‖₂ at the x part of the state: the optimality residual the solve tests
   * against its tolerance. Implementations may cache the gradient for the next
   * {@link #advance}.
   */
  double residual(double[] state, double[] theta);

  /**
   * One iteration: out = F_t(state, θ), with t chosen here (line search) and returned.
   *
   * @param state length stateDim. Not modified.
   * @param out   length stateDim, distinct from state. Modified.
   * @return the step parameter t used, to be passed to {@link #iteration(double)}.
   */
  double advance(double[] state, double[] theta, double[] out);

  /**
   * The iteration map F_t(s, θ) for a recorded step parameter t, with its four products.
   * The returned map shares this solver's workspaces and caches.
   */
  DifferentiableMap iteration(double step);

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
   * A hint before a solve: the products of {@link #iteration} will be taken at up to
   * {@code points} distinct iterates of it (a reverse sweep over a fully stored trajectory),
   * so a solver that caches work per point — Newton's Hessian factorizations — may keep that
   * many instead of recomputing them, within its own memory bound. The default ignores it;
   * results never depend on it, only the cost.
   *
   * @param points iterates whose per-point work is worth keeping (≥ 1).
   */
  default void retainPoints(int points) {}
}
