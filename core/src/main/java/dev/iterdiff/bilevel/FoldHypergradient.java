package dev.iterdiff.bilevel;

import dev.iterdiff.diff.JacobianEstimator;
import dev.iterdiff.map.Checks;
import dev.iterdiff.solver.IterativeSolver;
import dev.iterdiff.solver.Solution;
import dev.iterdiff.solver.Solve;
import dev.iterdiff.solver.SolveOptions;
import dev.iterdiff.solver.Storage;

/**
 * The hypergradient of one inner problem: solve x_k ≈ x*(θ) (warm-started, to tolerance ε),
 * then h = ∂_θg(x_k, θ) + Jᵀ∇ₓg(x_k, θ), with Jᵀu from any {@link Estimator}'s VJP
 * (implicit by default: Jᵀu = −(∂_θ∇ₓf)ᵀ(∇²ₓf)⁻¹u, Pedregosa 2016; one-step, unrolled and
 * truncated as in Bolte–Pauwels–Vaiter 2023). The inner problem may see a subset of the global
 * θ ({@code thetaIndices}, per-sample weights of a fold); its gradient is scattered back.
 *
 * <p>Holds the solver's and the objective's workspaces: one instance per thread.
 */
public final class FoldHypergradient implements InnerTask {

  private final int fold;
  private final IterativeSolver solver;
  private final JacobianEstimator estimator;
  private final OuterObjective outer;
  private final int[] thetaIndices;
  private final int globalDim;
  private final int maxInnerIterations;
  private final Storage storage;
  private final double thetaScale;
  private final double[] localTheta;
  private final double[] gradX;
  private final double[] gradTheta;

  /**
   * @param fold               instance number reported in results.
   * @param solver             inner solver on the fold's training problem.
   * @param estimator          how Jᵀu is estimated.
   * @param outer              the fold's outer objective (held-out rows).
   * @param thetaIndices       global θ index of each entry of the problem's θ, or null when
   *                           the problem sees the global θ as is.
   * @param globalDim          dim of the global θ.
   * @param maxInnerIterations iteration cap of the inner solve.
   * @param storage            states the estimator needs (see Estimators.requiredStorage).
   * @throws IllegalArgumentException if the outer objective's features differ from the inner
   *         problem's, or the θ sizes do not fit.
   */
  public FoldHypergradient(int fold, IterativeSolver solver, JacobianEstimator estimator,
      OuterObjective outer, int[] thetaIndices, int globalDim, int maxInnerIterations,
      Storage storage) {
    this(fold, solver, estimator, outer, thetaIndices, globalDim, maxInnerIterations, storage,
        1.0);
  }

  /**
   * As above, with the inner problem seeing c·θ (c = {@code thetaScale} &gt; 0): its θ entry i
   * is c·θ[index i] and the hypergradient is scaled by c (chain rule). Spark ML's
   * LinearRegression penalizes regParam/δ_f with δ_f the fold's label standard deviation; c =
   * 1/δ_f makes θ = regParam exactly.
   */
  public FoldHypergradient(int fold, IterativeSolver solver, JacobianEstimator estimator,
      OuterObjective outer, int[] thetaIndices, int globalDim, int maxInnerIterations,
      Storage storage, double thetaScale) {
    Checks.positive("theta scale", thetaScale);
    this.thetaScale = thetaScale;
    int p = solver.problem().dim();
    if (outer.featureCount() != p) {
      throw new IllegalArgumentException("outer objective of fold " + fold + " has "
          + outer.featureCount() + " features but the inner problem has " + p
          + " (expected " + p + ", got " + outer.featureCount() + ")");
    }
    int m = solver.problem().thetaDim();
    if (thetaIndices == null) {
      Checks.sameDim("fold " + fold + ": global theta vs inner problem theta", globalDim, m);
    } else {
      Checks.sameDim("fold " + fold + ": theta indices vs inner problem theta",
          thetaIndices.length, m);
      for (int idx : thetaIndices) {
        if (idx < 0 || idx >= globalDim) {
          throw new IllegalArgumentException("fold " + fold + ": theta index " + idx
              + " outside [0, " + globalDim + ")");
        }
      }
    }
    Checks.positive("inner max iterations", maxInnerIterations);
    this.fold = fold;
    this.solver = solver;
    this.estimator = estimator;
    this.outer = outer;
    this.thetaIndices = thetaIndices;
    this.globalDim = globalDim;
    this.maxInnerIterations = maxInnerIterations;
    this.storage = storage;
    this.localTheta = new double[m];
    this.gradX = new double[p];
    this.gradTheta = new double[m];
  }

  /** n = dim x of the inner problem. */
  @Override
  public int index() {
    return fold;
  }

  @Override
  public int dim() {
    return solver.problem().dim();
  }

  /**
   * Solves the inner problem at θ from x₀ and differentiates the outer objective through it.
   *
   * @param theta     global θ. Not modified.
   * @param x0        warm start, length n. Not modified.
   * @param tolerance inner tolerance on ‖∇ₓf‖ (NaN: exactly the maximum iterations).
   * @throws IllegalArgumentException if θ is outside the problem's domain.
   * @throws dev.iterdiff.linalg.LinearSolveException if the estimator's linear solve fails.
   */
  @Override
  public FoldResult evaluate(double[] theta, double[] x0, double tolerance) {
    long start = System.nanoTime();
    Checks.length("theta", theta, globalDim);
    for (int i = 0; i < localTheta.length; i++) {
      localTheta[i] = thetaScale * (thetaIndices == null ? theta[i] : theta[thetaIndices[i]]);
    }
    solver.problem().checkTheta(localTheta);
    Solution solution = Solve.run(solver, localTheta, x0,
        new SolveOptions(maxInnerIterations, tolerance, storage));
    double[] x = solution.x();
    double value = outer.value(x, localTheta);
    outer.gradientX(x, localTheta, gradX);
    double[] jtu = estimator.vjp(solution, gradX).value();
    outer.gradientTheta(x, localTheta, gradTheta);
    double[] global = new double[globalDim];
    for (int i = 0; i < gradTheta.length; i++) {
      int g = thetaIndices == null ? i : thetaIndices[i];
      global[g] += thetaScale * (gradTheta[i] + jtu[i]);
    }
    double miss = outer.misclassification(x);
    return new FoldResult(fold, value, global, miss, outer.samples(), solution.iterations(),
        solution.residual(), solution.converged(), x, (System.nanoTime() - start) * 1e-9);
  }
}
