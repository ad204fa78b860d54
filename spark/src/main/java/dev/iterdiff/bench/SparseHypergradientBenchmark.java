package dev.iterdiff.bench;

import dev.iterdiff.bilevel.KFold;
import dev.iterdiff.bilevel.OuterObjective;
import dev.iterdiff.bilevel.OuterObjectives;
import dev.iterdiff.bilevel.Fold;
import dev.iterdiff.data.SparseTextData;
import dev.iterdiff.diff.DiagnosticsOptions;
import dev.iterdiff.diff.EstimatorOptions;
import dev.iterdiff.diff.Estimators;
import dev.iterdiff.diff.JacobianEstimator;
import dev.iterdiff.diff.VectorEstimate;
import dev.iterdiff.problem.LabeledData;
import dev.iterdiff.problem.LinearModelObjective;
import dev.iterdiff.problem.RegularizedRisk;
import dev.iterdiff.solver.Newton;
import dev.iterdiff.solver.Solution;
import dev.iterdiff.solver.Solve;
import dev.iterdiff.solver.SolveOptions;
import dev.iterdiff.solver.Storage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * {@code bench sparse}: the hypergradient of a validation log loss through a sparse logistic
 * problem (Spark ML's LogisticRegression objective with intercept, standardization off; data
 * from {@link SparseTextData}: N × p at the given density, 80 % train / 20 % validation) as a
 * ratio to the solve. Solve: Newton in its matrix-free mode (CG on Hessian-vector products)
 * from x = 0 to ‖∇f‖ ≤ 10⁻¹⁰. Hypergradient: implicit differentiation, one CG solve on
 * Hessian-vector products to relative residual 10⁻¹⁰, then the cross product. No p×p array at
 * any point: memory is the CSR arrays (12 bytes per entry) plus O(p) vectors. Rounds alternate
 * solve and hypergradient on the chosen clock; medians are reported. Asserts nothing.
 */
public final class SparseHypergradientBenchmark {

  /** The figures of one run. */
  public record Result(int rows, int features, long nnz, int newtonIterations,
      double solveSeconds, double hypergradientSeconds, int cgIterations, double hypergradient,
      long csrBytes, long maxHeapBytes) {

    /** hypergradient / solve. */
    public double ratio() {
      return hypergradientSeconds / solveSeconds;
    }

    /** A Markdown table row. */
    public String describe() {
      return String.format(Locale.ROOT, "| %d | %d | %d | %d | %.3f | %d | %.3f | %.3f | %.1f | %d |",
          rows, features, nnz, newtonIterations, solveSeconds, cgIterations,
          hypergradientSeconds, ratio(), csrBytes / 1e6, maxHeapBytes >> 20);
    }
  }

  /** The Markdown header of {@link Result#describe()}. */
  public static final String HEADER = "| N | p | nnz | Newton its | solve s | CG its "
      + "| hypergradient s | ratio | CSR MB | max heap MiB |\n"
      + "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|";

  private SparseHypergradientBenchmark() {}

  /**
   * @throws IllegalArgumentException for rounds &lt; 1 or bad data sizes (named).
   */
  public static Result run(int rows, int features, double density, double regParam, int rounds,
      BenchClock clock, long seed) {
    if (rounds < 1) {
      throw new IllegalArgumentException("--rounds must be >= 1, got " + rounds);
    }
    LabeledData data = SparseTextData.generate(rows, features, density, seed);
    Fold fold = KFold.holdOut(rows, 0.2, seed);
    LabeledData train = KFold.subset(data, fold.trainRows(), "train");
    LabeledData val = KFold.subset(data, fold.validationRows(), "validation");
    LinearModelObjective objective = LinearModelObjective.logisticRegression(true, false);
    JacobianEstimator implicit = Estimators.byName("implicit", EstimatorOptions.defaults()
        .withLinearSolver("cg", 1e-10).withDiagnostics(DiagnosticsOptions.none()));
    double[] theta = {regParam};
    List<Double> solves = new ArrayList<>();
    List<Double> hypergradients = new ArrayList<>();
    Solution solution = null;
    VectorEstimate estimate = null;
    for (int r = 0; r < rounds + 1; r++) {
      RegularizedRisk f = objective.create(train, 1);
      OuterObjective g = OuterObjectives.create("logistic", objective.design(val), f.dim());
      Newton newton = new Newton(f);
      long t0 = clock.nanos();
      solution = Solve.run(newton, theta, new double[f.dim()],
          new SolveOptions(100, 1e-10, Storage.lastTwo()));
      long t1 = clock.nanos();
      double[] u = new double[f.dim()];
      g.gradientX(solution.x(), theta, u);
      estimate = implicit.vjp(solution, u);
      long t2 = clock.nanos();
      if (!solution.converged()) {
        throw new IllegalStateException("sparse benchmark: the solve did not converge (residual "
            + solution.residual() + ")");
      }
      if (r > 0) { // round 0 warms up the JIT
        solves.add((t1 - t0) * 1e-9);
        hypergradients.add((t2 - t1) * 1e-9);
      }
    }
    long csrBytes = 12L * data.sparse().nnz() + 4L * (rows + 1);
    return new Result(rows, features, data.sparse().nnz(), solution.iterations(),
        median(solves), median(hypergradients), estimate.diagnostics().linearIterations(),
        estimate.value()[0], csrBytes, Runtime.getRuntime().maxMemory());
  }

  private static double median(List<Double> v) {
    double[] a = v.stream().mapToDouble(Double::doubleValue).toArray();
    Arrays.sort(a);
    return a.length % 2 == 1 ? a[a.length / 2] : 0.5 * (a[a.length / 2 - 1] + a[a.length / 2]);
  }
}
