package dev.iterdiff.bilevel;

import dev.iterdiff.data.SparseTextData;
import dev.iterdiff.diff.DiagnosticsOptions;
import dev.iterdiff.diff.EstimatorOptions;
import dev.iterdiff.diff.Estimators;
import dev.iterdiff.diff.JacobianEstimator;
import dev.iterdiff.problem.LabeledData;
import dev.iterdiff.problem.LinearModelObjective;
import dev.iterdiff.problem.RegularizedRisk;
import dev.iterdiff.solver.*;

public class ScratchSparseTiming {
  public static void main(String[] args) {
    int n = Integer.parseInt(args[0]);
    int p = Integer.parseInt(args[1]);
    String spec = args[2];
    double lam = Double.parseDouble(args[3]);
    long t0 = System.nanoTime();
    LabeledData d = SparseTextData.generate(n, p, 0.001, 1);
    int pos = 0; for (double b : d.labels()) pos += b > 0 ? 1 : 0;
    System.out.printf("gen %.2fs nnz %d pos %d%n", (System.nanoTime() - t0) * 1e-9, d.sparse().nnz(), pos);
    LinearModelObjective o = LinearModelObjective.logisticRegression(true, false);
    for (int rep = 0; rep < 2; rep++) {
    RegularizedRisk f = o.create(d, 1);
    IterativeSolver s = Solvers.create(args.length > 4 ? args[4] : "nesterov", f, spec);
    double[] theta = {lam};
    t0 = System.nanoTime();
    Solution sol = Solve.run(s, theta, new double[f.dim()], new SolveOptions(100000, 1e-10, Storage.lastTwo()));
    double ts = (System.nanoTime() - t0) * 1e-9;
    double[] u = new double[f.dim()];
    java.util.Arrays.fill(u, 1e-3);
    JacobianEstimator est = Estimators.byName("implicit", EstimatorOptions.defaults().withLinearSolver("cg", 1e-10).withDiagnostics(DiagnosticsOptions.none()));
    t0 = System.nanoTime();
    var v = est.vjp(sol, u);
    double th = (System.nanoTime() - t0) * 1e-9;
    System.out.printf("solve %.3fs its %d res %.2e conv %s | hypergrad %.3fs val %.6e ratio %.3f%n", ts, sol.iterations(), sol.residual(), sol.converged(), th, v.value()[0], th / ts);
    }
  }
}
