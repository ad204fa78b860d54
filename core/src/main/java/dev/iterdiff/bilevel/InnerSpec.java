package dev.iterdiff.bilevel;

import dev.iterdiff.diff.DiagnosticsOptions;
import dev.iterdiff.diff.EstimatorOptions;
import dev.iterdiff.linalg.Blas;
import dev.iterdiff.problem.LabeledData;
import dev.iterdiff.problem.Problem;
import dev.iterdiff.solver.Solve;
import dev.iterdiff.solver.SolveOptions;
import dev.iterdiff.solver.Storage;
import dev.iterdiff.spec.EstimatorSpec;
import dev.iterdiff.spec.InnerKernel;
import dev.iterdiff.spec.ProblemSpec;
import dev.iterdiff.spec.SolverSpec;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * How every inner problem of a tuning is built: the typed problem, solver and estimator specs
 * (names checked against the catalogs when the spec is made), the hyperparameter kind and the
 * outer loss. Serializable, so it is broadcast to executors, which build their
 * {@link FoldHypergradient}s from it with the core's one kernel builder,
 * {@link InnerKernel#build}.
 *
 * @param problemSpec   the inner problem and its fixed α.
 * @param kind          single λ, per-feature λ, per-sample weights.
 * @param solverSpec    the solver, its step and its iteration cap (its tolerance is the outer
 *                      loop's, per step: not used here).
 * @param estimatorSpec exactly one estimator, with its options (linear solver, condition,
 *                      truncation, …).
 * @param outerLoss     a name of {@link OuterObjectives#CATALOG}; null: the problem's own
 *                      ({@link ProblemSpec#outerLoss()}).
 * @param penaltyScale  none, or label-std: the inner problem of a training set with label
 *                      standard deviation δ (population, centered) sees θ/δ — the scaling of
 *                      Spark ML's LinearRegression (its WeightedLeastSquares penalizes
 *                      regParam/δ), so θ = regParam exactly.
 */
public record InnerSpec(ProblemSpec problemSpec, HyperparameterKind kind, SolverSpec solverSpec,
    EstimatorSpec estimatorSpec, String outerLoss, String penaltyScale)
    implements Serializable {

  private static final long serialVersionUID = 1L;

  /**
   * @throws IllegalArgumentException for a null spec, more than one estimator, estimator
   *         options that do not fit the iteration cap (e.g. truncated without K), an unknown
   *         outer loss (listing the valid ones) or penalty scale.
   */
  public InnerSpec {
    if (problemSpec == null || kind == null || solverSpec == null || estimatorSpec == null) {
      throw new IllegalArgumentException("inner spec: problem, kind, solver and estimator must "
          + "be non-null");
    }
    if (estimatorSpec.names().size() != 1) {
      throw new IllegalArgumentException("inner spec: exactly one estimator, got "
          + estimatorSpec.names());
    }
    estimatorSpec.storage(solverSpec.iterations());
    outerLoss = outerLoss == null ? problemSpec.outerLoss()
        : OuterObjectives.CATALOG.canonical(outerLoss);
    penaltyScale = PenaltyScale.parse(penaltyScale).spelling();
  }

  /**
   * By names, as before the typed specs: estimator options are the defaults
   * ({@link EstimatorOptions#defaults()}: stationarity, linear tolerance 1e-12) with the given
   * linear solver and truncation and no diagnostics.
   */
  public InnerSpec(String problem, double alpha, HyperparameterKind kind, String solver,
      String step, int maxIterations, String estimator, String linearSolver, int truncation,
      String outerLoss, String penaltyScale) {
    this(new ProblemSpec(problem, alpha), kind,
        new SolverSpec(solver, step, maxIterations, Double.NaN),
        new EstimatorSpec(List.of(estimator), EstimatorOptions.defaults()
            .withTruncation(truncation)
            .withLinearSolver(linearSolver, EstimatorOptions.defaults().linearTolerance())
            .withDiagnostics(DiagnosticsOptions.none())),
        outerLoss, penaltyScale);
  }

  /** By names, without penalty scaling. */
  public InnerSpec(String problem, double alpha, HyperparameterKind kind, String solver,
      String step, int maxIterations, String estimator, String linearSolver, int truncation,
      String outerLoss) {
    this(problem, alpha, kind, solver, step, maxIterations, estimator, linearSolver, truncation,
        outerLoss, "none");
  }

  /** The problem's name. */
  public String problem() {
    return problemSpec.name();
  }

  /** The solver's name. */
  public String solver() {
    return solverSpec.name();
  }

  /** The inner iteration cap. */
  public int maxIterations() {
    return solverSpec.iterations();
  }

  /** The estimator's name. */
  public String estimator() {
    return estimatorSpec.names().get(0);
  }

  /**
   * The optimality condition implicit differentiation uses: a catalog name, or
   * {@link dev.iterdiff.optimality.Conditions#AUTO} (the one that holds for the solver and
   * problem).
   */
  public String condition() {
    return estimatorSpec.options().condition();
  }

  /** The factor c the inner problem on {@code train} multiplies θ with: 1, or 1/δ. */
  public double thetaScale(LabeledData train) {
    return PenaltyScale.parse(penaltyScale).factor(train);
  }

  /** dim θ of a tuning on data with p features and N rows. */
  public int thetaDim(LabeledData data) {
    return kind.dimension(data.cols(), data.rows());
  }

  /**
   * The inner problem of one fold: trained on the fold's training rows of {@code data}, its
   * outer objective on the validation rows.
   *
   * @throws IllegalArgumentException for mismatched sizes (named).
   */
  public FoldHypergradient fold(LabeledData data, Fold fold) {
    LabeledData train = KFold.subset(data, fold.trainRows(),
        data.source() + " (fold " + fold.index() + " train)");
    LabeledData val = KFold.subset(data, fold.validationRows(),
        data.source() + " (fold " + fold.index() + " validation)");
    int globalDim = thetaDim(data);
    int m = kind == HyperparameterKind.PER_SAMPLE ? train.rows() : globalDim;
    InnerKernel k = InnerKernel.build(problemSpec, solverSpec, estimatorSpec, train, m);
    String misfit = conditionMisfit(k.problem());
    if (misfit != null) {
      throw new IllegalArgumentException(misfit);
    }
    OuterObjective g = OuterObjectives.create(outerLoss, val, k.problem().dim());
    return new FoldHypergradient(fold.index(), k.solver(), k.estimators().get(0), g,
        kind.foldIndices(fold), globalDim, maxIterations(), k.options().storage(),
        thetaScale(train));
  }

  /**
   * Why the optimality condition cannot differentiate this spec's inner problems (e.g. the
   * default stationarity on a lasso, whose solutions satisfy a prox-gradient fixed point), or
   * null: only when the estimator uses a condition ({@code implicit}). Checked when a fold is
   * built, so a job can ask it on the driver before any Spark work.
   */
  public String conditionMisfit(dev.iterdiff.problem.Problem problem) {
    String estimator = estimatorSpec.names().get(0);
    if (!dev.iterdiff.diff.Estimators.CATALOG.get(estimator).capabilities().usesCondition()) {
      return null;
    }
    dev.iterdiff.solver.SolverEntry solver = dev.iterdiff.solver.Solvers.CATALOG.get(
        solverSpec.name());
    try {
      dev.iterdiff.optimality.ConditionEntry g = dev.iterdiff.optimality.Conditions.resolve(
          condition(), solver, problem);
      String why = g.misfit(solver);
      return why != null ? why : g.misfit(problem, maxIterations());
    } catch (IllegalArgumentException e) {
      return e.getMessage();
    }
  }

  /** The in-process evaluator over the given folds of {@code data}. */
  public LocalEvaluator local(LabeledData data, List<Fold> folds) {
    List<FoldHypergradient> list = new ArrayList<>();
    for (Fold f : folds) {
      list.add(fold(data, f));
    }
    return new LocalEvaluator(list, thetaDim(data));
  }

  /**
   * The final model: x*(θ) on all rows of {@code train} (for per-sample weights θ indexes
   * those rows), solved to {@code tolerance}.
   */
  public double[] fit(LabeledData train, double[] theta, double tolerance) {
    Problem p = problemSpec.create(train, theta.length);
    double[] scaled = theta.clone();
    Blas.scal(thetaScale(train), scaled);
    return Solve.run(solverSpec.create(p), scaled, new double[p.dim()],
        new SolveOptions(maxIterations(), tolerance, Storage.lastTwo())).x();
  }
}
