package dev.iterdiff.spark.metalearn;

import dev.iterdiff.data.TaskSampler;
import dev.iterdiff.diff.DiagnosticsOptions;
import dev.iterdiff.diff.VectorEstimate;
import dev.iterdiff.solver.Solution;
import dev.iterdiff.spec.InnerKernel;

/**
 * The relative residual ‖(λI + H)v − ∇L_query‖/‖∇L_query‖ the implicit estimator's CG solve
 * reached on each task of the (first) meta-batch at θ (iMAML reports its CG steps; the evaluator's
 * task results carry no linear-solve diagnostics, so they are recomputed here, in process,
 * once per run). NaN for an estimator without a linear solve.
 */
final class CgResiduals {

  private CgResiduals() {}

  /** The largest residual over the meta-batch. */
  static double max(MetaTasks tasks, double[] theta, double tolerance) {
    double worst = Double.NaN;
    for (int k = 0; k < tasks.count(); k++) {
      TaskSampler.Task t = tasks.sample(k);
      InnerKernel kernel = tasks.kernel(t);
      MetaPrior prior = tasks.prior();
      double[] basis = tasks.basis(t);
      int n = tasks.stateDim(k);
      double[] p = prior.thetaIsParameter() ? theta : prior.priorMean(theta, basis);
      Solution sol = dev.iterdiff.solver.Solve.run(kernel.solver(), p,
          prior.start(theta, basis, n), new dev.iterdiff.solver.SolveOptions(
              kernel.options().maxIterations(), tolerance, kernel.options().storage()));
      double[] u = new double[n];
      tasks.queryLoss(t).gradientX(sol.x(), p, u);
      VectorEstimate e = kernel.estimators().get(0).vjp(sol, u);
      double r = e.diagnostics() == null ? Double.NaN : e.diagnostics().linearResidual();
      if (!Double.isNaN(r) && (Double.isNaN(worst) || r > worst)) {
        worst = r;
      }
    }
    return worst;
  }

  private static Solution solve(InnerKernel k, double[] theta, double tolerance) {
    return dev.iterdiff.solver.Solve.run(k.solver(), theta, theta,
        new dev.iterdiff.solver.SolveOptions(k.options().maxIterations(), tolerance,
            k.options().storage()));
  }
}
