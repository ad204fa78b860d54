package dev.iterdiff.spark.distill;

import dev.iterdiff.bilevel.OuterEvaluation;
import dev.iterdiff.bilevel.OuterEvaluator;
import dev.iterdiff.diff.DiagnosticsOptions;
import dev.iterdiff.diff.EstimatorOptions;
import dev.iterdiff.diff.Estimators;
import dev.iterdiff.diff.JacobianEstimator;
import dev.iterdiff.problem.SyntheticDataSoftmax;
import dev.iterdiff.solver.IterativeSolver;
import dev.iterdiff.solver.Solution;
import dev.iterdiff.solver.Solve;
import dev.iterdiff.solver.SolveOptions;
import dev.iterdiff.solver.Solvers;
import dev.iterdiff.solver.Storage;
import java.util.List;

/**
 * The outer objective of dataset distillation and its hypergradient (Wang et al. 2018; the
 * JAXopt paper, Blondel et al. 2021, §4): at θ (the synthetic images),
 * <pre>
 *   x*(θ) = argminₓ f(x; θ)                     (softmax + λ/2‖x‖² on the synthetic images)
 *   G(θ)  = ℓ(x*(θ)) = (1/N)·Σ_b ℓ_b(x*(θ))      (cross-entropy on the real set, data-parallel)
 *   ∇G(θ) = J(θ)ᵀ∇ℓ(x*) = −(∂_θ∇ₓf)ᵀ(∇²ₓf)⁻¹∇ℓ(x*)   (implicit: one CG solve, one cross VJP)
 * </pre>
 * or J(θ)ᵀ∇ℓ by reverse mode through the k inner iterations ({@code unrolled-reverse}). The inner
 * problem is small (dim x = p·K) and is solved on the driver, from x = 0 at every step (so a
 * resumed run retraces an uninterrupted one exactly); only ℓ and ∇ℓ — the pass over the real
 * data — run on the partitions ({@link RealDataLoss}). {@link #lastCost()} splits the wall time
 * of the last step into its three phases. Not thread-safe.
 */
public final class DistillEvaluator implements OuterEvaluator {

  /** Estimators the job accepts (both differentiate the same solve). */
  public static final List<String> ESTIMATORS = List.of("implicit", "unrolled-reverse");

  /**
   * Wall seconds of the phases of one outer step and the inner iterations it ran.
   *
   * @param solveSeconds    the inner solve (with the trajectory storage the estimator needs).
   * @param outerSeconds    ℓ and ∇ℓ over the real data (the partitions).
   * @param vjpSeconds      the hypergradient Jᵀ∇ℓ.
   * @param innerIterations inner iterations.
   */
  public record StepCost(double solveSeconds, double outerSeconds, double vjpSeconds,
      int innerIterations) {}

  private final SyntheticDataSoftmax problem;
  private final RealDataLoss outer;
  private final String estimatorName;
  private final IterativeSolver solver;
  private final JacobianEstimator estimator;
  private final int maxInner;
  private final Storage storage;
  private StepCost last;

  /**
   * @param problem       the inner problem on θ.
   * @param outer         the real-data loss (in process or on Spark).
   * @param solver        inner solver name (a {@link Solvers#CATALOG} name; nesterov suits).
   * @param estimator     {@code implicit} (CG at tolerance 1e-10) or {@code unrolled-reverse}.
   * @param maxInner      cap on the inner iterations, &gt; 0.
   * @throws IllegalArgumentException naming a bad solver, estimator or cap, or a mismatch of the
   *         classes.
   */
  public DistillEvaluator(SyntheticDataSoftmax problem, RealDataLoss outer, String solver,
      String estimator, int maxInner) {
    if (!ESTIMATORS.contains(estimator)) {
      throw new IllegalArgumentException("estimator: '" + estimator + "' (valid: "
          + String.join(", ", ESTIMATORS) + ")");
    }
    if (maxInner <= 0) {
      throw new IllegalArgumentException("inner max-iterations is " + maxInner
          + " (must be > 0)");
    }
    if (outer.classes() != problem.classes()) {
      throw new IllegalArgumentException("real data has " + outer.classes()
          + " classes, the synthetic problem " + problem.classes());
    }
    EstimatorOptions o = EstimatorOptions.defaults().withLinearSolver("cg", 1e-10)
        .withDiagnostics(DiagnosticsOptions.none());
    this.problem = problem;
    this.outer = outer;
    this.estimatorName = estimator;
    this.solver = Solvers.create(solver, problem, null);
    this.estimator = Estimators.byName(estimator, o);
    this.maxInner = maxInner;
    this.storage = Estimators.requiredStorage(List.of(estimator), maxInner, o);
  }

  @Override
  public int thetaDim() {
    return problem.thetaDim();
  }

  /** The estimator's name. */
  public String estimator() {
    return estimatorName;
  }

  /** The phases of the last {@link #evaluate}, or null before the first. */
  public StepCost lastCost() {
    return last;
  }

  /** x*(θ) to tolerance ε (at most the iteration cap), from x = 0. */
  public double[] solve(double[] theta, double tolerance) {
    problem.checkTheta(theta);
    return Solve.run(solver, theta, new double[problem.dim()],
        new SolveOptions(maxInner, tolerance, Storage.lastTwo())).x();
  }

  /**
   * G(θ), ∇G(θ); misclassification is that of x*(θ) on the real training rows.
   *
   * @throws IllegalArgumentException if θ has another length or a non-finite pixel.
   * @throws dev.iterdiff.linalg.LinearSolveException if the implicit CG solve fails.
   */
  @Override
  public OuterEvaluation evaluate(double[] theta, double innerTolerance) {
    long t0 = System.nanoTime();
    problem.checkTheta(theta);
    Solution sol = Solve.run(solver, theta, new double[problem.dim()],
        new SolveOptions(maxInner, innerTolerance, storage));
    long t1 = System.nanoTime();
    OuterLossAggregator.Total total = outer.at(sol.x());
    long t2 = System.nanoTime();
    double[] grad = estimator.vjp(sol, total.gradient()).value();
    long t3 = System.nanoTime();
    last = new StepCost((t1 - t0) * 1e-9, (t2 - t1) * 1e-9, (t3 - t2) * 1e-9,
        sol.iterations());
    return new OuterEvaluation(total.value(), grad, 1 - total.accuracy(), total.partitions(),
        total.rows(), sol.iterations(), sol.converged() ? 0 : 1, sol.residual(),
        (t3 - t0) * 1e-9);
  }
}
