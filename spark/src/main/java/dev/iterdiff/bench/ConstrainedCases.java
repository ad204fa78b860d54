package dev.iterdiff.bench;

import dev.iterdiff.data.ConditionedRegression;
import dev.iterdiff.diff.DiagnosticsOptions;
import dev.iterdiff.diff.EstimatorOptions;
import dev.iterdiff.diff.Estimators;
import dev.iterdiff.diff.Implicit;
import dev.iterdiff.diff.JacobianEstimator;
import dev.iterdiff.diff.OneStep;
import dev.iterdiff.diff.UnrolledReverse;
import dev.iterdiff.optimality.KktCondition;
import dev.iterdiff.optimality.ProxGradientFixedPoint;
import dev.iterdiff.problem.LabeledData;
import dev.iterdiff.problem.ProximalProblems;
import dev.iterdiff.problem.QpGenerator;
import dev.iterdiff.problem.QuadraticProgram;
import dev.iterdiff.solver.InteriorPoint;
import dev.iterdiff.solver.IterativeSolver;
import dev.iterdiff.solver.ProximalGradient;
import dev.iterdiff.solver.Solution;
import dev.iterdiff.solver.Solve;
import dev.iterdiff.solver.SolveOptions;
import dev.iterdiff.solver.Storage;
import java.util.List;
import java.util.Locale;

/**
 * The constrained and non-smooth settings of {@code iterdiff bench estimators} (issues 12, 13),
 * each the hypergradient of g(x) = ½‖x*‖² (u = x_k, one VJP):
 *
 * <ul>
 *   <li>{@link BenchOptions#IPM_QP}: the one-step paper's QP (Bolte, Pauwels &amp; Vaiter 2023,
 *       §5; {@link QpGenerator}: Q = MMᵀ, M uniform in [−1, 1] of size n × 2n, n/4 equalities,
 *       n/2 inequalities) solved by {@link InteriorPoint} to the tolerance
 *       {@link BenchOptions#qpTolerance}, gradient with respect to b. Estimators: one-step,
 *       implicit through the kkt condition on the reduced KKT matrix (auto) and on the dense
 *       full (n + p + 2m)² system (lu), unrolled-reverse. Each solve builds a fresh solver:
 *       its cache of factorizations would otherwise serve the next solve.</li>
 *   <li>{@link BenchOptions#PROX_LASSO}: FISTA on the lasso
 *       1/(2N)‖Ax − b‖² + θ₁‖x‖₁ ({@link ConditionedRegression}, N = 2p, κ = 30), θ₁ = 0.1 ·
 *       ‖Aᵀb‖∞/N, to ‖prox-gradient mapping‖ ≤ {@link BenchOptions#lassoTolerance}, gradient with
 *       respect to θ₁. Estimators: one-step, implicit through the prox-gradient fixed point on
 *       the support (auto: the active-set system) and on the full p × p system (lu),
 *       unrolled-reverse. The support fraction |S|/p is in the parametrization column.</li>
 * </ul>
 */
final class ConstrainedCases {

  private static final EstimatorOptions OPTIONS = new EstimatorOptions(0, "auto",
      EstimatorSuite.LINEAR_TOLERANCE, 0, EstimatorOptions.STATIONARITY, false,
      DiagnosticsOptions.none());

  private ConstrainedCases() {}

  static BenchCase qp(int n, BenchOptions o) {
    QuadraticProgram qp = new QuadraticProgram(QpGenerator.generate(n, o.seed()),
        QuadraticProgram.Parameter.B);
    double[] theta = qp.defaultTheta();
    double[] x0 = new double[n];
    int k = o.newtonMaxIterations();
    EstimatorOptions kkt = OPTIONS.withCondition(KktCondition.NAME);
    List<EstimatorRun> runs = List.of(
        vjp(OneStep.NAME, "", kkt, k),
        vjp(Implicit.NAME, "(reduced-kkt)", kkt, k),
        vjp(Implicit.NAME, "(lu, full)", kkt.withLinearSolver("lu",
            EstimatorSuite.LINEAR_TOLERANCE), k),
        vjp(UnrolledReverse.NAME, "", kkt, k));
    return new BenchCase(BenchOptions.IPM_QP, "b (p = " + qp.equalities() + ", m = "
        + qp.inequalities() + ")", n, theta.length,
        storage -> Solve.run(new InteriorPoint(qp), theta, x0,
            new SolveOptions(k, o.qpTolerance(), storage)), runs, "implicit(lu, full)");
  }

  static BenchCase lasso(int p, BenchOptions o) {
    LabeledData data = ConditionedRegression.generate(2 * p, p, o.ridgeKappa(), o.seed());
    var problem = ProximalProblems.lasso(data, 1);
    double max = 0;
    for (int j = 0; j < p; j++) {
      double c = 0;
      for (int i = 0; i < data.rows(); i++) {
        c += data.get(i, j) * data.labels()[i];
      }
      max = Math.max(max, Math.abs(c) / data.rows());
    }
    double[] theta = {0.1 * max};
    double[] x0 = new double[p];
    int k = o.lassoMaxIterations();
    IterativeSolver solver = ProximalGradient.FISTA_ENTRY.factory().create(problem, null);
    EstimatorOptions prox = OPTIONS.withCondition(ProxGradientFixedPoint.NAME);
    List<EstimatorRun> runs = List.of(
        vjp(OneStep.NAME, "", prox, k),
        vjp(Implicit.NAME, "(support)", prox, k),
        vjp(Implicit.NAME, "(lu, full p)", prox.withLinearSolver("lu",
            EstimatorSuite.LINEAR_TOLERANCE), k),
        vjp(UnrolledReverse.NAME, "", prox, k));
    Solution probe = Solve.run(solver, theta, x0, new SolveOptions(k, o.lassoTolerance(),
        Storage.lastTwo()));
    int support = 0;
    for (double v : probe.x()) {
      support += v != 0 ? 1 : 0;
    }
    return new BenchCase(BenchOptions.PROX_LASSO, String.format(Locale.ROOT,
        "theta1, |S|/p = %d/%d", support, p), p, 1,
        storage -> Solve.run(solver, theta, x0, new SolveOptions(k, o.lassoTolerance(), storage)),
        runs, "implicit(lu, full p)");
  }

  private static EstimatorRun vjp(String name, String suffix, EstimatorOptions options, int k) {
    JacobianEstimator e = Estimators.byName(name, options);
    return new EstimatorRun(name + suffix, "vjp",
        Estimators.requiredStorage(List.of(name), k, options),
        solution -> e.vjp(solution, solution.x()).value());
  }
}
