package dev.iterdiff.spark.metalearn;

import dev.iterdiff.data.TaskSampler;
import dev.iterdiff.problem.LabeledData;
import dev.iterdiff.spec.EstimatorSpec;
import dev.iterdiff.spec.InnerKernel;
import dev.iterdiff.spec.ProblemSpec;
import dev.iterdiff.spec.SolverSpec;
import dev.iterdiff.solver.Solve;
import dev.iterdiff.solver.SolveOptions;
import dev.iterdiff.solver.Storage;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Meta-test accuracy on fresh N-way K-shot tasks of the held-out classes (Rajeswaran et al.
 * 2019, §5): for each task, the query accuracy of x*(θ₀) = argmin L_support(x) + λ/2‖x − θ₀‖²
 * adapted from a given prior θ₀ (learned, zero, pretrained), and of the nearest-centroid rule on
 * pixels (class means of the support set, Euclidean distance). Each method is reported as the
 * mean accuracy over T tasks with its 95 % interval mean ± 1.96·s/√T (s the sample standard
 * deviation over tasks). Tasks have seeds {@code TaskSampler.taskSeed(seed, t)}, so every
 * method sees the same tasks.
 */
public final class MetaTestEvaluation {

  /** A mean accuracy and the half-width of its 95 % interval, over {@code tasks} tasks. */
  public record Accuracy(double mean, double halfWidth, int tasks) {

    /** As metrics.json holds it. */
    public Map<String, Object> json() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("accuracy", mean);
      m.put("ci95", halfWidth);
      m.put("tasks", tasks);
      return m;
    }
  }

  private MetaTestEvaluation() {}

  /**
   * The accuracies of each prior in {@code priors} and of nearest-centroid on T tasks.
   *
   * @param data   the images.
   * @param pool   the meta-test classes.
   * @param shape  N, K, Q of the test tasks.
   * @param priors name → θ₀ (p×N), in report order.
   * @param solver inner solver (its iteration cap), solved to {@code tolerance}.
   */
  public static Map<String, Accuracy> run(LabeledData data, int[] pool, MetaTasks.TaskShape shape,
      double lambda, Map<String, double[]> priors, SolverSpec solver, double tolerance,
      int tasks, long seed) {
    TaskSampler sampler = new TaskSampler(data, pool, shape.ways(), shape.shots(),
        shape.queries());
    int n = priors.size() + 1;
    double[] sum = new double[n];
    double[] sq = new double[n];
    double[] scores = new double[shape.ways()];
    int dim = data.cols() * shape.ways();
    for (int t = 0; t < tasks; t++) {
      TaskSampler.Task task = sampler.sample(TaskSampler.taskSeed(seed, t));
      InnerKernel kernel = InnerKernel.build(new ProblemSpec("softmax-prior", lambda), solver,
          EstimatorSpec.of("one-step"), task.support(), dim);
      int m = 0;
      for (double[] theta : priors.values()) {
        double[] x = Solve.run(kernel.solver(), theta, theta,
            new SolveOptions(solver.iterations(), tolerance, Storage.lastTwo())).x();
        double acc = QueryLoss.accuracy(task.query(), x, shape.ways(), scores);
        sum[m] += acc;
        sq[m++] += acc * acc;
      }
      double acc = centroidAccuracy(task, shape);
      sum[m] += acc;
      sq[m] += acc * acc;
    }
    Map<String, Accuracy> out = new LinkedHashMap<>();
    int m = 0;
    for (String name : priors.keySet()) {
      out.put(name, interval(sum[m], sq[m++], tasks));
    }
    out.put("nearest-centroid", interval(sum[m], sq[m], tasks));
    return out;
  }

  /**
   * Nearest-centroid accuracy on the query set: predict argminₖ ‖a − μₖ‖², μₖ the mean of class
   * k's support rows (ties: the lowest k).
   */
  static double centroidAccuracy(TaskSampler.Task task, MetaTasks.TaskShape shape) {
    LabeledData q = task.query();
    double[] mu = centroidMeans(task.support(), shape);
    int p = q.cols();
    int rows = q.rows();
    int right = 0;
    for (int i = 0; i < rows; i++) {
      int best = 0;
      double bestD = Double.POSITIVE_INFINITY;
      for (int k = 0; k < shape.ways(); k++) {
        double d = 0;
        for (int j = 0; j < p; j++) {
          double e = q.a()[i + j * rows] - mu[j + k * p];
          d += e * e;
        }
        if (d < bestD) {
          bestD = d;
          best = k;
        }
      }
      if (best == (int) q.labels()[i]) {
        right++;
      }
    }
    return (double) right / rows;
  }

  private static double[] centroidMeans(LabeledData s, MetaTasks.TaskShape shape) {
    int p = s.cols();
    int rows = s.rows();
    double[] mu = new double[p * shape.ways()];
    for (int i = 0; i < rows; i++) {
      int k = (int) s.labels()[i];
      for (int j = 0; j < p; j++) {
        mu[j + k * p] += s.a()[i + j * rows] / shape.shots();
      }
    }
    return mu;
  }

  private static Accuracy interval(double sum, double sq, int t) {
    double mean = sum / t;
    double var = t > 1 ? Math.max(0, (sq - t * mean * mean) / (t - 1)) : 0;
    return new Accuracy(mean, 1.96 * Math.sqrt(var / t), t);
  }
}
