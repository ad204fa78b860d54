package dev.iterdiff.solver;

import dev.iterdiff.linalg.Blas;
import dev.iterdiff.map.Checks;
import dev.iterdiff.map.DifferentiableMap;
import dev.iterdiff.problem.Problem;
import java.util.List;

/**
 * The Chebyshev semi-iterative method (Golub &amp; Varga 1961; Scieur et al., <i>The Curse of
 * Unrolling</i>, NeurIPS 2022, §3) for f with Hessian spectrum in [μ, L], on the state
 * s = (x, x_prev) ∈ ℝ²ⁿ, with γ = 2/(L+μ), ρ̄ = (L−μ)/(L+μ):
 * <pre>
 *   x⁺ = ω_k (x − γ∇ₓf(x; θ)) + (1 − ω_k) x_prev,   x_prev⁺ = x,
 *   ω₁ = 1,   ω₂ = 2/(2 − ρ̄²),   ω_{k+1} = 1/(1 − ρ̄²ω_k/4),
 * </pre>
 * so that on a quadratic x_k − x* = T_k((L+μ−2H)/(L−μ))/T_k((L+μ)/(L−μ))·(x₀ − x*), the
 * Chebyshev polynomial of least maximum on [μ, L]: the error decays at the asymptotic rate
 * (√κ−1)/(√κ+1) per iteration, κ = L/μ (ω_k → 2/(1 + √(1−ρ̄²))).
 *
 * <p>Exact state Jacobian J_sF = [[ω(I − γH), (1−ω)I], [I, 0]], H = ∇²ₓf(x), and
 * J_θF = [−ωγ∂_θ∇ₓf; 0]. Each iteration records [γ, ω_k]; {@link #iteration(double...)}
 * rebuilds that map and the derivatives hold the record fixed (γ and the ω_k depend on θ only
 * through μ(θ), L(θ)). μ and L come from the step spec {@code mu,L} (two numbers) or, by
 * default ({@code auto}), from the problem's {@code strongConvexity} and {@code lipschitz}
 * at θ. The ω sequence restarts at {@link #initialState}. Optimality measure:
 * {@link OptimalityMeasure#GRADIENT_NORM} at x. One instance per thread.
 */
public final class Chebyshev implements IterativeSolver {

  /** The registration of this solver in {@link Solvers#CATALOG}. */
  public static final SolverEntry ENTRY = new SolverEntry("chebyshev",
      List.of("chebyshev-semi-iterative"), "Chebyshev semi-iterative method on (x, x_prev) for "
          + "a Hessian spectrum in [mu, L]; step: auto (default, mu and L of the problem) or "
          + "mu,L (two numbers, 0 < mu <= L)",
      new SolverEntry.Capabilities(List.of("auto", "<mu>,<L>"), false, false, false),
      Chebyshev::parse, (problem, spec) -> new Chebyshev(problem, parse(spec)));

  /**
   * The spectrum bounds: both NaN for the problem's own μ(θ), L(θ).
   *
   * @param mu the smallest eigenvalue bound, finite and &gt; 0, or NaN.
   * @param l  the largest, finite and ≥ μ, or NaN.
   */
  public record Options(double mu, double l) {

    /** The problem's μ(θ) and L(θ). */
    public static final Options AUTO = new Options(Double.NaN, Double.NaN);

    /** @throws IllegalArgumentException naming the bound and its value. */
    public Options {
      if (Double.isNaN(mu) != Double.isNaN(l)) {
        throw new IllegalArgumentException("chebyshev: give both mu and L or neither, got mu = "
            + mu + ", L = " + l);
      }
      if (!Double.isNaN(mu) && (!(mu > 0) || !(l >= mu) || !Double.isFinite(l))) {
        throw new IllegalArgumentException("chebyshev: need 0 < mu <= L < inf, got mu = " + mu
            + ", L = " + l);
      }
    }
  }

  private static final List<String> RECORD = List.of("gamma", "omega");

  private final Problem problem;
  private final Options options;
  private final int n;
  private final double[] xPart;
  private final double[] vPart;
  private final double[] scratch;
  private final CachedGradient gradients;
  private final PointKey parameterKey;
  private double gamma;
  private double rhoSquared;
  private double omega;
  private int index;

  /**
   * @param problem the objective (a quadratic for the Chebyshev guarantees).
   * @param options μ and L, or {@link Options#AUTO}.
   */
  public Chebyshev(Problem problem, Options options) {
    if (problem == null || options == null) {
      throw new IllegalArgumentException("chebyshev: problem and options must be non-null");
    }
    this.problem = problem;
    this.options = options;
    this.n = problem.dim();
    this.xPart = new double[n];
    this.vPart = new double[n];
    this.scratch = new double[n];
    this.gradients = new CachedGradient(problem);
    this.parameterKey = new PointKey(0, problem.thetaDim());
  }

  /**
   * Parses a step spec: null or {@code auto} (the problem's μ, L), or {@code mu,L}.
   *
   * @throws IllegalArgumentException naming the spec.
   */
  public static Options parse(String spec) {
    if (spec == null || spec.isBlank() || spec.trim().equalsIgnoreCase("auto")) {
      return Options.AUTO;
    }
    String[] parts = spec.replace(" ", "").split(",");
    try {
      if (parts.length == 2) {
        return new Options(Double.parseDouble(parts[0]), Double.parseDouble(parts[1]));
      }
    } catch (IllegalArgumentException e) {
      // reported below with the spec
    }
    throw new IllegalArgumentException("--step: '" + spec + "' does not apply to chebyshev "
        + "(expected auto, or mu,L with 0 < mu <= L)");
  }

  @Override public String name() { return ENTRY.name(); }
  @Override public Problem problem() { return problem; }
  @Override public int stateDim() { return 2 * n; }
  @Override public OptimalityMeasure optimalityMeasure() { return OptimalityMeasure.GRADIENT_NORM; }

  /** Record [gamma, omega]. */
  @Override public List<String> recordFields() { return RECORD; }

  /** s₀ = (x₀, x₀); restarts the ω sequence. */
  @Override
  public void initialState(double[] x0, double[] state) {
    Checks.length("x0", x0, n);
    Checks.length("state", state, 2 * n);
    System.arraycopy(x0, 0, state, 0, n);
    System.arraycopy(x0, 0, state, n, n);
    index = 0;
  }

  @Override
  public double residual(double[] state, double[] theta) {
    return Blas.nrm2(gradients.at(state, theta));
  }

  /** γ = 2/(L+μ) at θ. */
  public double step(double[] theta) {
    parameters(theta);
    return gamma;
  }

  /** ρ̄ = (L−μ)/(L+μ) at θ: the rate of gradient descent with step γ. */
  public double spectralRadius(double[] theta) {
    parameters(theta);
    return Math.sqrt(rhoSquared);
  }

  private void parameters(double[] theta) {
    if (parameterKey.matches(theta, theta)) {
      return;
    }
    double mu = options.mu();
    double l = options.l();
    if (Double.isNaN(mu)) {
      l = problem.lipschitz(theta);
      mu = problem.strongConvexity(theta);
      Checks.positive(problem.name() + ": Lipschitz constant L", l);
      if (!(mu > 0) || !Double.isFinite(mu)) {
        throw new IllegalArgumentException("chebyshev needs strong convexity mu > 0, got mu = "
            + mu + " for " + problem.name() + " (give --step mu,L)");
      }
    }
    gamma = 2.0 / (l + mu);
    double rho = (l - mu) / (l + mu);
    rhoSquared = rho * rho;
    parameterKey.store(theta, theta);
  }

  @Override
  public void advance(double[] state, double[] theta, double[] out, double[] record) {
    parameters(theta);
    index++;
    omega = index == 1 ? 1.0 : index == 2 ? 2.0 / (2.0 - rhoSquared)
        : 1.0 / (1.0 - 0.25 * rhoSquared * omega);
    TwoStepMap.update(n, state, gradients.at(state, theta), omega, omega * gamma, 1 - omega,
        out);
    record[0] = gamma;
    record[1] = omega;
  }

  /**
   * F_{γ,ω} for the record [γ, ω].
   *
   * @throws IllegalArgumentException on a record of length ≠ 2, γ not finite and &gt; 0 or ω
   *         not in (0, 2).
   */
  @Override
  public DifferentiableMap iteration(double... record) {
    Checks.length("chebyshev step record [gamma, omega]", record, 2);
    Checks.positive("chebyshev step gamma", record[0]);
    if (!(record[1] > 0 && record[1] < 2)) {
      throw new IllegalArgumentException("chebyshev: omega must be in (0, 2), got " + record[1]);
    }
    return new TwoStepMap(problem, gradients::at, xPart, vPart, scratch, record[1],
        record[1] * record[0], 1 - record[1]);
  }

}
