package dev.iterdiff.optimality;

import dev.iterdiff.map.Checks;
import dev.iterdiff.map.DifferentiableMap;
import dev.iterdiff.solver.IterativeSolver;
import dev.iterdiff.solver.Solution;
import dev.iterdiff.solver.Trajectory;

/**
 * The fixed-point condition of a solver: G(s, θ) = F_r(s, θ) − s = 0 on the solver state s
 * (x for gradient descent and Newton, (x, x_prev) for heavy ball and Nesterov), with the step
 * record r (step, momentum, …) held fixed. ∂_sG = J_sF − I and ∂_θG = J_θF. ∂_sG is
 * symmetric when the solver says J_sF is ({@link IterativeSolver#symmetricFixedPoint}:
 * gradient descent, ∂_sG = −t∇²ₓf); for the other solvers it is not (JAXopt's "fixed_point"
 * condition, Blondel et al. 2021).
 *
 * <p>Shares the solver's workspaces: one instance per thread.
 */
public final class FixedPoint implements OptimalityCondition {

  /** The catalog name. */
  public static final String NAME = "fixed-point";

  /** Symmetric when the solver's J_sF is; on the state; needs one iteration (its record). */
  public static final ConditionEntry.Capabilities CAPABILITIES =
      new ConditionEntry.Capabilities(ConditionEntry.Symmetry.SOLVER, true, 1);

  private final IterativeSolver solver;
  private final DifferentiableMap map;
  private final double[] record;

  /**
   * @param solver the solver whose iteration map F_r defines G.
   * @param record r, e.g. the last step record of a solve ({@code gd}: [t]); copied.
   * @throws IllegalArgumentException on a null solver or a record the solver's
   *         {@link IterativeSolver#iteration(double...)} refuses (wrong length, step ≤ 0, …).
   */
  public FixedPoint(IterativeSolver solver, double... record) {
    if (solver == null) {
      throw new IllegalArgumentException("fixed-point: solver is null");
    }
    if (record == null) {
      throw new IllegalArgumentException("fixed-point: step record is null");
    }
    Checks.positive("fixed-point step", record.length > 0 ? record[0] : Double.NaN);
    this.solver = solver;
    this.record = record.clone();
    this.map = solver.iteration(this.record);
  }

  /**
   * The fixed-point condition of a solution's solver with the record of its last iteration.
   *
   * @throws IllegalArgumentException if the solve took no iteration (k = 0).
   */
  public static FixedPoint atLastStep(Solution solution) {
    int k = solution.iterations();
    if (k < CAPABILITIES.minIterations()) {
      throw new IllegalArgumentException("implicit with condition fixed-point needs at "
          + "least one iteration (it uses the last step), got k = 0");
    }
    Trajectory trajectory = solution.trajectory();
    double[] record = new double[trajectory.recordLength()];
    trajectory.record(k - 1, record);
    return new FixedPoint(solution.solver(), record);
  }

  /** The step t, entry 0 of the record. */
  public double step() {
    return record[0];
  }

  /** A copy of the step record r. */
  public double[] record() {
    return record.clone();
  }

  @Override
  public String name() {
    return "fixed-point(" + solver.name() + ")";
  }

  /** The solver's capability: J_sF symmetric for every record (gradient descent). */
  @Override
  public boolean symmetric() {
    return solver.symmetricFixedPoint();
  }

  @Override
  public int xDim() {
    return map.xDim();
  }

  @Override
  public int thetaDim() {
    return map.thetaDim();
  }

  @Override
  public int outDim() {
    return map.outDim();
  }

  /** out = F_r(s, θ) − s. */
  @Override
  public void apply(double[] s, double[] theta, double[] out) {
    map.apply(s, theta, out);
    for (int i = 0; i < out.length; i++) {
      out[i] -= s[i];
    }
  }

  /** out = J_sF v − v. */
  @Override
  public void jvpX(double[] s, double[] theta, double[] v, double[] out) {
    map.jvpX(s, theta, v, out);
    for (int i = 0; i < out.length; i++) {
      out[i] -= v[i];
    }
  }

  /** out = J_sFᵀ u − u. */
  @Override
  public void vjpX(double[] s, double[] theta, double[] u, double[] out) {
    map.vjpX(s, theta, u, out);
    for (int i = 0; i < out.length; i++) {
      out[i] -= u[i];
    }
  }

  /** out = J_θF w. */
  @Override
  public void jvpTheta(double[] s, double[] theta, double[] w, double[] out) {
    map.jvpTheta(s, theta, w, out);
  }

  /** out = J_θFᵀ u. */
  @Override
  public void vjpTheta(double[] s, double[] theta, double[] u, double[] out) {
    map.vjpTheta(s, theta, u, out);
  }
}
