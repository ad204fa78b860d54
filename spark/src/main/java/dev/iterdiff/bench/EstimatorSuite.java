package dev.iterdiff.bench;

import dev.iterdiff.data.ConditionedRegression;
import dev.iterdiff.data.TwoGaussianClasses;
import dev.iterdiff.diff.DiagnosticsOptions;
import dev.iterdiff.diff.JacobianEstimator;
import dev.iterdiff.diff.EstimatorOptions;
import dev.iterdiff.diff.Estimators;
import dev.iterdiff.diff.Implicit;
import dev.iterdiff.diff.OneStep;
import dev.iterdiff.diff.Truncated;
import dev.iterdiff.diff.UnrolledForward;
import dev.iterdiff.diff.UnrolledReverse;
import dev.iterdiff.problem.LabeledData;
import dev.iterdiff.problem.LogisticProblem;
import dev.iterdiff.problem.Problem;
import dev.iterdiff.problem.RidgeProblem;
import dev.iterdiff.problem.WeightedLogisticProblem;
import dev.iterdiff.solver.GradientDescent;
import dev.iterdiff.solver.IterativeSolver;
import dev.iterdiff.solver.Newton;
import dev.iterdiff.solver.Solve;
import dev.iterdiff.solver.SolveOptions;
import dev.iterdiff.solver.StepRule;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * The settings of {@code iterdiff bench estimators} (issue 2):
 *
 * <ul>
 *   <li>Newton on logistic regression, two Gaussian classes of n₁ = p samples
 *       ({@link TwoGaussianClasses}, μ = 1), λ = e⁻⁵ (Bolte, Pauwels &amp; Vaiter 2023, §5),
 *       hypergradient of g(x) = ½‖x*‖² (u = x_k, one VJP) with respect to per-feature λ
 *       (m = p) and, as in the paper, per-sample weights (m = N = 2p, θ = 𝟙);</li>
 *   <li>gradient descent with step 1/L on ridge ({@link ConditionedRegression}, N = 2p,
 *       κ(AᵀA/N) = 30, per-feature λ = 10⁻³), k = 500 iterations;</li>
 *   <li>interior point on the paper's QP, FISTA on the lasso ({@link ConstrainedCases}).</li>
 * </ul>
 *
 * Diagnostics (power iteration for ρ) are off: they are not part of an estimator's cost.
 * Every solve starts from x₀ = 0. Each Newton solve gets a fresh {@link Newton} instance:
 * Newton caches its last two Hessian factorizations, and a reverse sweep that ends at x₀
 * would otherwise hand the next solve two free factorizations (measured: the baseline then
 * looks 30% faster). Gradient descent is reused: its cache holds the step 1/L per θ (an
 * eigenvalue computation done once per problem), which is thus left out of the solve time —
 * a smaller baseline, so the ratios err on the high side.
 */
public final class EstimatorSuite {

  /** The estimator the others are compared with (relative-error column). */
  public static final String REFERENCE = "implicit(cholesky)";

  /** Relative tolerance of the implicit linear solves. */
  public static final double LINEAR_TOLERANCE = 1e-10;

  /** JacobianEstimator options: diagnostics off (ρ's power iteration is not an estimator's cost). */
  private static final EstimatorOptions OPTIONS = new EstimatorOptions(0, "auto",
      LINEAR_TOLERANCE, 0, EstimatorOptions.STATIONARITY, false, DiagnosticsOptions.none());

  private EstimatorSuite() {}

  /**
   * Runs every selected setting at every size, reporting each row as soon as it is measured.
   *
   * @param options  what to run.
   * @param progress receives each row as it is measured (e.g. printed to stderr).
   * @return all rows, in order.
   */
  public static List<BenchRow> run(BenchOptions options, Consumer<BenchRow> progress) {
    EstimatorBenchmark bench = new EstimatorBenchmark(options.warmup(), options.repetitions(),
        options.minSeconds(), options.clock());
    List<BenchRow> rows = new ArrayList<>();
    for (String setting : BenchOptions.ALL_SETTINGS) {
      if (!options.settings().contains(setting)) {
        continue;
      }
      List<Integer> sizes = switch (setting) {
        case BenchOptions.GD_RIDGE -> options.ridgeSizes();
        case BenchOptions.IPM_QP -> options.qpSizes();
        case BenchOptions.PROX_LASSO -> options.lassoSizes();
        default -> options.newtonSizes();
      };
      for (int p : sizes) {
        for (BenchRow row : bench.measure(create(setting, p, options))) {
          rows.add(row);
          progress.accept(row);
        }
      }
    }
    return rows;
  }

  /** The case of one setting at size p. */
  public static BenchCase create(String setting, int p, BenchOptions o) {
    return switch (setting) {
      case BenchOptions.NEWTON_LOGISTIC -> newtonLogistic(p, false, o);
      case BenchOptions.NEWTON_WEIGHTED_LOGISTIC -> newtonLogistic(p, true, o);
      case BenchOptions.GD_RIDGE -> gdRidge(p, o);
      case BenchOptions.IPM_QP -> ConstrainedCases.qp(p, o);
      case BenchOptions.PROX_LASSO -> ConstrainedCases.lasso(p, o);
      default -> throw new IllegalArgumentException("--settings: unknown setting '" + setting
          + "' (expected one of " + String.join(", ", BenchOptions.ALL_SETTINGS) + ")");
    };
  }

  private static BenchCase newtonLogistic(int p, boolean perSample, BenchOptions o) {
    LabeledData data = TwoGaussianClasses.generate(p, p, TwoGaussianClasses.DEFAULT_SEPARATION,
        o.seed());
    Problem problem = perSample
        ? new WeightedLogisticProblem(data, BenchOptions.PAPER_LAMBDA)
        : new LogisticProblem(data, p);
    double[] theta = new double[problem.thetaDim()];
    Arrays.fill(theta, perSample ? 1.0 : BenchOptions.PAPER_LAMBDA);
    double[] x0 = new double[p];
    int k = o.newtonMaxIterations();
    List<EstimatorRun> runs = new ArrayList<>(commonRuns(k));
    runs.add(vjp(UnrolledReverse.NAME, "", OPTIONS, k));
    if (theta.length <= o.forwardMaxTheta()) {
      runs.add(jacobian(UnrolledForward.NAME, k));
    }
    return new BenchCase(perSample ? BenchOptions.NEWTON_WEIGHTED_LOGISTIC
        : BenchOptions.NEWTON_LOGISTIC, perSample ? "per-sample weight" : "per-feature lambda",
        p, theta.length, storage -> Solve.run(new Newton(problem), theta, x0,
            new SolveOptions(k, o.newtonTolerance(), storage)), runs, REFERENCE);
  }

  private static BenchCase gdRidge(int p, BenchOptions o) {
    LabeledData data = ConditionedRegression.generate(2 * p, p, o.ridgeKappa(), o.seed());
    Problem problem = new RidgeProblem(data, p);
    double[] theta = new double[p];
    Arrays.fill(theta, o.ridgeLambda());
    IterativeSolver solver = new GradientDescent(problem, StepRule.inverseLipschitz());
    double[] x0 = new double[p];
    int k = o.ridgeIterations();
    List<EstimatorRun> runs = new ArrayList<>(commonRuns(k));
    runs.add(vjp(UnrolledReverse.NAME, "", OPTIONS, k));
    runs.add(vjp(UnrolledReverse.NAME, "(checkpointed)", new EstimatorOptions(0, "auto",
        LINEAR_TOLERANCE, 0, EstimatorOptions.STATIONARITY, true, DiagnosticsOptions.none()),
        k));
    runs.add(vjp(Truncated.NAME, "(" + o.truncation() + ")",
        OPTIONS.withTruncation(o.truncation()), k));
    if (theta.length <= o.forwardMaxTheta()) {
      runs.add(jacobian(UnrolledForward.NAME, k));
    }
    return new BenchCase(BenchOptions.GD_RIDGE, "per-feature lambda", p, p,
        storage -> Solve.run(solver, theta, x0, SolveOptions.iterations(k, storage)), runs,
        REFERENCE);
  }

  /**
   * one-step, implicit with the automatic linear solver (after Newton: CG preconditioned by
   * Newton's last factorization), with Cholesky and with CG (stationarity ∇ₓf = 0 at x_k).
   */
  private static List<EstimatorRun> commonRuns(int k) {
    return List.of(
        vjp(OneStep.NAME, "", OPTIONS, k),
        vjp(Implicit.NAME, "(auto)", OPTIONS, k),
        vjp(Implicit.NAME, "(cholesky)", OPTIONS.withLinearSolver("cholesky", LINEAR_TOLERANCE),
            k),
        vjp(Implicit.NAME, "(cg)", OPTIONS.withLinearSolver("cg", LINEAR_TOLERANCE), k));
  }

  /**
   * The hypergradient of g(x) = ½‖x‖² at x_k, Jᵀx_k, by the estimator the library builds for
   * this name and options, on a solve with the storage the library requires for it.
   */
  private static EstimatorRun vjp(String name, String suffix, EstimatorOptions options, int k) {
    JacobianEstimator e = Estimators.byName(name, options);
    return new EstimatorRun(name + suffix, "vjp",
        Estimators.requiredStorage(List.of(name), k, options),
        solution -> e.vjp(solution, solution.x()).value());
  }

  /** The full n×m Jacobian (m JVP tangents carried through every iteration). */
  private static EstimatorRun jacobian(String name, int k) {
    JacobianEstimator e = Estimators.byName(name, OPTIONS);
    return new EstimatorRun(name, "jacobian", Estimators.requiredStorage(List.of(name), k,
        OPTIONS), solution -> e.jacobian(solution).jacobian());
  }
}
