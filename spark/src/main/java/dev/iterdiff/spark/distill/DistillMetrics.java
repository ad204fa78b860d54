package dev.iterdiff.spark.distill;

import dev.iterdiff.bilevel.OuterState;
import dev.iterdiff.bilevel.OuterStep;
import dev.iterdiff.problem.LabeledData;
import dev.iterdiff.problem.SyntheticDataSoftmax;
import dev.iterdiff.solver.Solve;
import dev.iterdiff.solver.SolveOptions;
import dev.iterdiff.solver.Solvers;
import dev.iterdiff.solver.Storage;
import dev.iterdiff.spark.config.DistillSettings;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a distillation achieved: the test accuracy of softmax + λ/2‖x‖² trained only on the
 * distilled images, against the same model trained on the same number of random real images
 * per class (mean and standard deviation over {@code baseline-draws} seeded draws), both solved
 * to ‖∇ₓf‖ ≤ 1e-8 — Wang et al. 2018's comparison, on whatever data the config names (the
 * committed subset: 300 training and 100 test images per class).
 */
public final class DistillMetrics {

  private DistillMetrics() {}

  /** Test accuracy of the model fit on θ alone. */
  public static double testAccuracy(SyntheticDataSoftmax problem, String solver, double[] theta,
      LabeledData test, int classes) {
    double[] x = Solve.run(Solvers.create(solver, problem, null), theta,
        new double[problem.dim()], new SolveOptions(100_000, 1e-8, Storage.lastTwo())).x();
    return RealDataLoss.local(ImageBlock.split(test, 1), classes).at(x).accuracy();
  }

  /** Accuracies, losses and counts of a finished run. */
  public static Map<String, Object> compute(DistillSettings s, SyntheticDataSoftmax problem,
      LabeledData train, LabeledData test, int classes, OuterState state) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("classes", classes);
    m.put("images_per_class", s.imagesPerClass());
    m.put("lambda", s.lambda());
    m.put("estimator", s.estimator());
    m.put("train_rows", train.rows());
    m.put("test_rows", test.rows());
    m.put("partitions", s.partitions());
    m.put("distilled_test_accuracy", testAccuracy(problem, s.solver(), state.bestTheta(), test,
        classes));
    double sum = 0;
    double sq = 0;
    for (int d = 0; d < s.baselineDraws(); d++) {
      double a = testAccuracy(problem, s.solver(),
          DistillData.randomReal(train, classes, s.imagesPerClass(), s.seed() + 1000 + d),
          test, classes);
      sum += a;
      sq += a * a;
    }
    int n = s.baselineDraws();
    double mean = sum / n;
    m.put("random_real_test_accuracy", mean);
    m.put("random_real_test_accuracy_sd", n > 1
        ? Math.sqrt(Math.max(0, (sq - n * mean * mean) / (n - 1))) : 0.0);
    m.put("random_real_draws", n);
    List<OuterStep> h = state.history();
    m.put("initial_outer_loss", h.get(0).value());
    m.put("best_outer_loss", state.bestValue());
    m.put("outer_iterations", state.iteration);
    m.put("stop", state.stopReason());
    return m;
  }

  /** Mean seconds of the phases of one outer step over this call's steps. */
  public static Map<String, Object> costs(List<DistillEvaluator.StepCost> costs) {
    Map<String, Object> m = new LinkedHashMap<>();
    if (costs.isEmpty()) {
      return m;
    }
    double solve = 0;
    double outer = 0;
    double vjp = 0;
    long iters = 0;
    for (DistillEvaluator.StepCost c : costs) {
      solve += c.solveSeconds();
      outer += c.outerSeconds();
      vjp += c.vjpSeconds();
      iters += c.innerIterations();
    }
    int n = costs.size();
    m.put("step_seconds_solve", solve / n);
    m.put("step_seconds_outer_loss", outer / n);
    m.put("step_seconds_hypergradient", vjp / n);
    m.put("step_seconds", (solve + outer + vjp) / n);
    m.put("inner_iterations_mean", (double) iters / n);
    return m;
  }
}
