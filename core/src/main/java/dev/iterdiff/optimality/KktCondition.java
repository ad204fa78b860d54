package dev.iterdiff.optimality;

import dev.iterdiff.map.Checks;
import dev.iterdiff.problem.QpKktSystem;
import dev.iterdiff.problem.QuadraticProgram;
import dev.iterdiff.solver.Solution;
import java.util.Arrays;

/**
 * The KKT conditions of a {@link QuadraticProgram} on the primal-dual state z = (x, ν, λ, s):
 * <pre>
 *   G(z, θ) = ( Q(θ)x + q(θ) + Aᵀν + Gᵀλ,  Ax − b(θ),  Gx + s − h(θ),  λ∘s ) = 0
 * </pre>
 * — stationarity, primal feasibility (with slacks) and complementary slackness. Implicit
 * differentiation through it, J = −(∂_zG)⁻¹∂_θG with ∂_zG = K the KKT matrix, is the
 * OptNet backward pass (Amos &amp; Kolter 2017, eq. (6)–(8)) and JAXopt's KKT condition
 * (Blondel et al. 2021, §2.2), written with the slack s so that K is nonsingular under strict
 * complementarity. ∂_θG: (I, 0, 0, 0) for θ = q, (0, −I, 0, 0) for b, (0, 0, −I, 0) for h,
 * (Qx, 0, 0, 0) for a scale of Q. {@link #system} solves with K or Kᵀ through a reduced KKT
 * matrix of order n + p + |active| ({@link ReducedKktSystem}, residual reported); {@link #denseJacobianX} writes K for
 * the dense solvers (a named --linear-solver).
 *
 * <p>Lives on the state of a solver that keeps (x, ν, λ, s): {@code interior-point}.
 */
public final class KktCondition implements OptimalityCondition {

  /** The catalog name. */
  public static final String NAME = "kkt";

  /** Nonsymmetric, on the primal-dual state, from any solve (k ≥ 0). */
  public static final ConditionEntry.Capabilities CAPABILITIES =
      new ConditionEntry.Capabilities(ConditionEntry.Symmetry.NEVER, true, 0,
          ConditionEntry.Scope.PRIMAL_DUAL);

  private final QuadraticProgram qp;
  private final int dim;

  /** @param qp the program. */
  public KktCondition(QuadraticProgram qp) {
    this.qp = qp;
    this.dim = QpKktSystem.dim(qp);
  }

  /**
   * The condition for a solve of a QP on the primal-dual state.
   *
   * @throws IllegalArgumentException when the solver's problem is not a QP or its state is
   *         not (x, ν, λ, s).
   */
  public static KktCondition of(Solution solution) {
    if (!(solution.solver().problem() instanceof QuadraticProgram qp)
        || solution.trajectory().stateDim() != QpKktSystem.dim(qp)) {
      throw new IllegalArgumentException("condition kkt needs a quadratic program solved on "
          + "its primal-dual state (x, nu, lambda, s), e.g. by interior-point; got solver "
          + solution.solver().name() + " on " + solution.solver().problem().name());
    }
    return new KktCondition(qp);
  }

  @Override public String name() { return NAME; }
  @Override public boolean symmetric() { return false; }
  @Override public int xDim() { return dim; }
  @Override public int thetaDim() { return qp.thetaDim(); }
  @Override public int outDim() { return dim; }

  @Override
  public void apply(double[] z, double[] theta, double[] out) {
    Checks.applyArgs(this, z, theta, out);
    QpKktSystem.residual(qp, z, theta, out);
  }

  @Override
  public void jvpX(double[] z, double[] theta, double[] v, double[] out) {
    Checks.jvpXArgs(this, z, theta, v, out);
    QpKktSystem.apply(qp, z, theta, v, out, false);
  }

  @Override
  public void vjpX(double[] z, double[] theta, double[] u, double[] out) {
    Checks.vjpXArgs(this, z, theta, u, out);
    QpKktSystem.apply(qp, z, theta, u, out, true);
  }

  @Override
  public void jvpTheta(double[] z, double[] theta, double[] w, double[] out) {
    Checks.jvpThetaArgs(this, z, theta, w, out);
    Arrays.fill(out, 0.0);
    qp.kktThetaJvp(z, w, out);
  }

  @Override
  public void vjpTheta(double[] z, double[] theta, double[] u, double[] out) {
    Checks.vjpThetaArgs(this, z, theta, u, out);
    Arrays.fill(out, 0.0);
    qp.kktThetaVjp(z, u, 1.0, out);
  }

  /** K y = r and Kᵀ v = u through one LU of the reduced KKT matrix at z. */
  @Override
  public ConditionSystem system(double[] z, double[] theta, double tolerance) {
    Checks.length("z", z, dim);
    return new ReducedKktSystem(qp, z, theta, tolerance);
  }

  /**
   * With the solver's last KKT factorization as a preconditioner when it solved this QP
   * (refinement preconditioned by it — its bare solve first, then refined — falling back to
   * the partially reduced LU;
   * {@link ReducedKktSystem}).
   */
  @Override
  public ConditionSystem system(double[] z, double[] theta, double tolerance,
      dev.iterdiff.solver.IterativeSolver solver) {
    Checks.length("z", z, dim);
    if (solver == null || solver.problem() != qp) {
      return system(z, theta, tolerance);
    }
    return new ReducedKktSystem(qp, z, theta, tolerance, solver.kktFactorization(false),
        solver.kktFactorization(true), solver.kktPreconditioner(false),
        solver.kktPreconditioner(true));
  }

  /** K = ∂_zG, dense (n + p + 2m)², column by column from the matrix-free product. */
  @Override
  public boolean denseJacobianX(double[] z, double[] theta, double[] out) {
    Checks.length("out", out, Math.multiplyExact(dim, dim));
    double[] e = new double[dim];
    double[] col = new double[dim];
    for (int j = 0; j < dim; j++) {
      e[j] = 1;
      QpKktSystem.apply(qp, z, theta, e, col, false);
      System.arraycopy(col, 0, out, j * dim, dim);
      e[j] = 0;
    }
    return true;
  }
}
