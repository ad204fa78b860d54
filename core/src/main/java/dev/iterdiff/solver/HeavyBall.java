package dev.iterdiff.solver;

import dev.iterdiff.linalg.Blas;
import dev.iterdiff.map.Checks;
import dev.iterdiff.map.DifferentiableMap;
import dev.iterdiff.problem.Problem;
import java.util.List;

/**
 * Polyak's heavy ball on the state s = (x, x_prev) ∈ ℝ²ⁿ:
 * <pre>
 *   x⁺ = x − α∇ₓf(x; θ) + β(x − x_prev),   x_prev⁺ = x,
 * </pre>
 * with the exact 2n×2n state Jacobian J_sF = [[(1+β)I − α∇²f, −βI], [I, 0]] and
 * J_θF = [−α∂_θ∇ₓf; 0]. Defaults: α = 4/(√L+√μ)², β = ((√L−√μ)/(√L+√μ))², the optimal
 * parameters on quadratics (Polyak 1964); α may instead come from a {@link StepRule} (with
 * the optimal β), or (α, β) may be fixed.
 *
 * <p>α and β depend on θ through L(θ), μ(θ); as for gradient descent they are constants of
 * the solve, recorded as the step record [α, β], and the derivatives hold them fixed:
 * {@link #iteration(double...)} rebuilds the map the solve used from the record. Optimality
 * measure: {@link OptimalityMeasure#GRADIENT_NORM} at x.
 */
public final class HeavyBall implements IterativeSolver {

  private static final List<String> RECORD = List.of("alpha", "beta");

  private final Problem problem;
  private final StepRule alphaRule;
  private final double fixedBeta;
  private final int n;
  private final double[] xPart;
  private final double[] vPart;
  private final double[] scratch;
  private final CachedGradient gradients;
  private final PointKey parameterKey;
  private double alpha;
  private double beta;

  /** Heavy ball with the optimal (α, β) of quadratics. */
  public HeavyBall(Problem problem) {
    this(problem, null, Double.NaN);
  }

  /**
   * @param problem   the objective.
   * @param alphaRule the rule for α (null: 4/(√L+√μ)²).
   * @param beta      fixed momentum in [0, 1), or NaN for ((√L−√μ)/(√L+√μ))².
   */
  public HeavyBall(Problem problem, StepRule alphaRule, double beta) {
    if (problem == null) {
      throw new IllegalArgumentException("heavy-ball: problem is null");
    }
    if (!Double.isNaN(beta) && !(beta >= 0 && beta < 1)) {
      throw new IllegalArgumentException(
          "heavy-ball: momentum beta must be in [0, 1), got " + beta);
    }
    this.problem = problem;
    this.alphaRule = alphaRule;
    this.fixedBeta = beta;
    this.n = problem.dim();
    this.xPart = new double[n];
    this.vPart = new double[n];
    this.scratch = new double[n];
    this.gradients = new CachedGradient(problem);
    this.parameterKey = new PointKey(0, problem.thetaDim());
  }

  @Override
  public String name() {
    return "heavy-ball";
  }

  @Override
  public Problem problem() {
    return problem;
  }

  @Override
  public int stateDim() {
    return 2 * n;
  }

  /** Computes (α, β) at θ (cached by the content of θ); returns α. */
  public double alpha(double[] theta) {
    parameters(theta);
    return alpha;
  }

  /** β at θ. */
  public double beta(double[] theta) {
    parameters(theta);
    return beta;
  }

  private void parameters(double[] theta) {
    if (parameterKey.matches(theta, theta)) {
      return;
    }
    double l = problem.lipschitz(theta);
    double mu = problem.strongConvexity(theta);
    Checks.positive(problem.name() + ": Lipschitz constant L", l);
    if (!(mu >= 0) || !Double.isFinite(mu)) {
      throw new IllegalArgumentException(problem.name()
          + ": strong convexity mu must be finite and >= 0, got " + mu);
    }
    double sl = Math.sqrt(l);
    double sm = Math.sqrt(mu);
    alpha = alphaRule == null ? 4.0 / ((sl + sm) * (sl + sm)) : alphaRule.step(problem, theta);
    double ratio = (sl - sm) / (sl + sm);
    beta = Double.isNaN(fixedBeta) ? ratio * ratio : fixedBeta;
    parameterKey.store(theta, theta);
  }

  /** s₀ = (x₀, x₀). */
  @Override
  public void initialState(double[] x0, double[] state) {
    Checks.length("x0", x0, n);
    Checks.length("state", state, 2 * n);
    System.arraycopy(x0, 0, state, 0, n);
    System.arraycopy(x0, 0, state, n, n);
  }

  @Override
  public OptimalityMeasure optimalityMeasure() {
    return OptimalityMeasure.GRADIENT_NORM;
  }

  @Override
  public double residual(double[] state, double[] theta) {
    return Blas.nrm2(gradients.at(state, theta));
  }

  /** Record [alpha, beta]. */
  @Override
  public List<String> recordFields() {
    return RECORD;
  }

  @Override
  public void advance(double[] state, double[] theta, double[] out, double[] record) {
    parameters(theta);
    TwoStepMap.update(n, state, gradients.at(state, theta), 1 + beta, alpha, -beta, out);
    record[0] = alpha;
    record[1] = beta;
  }

  /**
   * The map F_{α,β} for the record [α, β].
   *
   * @throws IllegalArgumentException if the record's length is not 2, α is not finite and
   *         &gt; 0 or β is not in [0, 1).
   */
  @Override
  public DifferentiableMap iteration(double... record) {
    Checks.length("heavy-ball step record [alpha, beta]", record, 2);
    Checks.positive("heavy-ball step alpha", record[0]);
    if (!(record[1] >= 0 && record[1] < 1)) {
      throw new IllegalArgumentException(
          "heavy-ball: momentum beta must be in [0, 1), got " + record[1]);
    }
    return new TwoStepMap(problem, gradients::at, xPart, vPart, scratch, 1 + record[1],
        record[0], -record[1]);
  }

}
