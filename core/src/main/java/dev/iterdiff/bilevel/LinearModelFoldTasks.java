package dev.iterdiff.bilevel;

import dev.iterdiff.diff.DiagnosticsOptions;
import dev.iterdiff.diff.JacobianEstimator;
import dev.iterdiff.linalg.CsrMatrix;
import dev.iterdiff.problem.DataTerm;
import dev.iterdiff.problem.LabeledData;
import dev.iterdiff.problem.LogisticLoss;
import dev.iterdiff.problem.SquaredLoss;
import dev.iterdiff.problem.LinearModelObjective;
import dev.iterdiff.problem.Problem;
import dev.iterdiff.solver.IterativeSolver;
import dev.iterdiff.solver.Solve;
import dev.iterdiff.solver.SolveOptions;
import dev.iterdiff.solver.Storage;
import dev.iterdiff.spec.EstimatorSpec;
import dev.iterdiff.spec.SolverSpec;
import java.util.List;

/**
 * K-fold cross validation of a {@link LinearModelObjective} (Spark ML's LinearRegression or
 * LogisticRegression objective, intercept and standardization included) as
 * {@link InnerTasks}: task k fits on fold k's training rows — the multipliers σⱼ², δ computed
 * on those rows, as Spark's CrossValidator refits the learner per fold — and measures the
 * matching validation loss (squared or logistic, intercept included) on its validation rows.
 * θ is one regParam, one λ per feature or one weight per row (at a fixed regParam); dim x = p (+ 1 with the intercept). Sparse rows stay
 * sparse (O(nnz + p) per fold). Optional fixed instance weights (a weightCol) weigh both the
 * inner objective and the validation loss, as Spark ML's learner and evaluator do. The
 * estimator runs without contraction diagnostics ({@link #estimator()}): with Newton in its
 * matrix-free mode they were 30 Lanczos steps of Hessian solves per fold and evaluation, 95 % of
 * a sparse tuning's time, for numbers no result carries. Serializable by plain arrays; tasks are
 * rebuilt once per JVM.
 */
public final class LinearModelFoldTasks implements InnerTasks {

  private static final long serialVersionUID = 1L;

  private final double[] a;
  private final CsrMatrix sparse;
  private final int rows;
  private final int cols;
  private final double[] labels;
  private final String source;
  private final List<Fold> folds;
  private final LinearModelObjective objective;
  private final HyperparameterKind kind;
  private final SolverSpec solver;
  private final EstimatorSpec estimator;
  private final double[] weights;
  private final double regParam;
  private transient LabeledData data;

  /**
   * @param data      the cross-validation rows (features as given, no intercept column).
   * @param folds     the folds, numbered 0…K−1 in order.
   * @param objective the learner's objective.
   * @param kind      SINGLE (regParam) or PER_FEATURE.
   * @param solver    the inner solver and its iteration cap.
   * @param estimator exactly one estimator (implicit, …).
   * @throws IllegalArgumentException for no fold, a misnumbered fold, per-sample θ (which needs
   *         the full constructor's regParam) or not one estimator.
   */
  public LinearModelFoldTasks(LabeledData data, List<Fold> folds, LinearModelObjective objective,
      HyperparameterKind kind, SolverSpec solver, EstimatorSpec estimator) {
    this(data, folds, objective, kind, solver, estimator, null, Double.NaN);
  }

  /** Fixed instance weights with single or per-feature θ (see the full constructor). */
  public LinearModelFoldTasks(LabeledData data, List<Fold> folds, LinearModelObjective objective,
      HyperparameterKind kind, SolverSpec solver, EstimatorSpec estimator, double[] weights) {
    this(data, folds, objective, kind, solver, estimator, weights, Double.NaN);
  }

  /**
   * The same with fixed instance weights (Spark ML's weightCol): each fold's inner objective is
   * the learner's weighted one ({@link LinearModelObjective#create(LabeledData, int, double[])})
   * and its validation loss the weighted mean Σwᵢℓᵢ/Σwᵢ over its validation rows.
   *
   * <p>With PER_SAMPLE θ (one weight per row, fold k's problem sees the weights of its
   * training rows: {@link HyperparameterKind#foldIndices}) the inner objective is
   * {@link LinearModelObjective#createPerSample} at the fixed {@code regParam}.
   *
   * @param weights  one weight per row (finite, ≥ 0), or null for unit weights. Copied.
   * @param regParam the fixed regParam of PER_SAMPLE θ (finite, ≥ 0); ignored otherwise.
   * @throws IllegalArgumentException as above, or for weights of another length or a negative,
   *         non-finite or all-zero weight (naming the row), or per-sample θ with fixed weights
   *         or a bad regParam.
   */
  public LinearModelFoldTasks(LabeledData data, List<Fold> folds, LinearModelObjective objective,
      HyperparameterKind kind, SolverSpec solver, EstimatorSpec estimator, double[] weights,
      double regParam) {
    if (folds.isEmpty()) {
      throw new IllegalArgumentException("LinearModelFoldTasks: no folds");
    }
    for (int k = 0; k < folds.size(); k++) {
      if (folds.get(k).index() != k) {
        throw new IllegalArgumentException("LinearModelFoldTasks: fold at position " + k
            + " has index " + folds.get(k).index());
      }
    }
    if (kind == HyperparameterKind.PER_SAMPLE
        && !(regParam >= 0 && regParam < Double.POSITIVE_INFINITY)) {
      throw new IllegalArgumentException("LinearModelFoldTasks: per-sample weights need a fixed "
          + "regParam, finite and >= 0, got " + regParam);
    }
    if (kind == HyperparameterKind.PER_SAMPLE && weights != null) {
      throw new IllegalArgumentException("LinearModelFoldTasks: per-sample weights are θ; fixed "
          + "instance weights come with single or per-feature θ only");
    }
    if (estimator.names().size() != 1) {
      throw new IllegalArgumentException("LinearModelFoldTasks: exactly one estimator, got "
          + estimator.names());
    }
    this.sparse = data.sparse();
    this.a = sparse == null ? data.a() : null;
    this.rows = data.rows();
    this.cols = data.cols();
    this.labels = data.labels();
    this.source = data.source();
    this.folds = List.copyOf(folds);
    this.objective = objective;
    this.kind = kind;
    this.solver = solver;
    // a fold's result carries the hypergradient only: the contraction diagnostics (30 Lanczos
    // steps of J_xF, each a Hessian solve — most of the time of a matrix-free Newton fold)
    // would be computed and dropped at every evaluation
    this.estimator = new EstimatorSpec(estimator.names(),
        estimator.options().withDiagnostics(DiagnosticsOptions.none()));
    this.data = data;
    if (weights != null && weights.length != data.rows()) {
      throw new IllegalArgumentException("LinearModelFoldTasks: " + weights.length
          + " weights for " + data.rows() + " rows");
    }
    LinearModelObjective.normalizedWeights(weights, data.source()); // checks every weight
    this.weights = weights == null ? null : weights.clone();
    this.regParam = regParam;
  }

  /** The inner problem on {@code train} with θ of length {@code m}. */
  private Problem problem(LabeledData train, int m, double[] w) {
    return kind == HyperparameterKind.PER_SAMPLE ? objective.createPerSample(train, regParam)
        : objective.create(train, m, w);
  }

  /**
   * The estimator as the folds run it: the given names and options, without the contraction
   * diagnostics (a {@link FoldResult} carries none of them).
   */
  public EstimatorSpec estimator() {
    return estimator;
  }

  /** The cross-validation rows (rebuilt on first use after deserialization). */
  public synchronized LabeledData data() {
    if (data == null) {
      data = new LabeledData(a, rows, cols, labels, source, sparse);
    }
    return data;
  }

  @Override
  public int count() {
    return folds.size();
  }

  @Override
  public int thetaDim() {
    return kind.dimension(cols, rows);
  }

  @Override
  public int stateDim(int task) {
    return objective.unknowns(cols);
  }

  @Override
  public InnerTask task(int k) {
    if (k < 0 || k >= folds.size()) {
      throw new IllegalArgumentException("LinearModelFoldTasks: task " + k + " out of 0.."
          + (folds.size() - 1));
    }
    Fold fold = folds.get(k);
    LabeledData train = KFold.subset(data(), fold.trainRows(), source + " (fold " + k
        + " train)");
    LabeledData val = KFold.subset(data(), fold.validationRows(), source + " (fold " + k
        + " validation)");
    Problem p = problem(train, kind == HyperparameterKind.PER_SAMPLE ? train.rows()
        : thetaDim(), subset(fold.trainRows()));
    IterativeSolver s = solver.create(p);
    List<JacobianEstimator> est = estimator.create();
    Storage storage = estimator.storage(solver.iterations());
    OuterObjective g = weights == null
        ? OuterObjectives.create(objective.outerLoss(), objective.design(val), p.dim())
        : weightedValidation(val, subset(fold.validationRows()));
    return new FoldHypergradient(k, s, est.get(0), g, kind.foldIndices(fold), thetaDim(),
        solver.iterations(), storage);
  }

  /** The weights of {@code rows} (null without weights). */
  private double[] subset(int[] rows) {
    if (weights == null) {
      return null;
    }
    double[] out = new double[rows.length];
    for (int i = 0; i < rows.length; i++) {
      out[i] = weights[rows[i]];
    }
    return out;
  }

  /** The weighted mean validation loss Σwᵢℓᵢ/Σwᵢ on the held-out rows (with the intercept). */
  private OuterObjective weightedValidation(LabeledData val, double[] w) {
    LabeledData d = objective.design(val);
    DataTerm term = "squared".equals(objective.outerLoss()) ? SquaredLoss.mean(d)
        : LogisticLoss.mean(d);
    return new ValidationLoss(objective.outerLoss(), term,
        LinearModelObjective.normalizedWeights(w, val.source()));
  }

  /**
   * The learner's solution on all rows at θ, solved to {@code tolerance}: β (then β₀ with the
   * intercept).
   */
  public double[] fit(double[] theta, double tolerance) {
    Problem p = problem(data(), theta.length, weights);
    return Solve.run(solver.create(p), theta, new double[p.dim()],
        new SolveOptions(solver.iterations(), tolerance, Storage.lastTwo())).x();
  }
}
