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
 * 2019, §5): for each task, the query accuracy of the weights adapted on its support set from a
 * given {@link Prior} (learned, zero, pretrained: x* = argmin L_support(x) + λ/2‖x − P‖², or the
 * learned per-pixel precision with P = 0), and of the nearest-centroid rule on
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

  /**
   * A prior to adapt from: its form and θ (p×N for {@link MetaPrior#MEAN}, p for
   * {@link MetaPrior#CLASS_MEANS}, W (d×p, possibly followed by log τ, which changes no
   * prediction) for {@link MetaPrior#FEATURE_MAP}); with
   * {@code centroid}, the nearest-centroid rule in the feature space of W instead of an adapted
   * softmax head.
   */
  public record Prior(MetaPrior form, double[] theta, boolean centroid)
      implements java.io.Serializable {

    /** Adapting a softmax head from the prior. */
    public Prior(MetaPrior form, double[] theta) {
      this(form, theta, false);
    }

    /**
     * @throws IllegalArgumentException for a centroid rule on a form other than the feature
     *         map.
     */
    public Prior {
      if (centroid && form != MetaPrior.FEATURE_MAP) {
        throw new IllegalArgumentException("a nearest-centroid prior needs the feature map, "
            + "got " + form.spelling());
      }
    }

    /** X* adapted on a task's support set from this prior. */
    double[] adapt(TaskSampler.Task task, int ways, double lambda, SolverSpec solver,
        double tolerance) {
      if (form == MetaPrior.FEATURE_MAP) {
        int d = theta.length / task.support().cols();
        dev.iterdiff.problem.Problem f = new dev.iterdiff.problem.SoftmaxFeatureMap(
            task.support(), ways, d, lambda, theta.length - d * task.support().cols());
        return Solve.run(solver.create(f), theta, new double[d * ways],
            new SolveOptions(solver.iterations(), tolerance, Storage.lastTwo())).x();
      }
      double[] basis = form.basis(task, ways);
      int dim = task.support().cols() * ways;
      double[] p = form == MetaPrior.PRECISION ? theta : form.priorMean(theta, basis);
      InnerKernel kernel = InnerKernel.build(new ProblemSpec(form.problem(), lambda), solver,
          EstimatorSpec.of("one-step"), task.support(), p.length);
      return Solve.run(kernel.solver(), p, form.start(theta, basis, dim),
          new SolveOptions(solver.iterations(), tolerance, Storage.lastTwo())).x();
    }

    /** The query accuracy on a task of this prior's rule. */
    double accuracy(TaskSampler.Task task, MetaTasks.TaskShape shape, double lambda,
        SolverSpec solver, double tolerance) {
      int ways = shape.ways();
      if (form == MetaPrior.FEATURE_MAP) {
        int p = task.support().cols();
        int d = theta.length / p;
        if (centroid) {
          return centroidAccuracy(new TaskSampler.Task(task.classes(),
              project(task.support(), d), project(task.query(), d), task.supportRows(),
              task.queryRows()), shape);
        }
        FeatureQueryLoss q = new FeatureQueryLoss(task.query(), ways, d, theta.length > d * p);
        double[] x = adapt(task, ways, lambda, solver, tolerance);
        q.value(x, theta);
        return 1.0 - q.misclassification(x);
      }
      double[] x = adapt(task, ways, lambda, solver, tolerance);
      return QueryLoss.accuracy(task.query(), x, ways, new double[ways]);
    }

    /** The rows' features Z = A Wᵀ as a data set (labels kept). */
    private LabeledData project(LabeledData rows, int d) {
      return new LabeledData(dev.iterdiff.problem.SoftmaxFeatureMap.project(rows.a(),
          rows.rows(), rows.cols(), theta, d), rows.rows(), d, rows.labels(), rows.source());
    }
  }

  /** The test tasks and what is adapted on them; broadcast once for the Spark run. */
  private static final class Plan implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    final double[] a;
    final int rows;
    final int cols;
    final double[] labels;
    final String source;
    final int[] pool;
    final MetaTasks.TaskShape shape;
    final double lambda;
    final java.util.List<Prior> priors;
    final SolverSpec solver;
    final double tolerance;
    final long seed;
    private transient TaskSampler sampler;

    Plan(LabeledData data, int[] pool, MetaTasks.TaskShape shape, double lambda,
        java.util.List<Prior> priors, SolverSpec solver, double tolerance, long seed) {
      LabeledData d = MetaTasks.poolRows(data, pool);
      this.a = d.a();
      this.rows = d.rows();
      this.cols = d.cols();
      this.labels = d.labels();
      this.source = d.source();
      this.pool = pool.clone();
      this.shape = shape;
      this.lambda = lambda;
      this.priors = java.util.List.copyOf(priors);
      this.solver = solver;
      this.tolerance = tolerance;
      this.seed = seed;
      sampler();
    }

    synchronized TaskSampler sampler() {
      if (sampler == null) {
        sampler = new TaskSampler(new LabeledData(a, rows, cols, labels, source), pool,
            shape.ways(), shape.shots(), shape.queries());
      }
      return sampler;
    }

    /** The accuracies of test task t: one per prior, then nearest-centroid. */
    double[] accuracies(int t) {
      TaskSampler.Task task = sampler().sample(TaskSampler.taskSeed(seed, t));
      double[] out = new double[priors.size() + 1];
      int m = 0;
      for (Prior prior : priors) {
        out[m++] = prior.accuracy(task, shape, lambda, solver, tolerance);
      }
      out[m] = centroidAccuracy(task, shape);
      return out;
    }
  }

  private MetaTestEvaluation() {}

  /**
   * The accuracies of each prior in {@code priors} and of nearest-centroid on T tasks, in
   * process.
   *
   * @param data   the images.
   * @param pool   the meta-test classes.
   * @param shape  N, K, Q of the test tasks.
   * @param priors name → prior, in report order.
   * @param solver inner solver (its iteration cap), solved to {@code tolerance}.
   */
  public static Map<String, Accuracy> run(LabeledData data, int[] pool, MetaTasks.TaskShape shape,
      double lambda, Map<String, Prior> priors, SolverSpec solver, double tolerance,
      int tasks, long seed) {
    Plan plan = new Plan(data, pool, shape, lambda, new java.util.ArrayList<>(priors.values()),
        solver, tolerance, seed);
    java.util.List<double[]> rows = new java.util.ArrayList<>();
    for (int t = 0; t < tasks; t++) {
      rows.add(plan.accuracies(t));
    }
    return summarize(priors.keySet(), rows);
  }

  /**
   * As {@link #run}, each task adapted on an executor: the plan (the meta-test classes' images,
   * the priors) broadcast once, the T task numbers spread over {@code partitions} partitions,
   * the per-task accuracies collected in task order and summed on the driver in that order —
   * the same numbers as {@link #run}, bit for bit.
   */
  public static Map<String, Accuracy> runOnSpark(org.apache.spark.api.java.JavaSparkContext jsc,
      int partitions, LabeledData data, int[] pool, MetaTasks.TaskShape shape, double lambda,
      Map<String, Prior> priors, SolverSpec solver, double tolerance, int tasks, long seed) {
    if (partitions < 1) {
      throw new IllegalArgumentException("meta-test partitions is " + partitions
          + " (must be >= 1)");
    }
    Plan plan = new Plan(data, pool, shape, lambda, new java.util.ArrayList<>(priors.values()),
        solver, tolerance, seed);
    org.apache.spark.broadcast.Broadcast<Plan> b = jsc.broadcast(plan);
    try {
      java.util.List<Integer> ts = new java.util.ArrayList<>(
          java.util.stream.IntStream.range(0, tasks).boxed().toList());
      java.util.List<double[]> rows = jsc.parallelize(ts, Math.max(1, Math.min(partitions,
          tasks))).map(t -> b.value().accuracies(t)).collect();
      return summarize(priors.keySet(), rows);
    } finally {
      b.destroy();
    }
  }

  /**
   * Mean and 95 % interval per method, summed over the rows in their order; then, for the first
   * method F and every other method M, "F - M (paired)": the mean of the per-task differences
   * and its 95 % interval (every method sees the same tasks, so the paired interval is the one
   * that says whether F beats M).
   */
  private static Map<String, Accuracy> summarize(java.util.Set<String> names,
      java.util.List<double[]> rows) {
    int n = names.size() + 1;
    double[] sum = new double[n];
    double[] sq = new double[n];
    double[] dsum = new double[n];
    double[] dsq = new double[n];
    for (double[] r : rows) {
      for (int m = 0; m < n; m++) {
        sum[m] += r[m];
        sq[m] += r[m] * r[m];
        double diff = r[0] - r[m];
        dsum[m] += diff;
        dsq[m] += diff * diff;
      }
    }
    Map<String, Accuracy> out = new LinkedHashMap<>();
    java.util.List<String> all = new java.util.ArrayList<>(names);
    all.add("nearest-centroid");
    for (int m = 0; m < n; m++) {
      out.put(all.get(m), interval(sum[m], sq[m], rows.size()));
    }
    for (int m = 1; m < n; m++) {
      out.put(all.get(0) + " - " + all.get(m) + " (paired)", interval(dsum[m], dsq[m],
          rows.size()));
    }
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
