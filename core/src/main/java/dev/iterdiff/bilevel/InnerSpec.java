package dev.iterdiff.bilevel;

import dev.iterdiff.diff.DiagnosticsOptions;
import dev.iterdiff.diff.JacobianEstimator;
import dev.iterdiff.diff.EstimatorOptions;
import dev.iterdiff.diff.Estimators;
import dev.iterdiff.linalg.Blas;
import dev.iterdiff.problem.LabeledData;
import dev.iterdiff.problem.Problem;
import dev.iterdiff.problem.Problems;
import dev.iterdiff.solver.IterativeSolver;
import dev.iterdiff.solver.Solve;
import dev.iterdiff.solver.SolveOptions;
import dev.iterdiff.solver.Solvers;
import dev.iterdiff.solver.Storage;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * How every inner problem of a tuning is built: problem and hyperparameter kind, solver,
 * estimator and outer loss, by the names the CLI and configs use. Serializable, so it is
 * broadcast to executors, which build their {@link FoldHypergradient}s from it.
 *
 * @param problem       ridge | logistic | weighted-ridge (Problems.create).
 * @param alpha         fixed α of weighted-ridge.
 * @param kind          single λ, per-feature λ, per-sample weights.
 * @param solver        gd | heavy-ball | newton (Solvers.create).
 * @param step          step spec of the solver (1/L, 2/(mu+L), a number).
 * @param maxIterations inner iteration cap.
 * @param estimator     implicit | one-step | unrolled-forward | unrolled-reverse | truncated.
 * @param linearSolver  linear solver of implicit (auto, cholesky, cg, ...).
 * @param truncation    K of truncated (0 otherwise).
 * @param outerLoss     squared | logistic.
 * @param penaltyScale  none, or label-std: the inner problem of a training set with label
 *                      standard deviation δ (population, centered) sees θ/δ — the scaling of
 *                      Spark ML's LinearRegression (its WeightedLeastSquares penalizes
 *                      regParam/δ), so θ = regParam exactly.
 */
public record InnerSpec(String problem, double alpha, HyperparameterKind kind, String solver,
    String step, int maxIterations, String estimator, String linearSolver, int truncation,
    String outerLoss, String penaltyScale) implements Serializable {

  /** @throws IllegalArgumentException for an unknown penalty scale. */
  public InnerSpec {
    if (!penaltyScale.equals("none") && !penaltyScale.equals("label-std")) {
      throw new IllegalArgumentException("penalty-scale: unknown '" + penaltyScale
          + "' (expected none or label-std)");
    }
  }

  /** Without penalty scaling. */
  public InnerSpec(String problem, double alpha, HyperparameterKind kind, String solver,
      String step, int maxIterations, String estimator, String linearSolver, int truncation,
      String outerLoss) {
    this(problem, alpha, kind, solver, step, maxIterations, estimator, linearSolver, truncation,
        outerLoss, "none");
  }

  /** The factor c the inner problem on {@code train} multiplies θ with: 1, or 1/δ. */
  public double thetaScale(LabeledData train) {
    if (penaltyScale.equals("none")) {
      return 1.0;
    }
    double mean = 0;
    double sq = 0;
    for (double b : train.labels()) {
      mean += b;
      sq += b * b;
    }
    mean /= train.rows();
    double std = Math.sqrt(Math.max(0, sq / train.rows() - mean * mean));
    if (!(std > 0)) {
      throw new IllegalArgumentException("penalty-scale label-std: the labels of "
          + train.source() + " have standard deviation " + std);
    }
    return 1.0 / std;
  }

  /** dim θ of a tuning on data with p features and N rows. */
  public int thetaDim(LabeledData data) {
    return kind.dimension(data.cols(), data.rows());
  }

  private EstimatorOptions estimatorOptions() {
    return new EstimatorOptions(truncation, linearSolver, 1e-12, 0,
        EstimatorOptions.STATIONARITY, false, DiagnosticsOptions.none());
  }

  private Problem problem(LabeledData train, int thetaLength) {
    return Problems.create(problem, train, thetaLength, alpha);
  }

  /**
   * The inner problem of one fold: trained on the fold's training rows of {@code data}, its
   * outer objective on the validation rows.
   *
   * @throws IllegalArgumentException for unknown names, or mismatched sizes (named).
   */
  public FoldHypergradient fold(LabeledData data, Fold fold) {
    LabeledData train = KFold.subset(data, fold.trainRows(),
        data.source() + " (fold " + fold.index() + " train)");
    LabeledData val = KFold.subset(data, fold.validationRows(),
        data.source() + " (fold " + fold.index() + " validation)");
    int globalDim = thetaDim(data);
    int m = kind == HyperparameterKind.PER_SAMPLE ? train.rows() : globalDim;
    Problem p = problem(train, m);
    IterativeSolver s = Solvers.create(solver, p, step);
    EstimatorOptions eo = estimatorOptions();
    JacobianEstimator e = Estimators.byName(estimator, eo);
    Storage storage = Estimators.requiredStorage(List.of(estimator), maxIterations, eo);
    OuterObjective g = OuterObjectives.create(outerLoss, val, p.dim());
    return new FoldHypergradient(fold.index(), s, e, g, kind.foldIndices(fold), globalDim,
        maxIterations, storage, thetaScale(train));
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
    Problem p = problem(train, theta.length);
    IterativeSolver s = Solvers.create(solver, p, step);
    double[] scaled = theta.clone();
    Blas.scal(thetaScale(train), scaled);
    return Solve.run(s, scaled, new double[p.dim()],
        new SolveOptions(maxIterations, tolerance, Storage.lastTwo())).x();
  }
}
