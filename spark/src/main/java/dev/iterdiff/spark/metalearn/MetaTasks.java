package dev.iterdiff.spark.metalearn;

import dev.iterdiff.bilevel.FoldHypergradient;
import dev.iterdiff.bilevel.HypergradientAggregator;
import dev.iterdiff.bilevel.OuterEvaluation;
import dev.iterdiff.bilevel.InnerTasks;
import dev.iterdiff.bilevel.OuterObjective;
import dev.iterdiff.problem.Problem;
import dev.iterdiff.problem.SoftmaxFeatureMap;
import dev.iterdiff.data.TaskSampler;
import dev.iterdiff.problem.LabeledData;
import dev.iterdiff.spec.EstimatorSpec;
import dev.iterdiff.spec.InnerKernel;
import dev.iterdiff.spec.ProblemSpec;
import dev.iterdiff.spec.SolverSpec;

/**
 * A meta-batch of N-way K-shot tasks as {@link InnerTasks} — iMAML with a convex inner problem
 * (Rajeswaran et al. 2019; the biased regularization of Denevi et al. 2019). Task k is drawn by
 * {@link TaskSampler} from the meta-train classes with the seed
 * {@code TaskSampler.taskSeed(seed, k)}; its inner problem is {@code softmax-prior} on the
 * support set and its outer objective the query loss ({@link QueryLoss}):
 * <pre>
 *   x_k*(θ) = argmin_x L_support,k(x) + λ/2·‖x − θ‖²,          x, θ ∈ ℝ^{p×N}
 *   G(θ)    = 1/B·Σ_k L_query,k(x_k*(θ))
 *   ∇G_k    = J_kᵀ∇L_query,k = λ(λI + ∇²L_support,k)⁻¹∇L_query,k   (implicit; J_k = ∂_θ x_k*)
 * </pre>
 * The implicit product is the generic estimator's −(∂_θ∇ₓf)ᵀ(∇²ₓf)⁻¹u with (∂_θ∇ₓf)ᵀu = −λu,
 * solved by CG on Hessian-vector products; one-step (≈ first-order MAML: λ·η·u for a gradient
 * step η) and truncated estimators are selectable through the {@link EstimatorSpec}. How θ
 * gives the prior mean P is a {@link MetaPrior} (θ itself; or label-equivariant forms; or a
 * per-pixel precision with P = 0), and the meta-batch is either drawn afresh at every outer step
 * ({@link #task(int, int)}, seeded by run seed, step and k) or fixed for the run. Only the
 * pool's images are kept (and broadcast). Serializable by its plain arrays; the sampler is
 * rebuilt once per JVM.
 */
public final class MetaTasks implements InnerTasks {

  private static final long serialVersionUID = 1L;

  private final double[] a;
  private final int rows;
  private final int cols;
  private final double[] labels;
  private final String source;
  private final int[] pool;
  private final TaskShape shape;
  private final double lambda;
  private final long seed;
  private final int count;
  private final SolverSpec solver;
  private final EstimatorSpec estimator;
  private final MetaPrior prior;
  private final boolean fresh;
  private final int features;
  private final boolean temperature;
  private final double[] baseMap;
  private transient TaskSampler sampler;

  /**
   * N, K and Q of the tasks.
   *
   * @param ways    N.
   * @param shots   K support samples per class.
   * @param queries Q query samples per class.
   */
  public record TaskShape(int ways, int shots, int queries) implements java.io.Serializable {}

  /**
   * @param data      the labelled images (integer class labels).
   * @param pool      the meta-train classes.
   * @param shape     N, K, Q.
   * @param lambda    λ &gt; 0, the prior's weight.
   * @param seed      the run seed: task k has seed {@code TaskSampler.taskSeed(seed, k)}.
   * @param count     B ≥ 1, the meta-batch size.
   * @param solver    the inner solver and its iteration cap.
   * @param estimator exactly one estimator with its options.
   * @throws IllegalArgumentException naming the value: λ ≤ 0, B &lt; 1, N larger than the pool,
   *         K + Q larger than a class (the sampler's checks, run here on the driver).
   */
  public MetaTasks(LabeledData data, int[] pool, TaskShape shape, double lambda, long seed,
      int count, SolverSpec solver, EstimatorSpec estimator) {
    this(data, pool, shape, lambda, seed, count, solver, estimator, MetaPrior.MEAN, false);
  }

  /**
   * As above, with the prior's form and the sampling of the meta-batch.
   *
   * @param prior how θ gives each task's prior mean ({@link MetaPrior}).
   * @param fresh whether every outer step draws a new meta-batch: task k of step s has the
   *              seed {@code TaskSampler.taskSeed(TaskSampler.taskSeed(seed ^ FRESH, s), k)}
   *              (a function of the run seed and the step, so runs and --resume repeat);
   *              false: the same B tasks at every step ({@link #task(int)}).
   */
  public MetaTasks(LabeledData data, int[] pool, TaskShape shape, double lambda, long seed,
      int count, SolverSpec solver, EstimatorSpec estimator, MetaPrior prior, boolean fresh) {
    this(data, pool, shape, lambda, seed, count, solver, estimator, prior, fresh, 0);
  }

  /**
   * As above, with d, the features of {@link MetaPrior#FEATURE_MAP} (θ = W, d×p).
   *
   * @param features d in 1..p for the feature map; ignored (0) by the other priors.
   * @throws IllegalArgumentException as above, and for d outside 1..p with the feature map.
   */
  public MetaTasks(LabeledData data, int[] pool, TaskShape shape, double lambda, long seed,
      int count, SolverSpec solver, EstimatorSpec estimator, MetaPrior prior, boolean fresh,
      int features) {
    this(data, pool, shape, lambda, seed, count, solver, estimator, prior, fresh, features,
        false);
  }

  /**
   * As above, with a learned temperature of the query loss for the feature map (θ = (W, log τ),
   * {@link FeatureQueryLoss}).
   *
   * @throws IllegalArgumentException as above, and for a temperature with another prior.
   */
  public MetaTasks(LabeledData data, int[] pool, TaskShape shape, double lambda, long seed,
      int count, SolverSpec solver, EstimatorSpec estimator, MetaPrior prior, boolean fresh,
      int features, boolean temperature) {
    this(data, pool, shape, lambda, seed, count, solver, estimator, prior, fresh, features,
        temperature, null);
  }

  /**
   * As above, with W₀ (d×p) of {@link MetaPrior#FEATURE_SCALES} (W = diag(s)·W₀).
   *
   * @param baseMap W₀ for the feature scales, null otherwise. Not modified (copied).
   * @throws IllegalArgumentException as above, and for a missing W₀ or one of the wrong length.
   */
  public MetaTasks(LabeledData data, int[] pool, TaskShape shape, double lambda, long seed,
      int count, SolverSpec solver, EstimatorSpec estimator, MetaPrior prior, boolean fresh,
      int features, boolean temperature, double[] baseMap) {
    if (prior == MetaPrior.FEATURE_SCALES && (baseMap == null
        || baseMap.length != (long) features * data.cols())) {
      throw new IllegalArgumentException("feature-scales: W0 has " + (baseMap == null ? 0
          : baseMap.length) + " entries, expected d*p = " + (long) features * data.cols());
    }
    this.baseMap = baseMap == null ? null : baseMap.clone();
    if (temperature && prior != MetaPrior.FEATURE_MAP) {
      throw new IllegalArgumentException("a learned temperature needs prior feature-map, got "
          + prior.spelling());
    }
    this.temperature = temperature;
    if (prior.featureHead() && (features < 1 || features > data.cols())) {
      throw new IllegalArgumentException("features is " + features + " (the feature map's d "
          + "must be in 1.." + data.cols() + ", the pixels)");
    }
    if (!(lambda > 0) || !Double.isFinite(lambda)) {
      throw new IllegalArgumentException("lambda is " + lambda
          + " (the prior's weight must be finite and > 0)");
    }
    if (count < 1) {
      throw new IllegalArgumentException("meta-batch is " + count + " tasks (must be >= 1)");
    }
    if (estimator.names().size() != 1) {
      throw new IllegalArgumentException("meta-learning: exactly one estimator, got "
          + estimator.names());
    }
    estimator.storage(solver.iterations());
    data = poolRows(data, pool);
    this.a = data.a();
    this.rows = data.rows();
    this.cols = data.cols();
    this.labels = data.labels();
    this.source = data.source();
    this.pool = pool.clone();
    this.shape = shape;
    this.lambda = lambda;
    this.seed = seed;
    this.count = count;
    this.solver = solver;
    this.estimator = estimator;
    this.prior = prior;
    this.fresh = fresh;
    this.features = prior.featureHead() ? features : 0;
    this.sampler = new TaskSampler(data, pool, shape.ways(), shape.shots(), shape.queries());
  }

  /**
   * The rows of the pool's classes only (what the tasks can draw; half the broadcast of a 5/5
   * split), in their order; the data itself when every row is in the pool.
   */
  static LabeledData poolRows(LabeledData data, int[] pool) {
    int[] sorted = pool.clone();
    java.util.Arrays.sort(sorted);
    int[] rows = java.util.stream.IntStream.range(0, data.rows())
        .filter(i -> java.util.Arrays.binarySearch(sorted, (int) data.labels()[i]) >= 0)
        .toArray();
    return rows.length == data.rows() ? data
        : dev.iterdiff.bilevel.KFold.subset(data, rows, data.source());
  }

  /** The sampler over the meta-train classes (rebuilt on first use after deserialization). */
  public synchronized TaskSampler sampler() {
    if (sampler == null) {
      sampler = new TaskSampler(new LabeledData(a, rows, cols, labels, source), pool,
          shape.ways(), shape.shots(), shape.queries());
    }
    return sampler;
  }

  /** Mixed into the run seed of fresh meta-batches. */
  static final long FRESH = 0x5EED_F2E5_4L;

  /** The sampled task k of the meta-batch (support and query sets); step 0 when fresh. */
  public TaskSampler.Task sample(int k) {
    return sample(0, k);
  }

  /** The sampled task k of outer step {@code step}'s meta-batch. */
  public TaskSampler.Task sample(int step, int k) {
    checkIndex(k);
    long s = fresh ? TaskSampler.taskSeed(TaskSampler.taskSeed(seed ^ FRESH, step), k)
        : TaskSampler.taskSeed(seed, k);
    return sampler().sample(s);
  }

  /** How θ gives the prior mean. */
  public MetaPrior prior() {
    return prior;
  }

  /** Whether every outer step draws a new meta-batch. */
  public boolean fresh() {
    return fresh;
  }

  /** λ. */
  public double lambda() {
    return lambda;
  }

  /** N, K, Q. */
  public TaskShape shape() {
    return shape;
  }

  /** The inner solver spec. */
  public SolverSpec solver() {
    return solver;
  }

  /** The estimator spec. */
  public EstimatorSpec estimator() {
    return estimator;
  }

  @Override
  public int count() {
    return count;
  }

  /** d of the feature map (0 for the other priors). */
  public int features() {
    return features;
  }

  /** Whether θ ends with the log temperature of the query loss. */
  public boolean temperature() {
    return temperature;
  }

  /**
   * dim θ: p·N for the prior mean, p for the class-means scale, d·p for the feature map (+1
   * with a temperature).
   */
  @Override
  public int thetaDim() {
    return prior.thetaDim(cols, shape.ways(), features) + (temperature ? 1 : 0);
  }

  /** p·N, the adapted weights X (d·N on the features of the feature map). */
  @Override
  public int stateDim(int task) {
    return (prior.featureHead() ? features : cols) * shape.ways();
  }

  /**
   * The inner kernel of a task: softmax-prior on its support set with this λ (softmax with
   * per-pixel λ for the precision; {@link SoftmaxFeatureMap} for the feature map).
   */
  public InnerKernel kernel(TaskSampler.Task t) {
    if (prior.featureHead()) {
      Problem problem = new SoftmaxFeatureMap(t.support(), shape.ways(), features, lambda,
          temperature ? 1 : 0);
      return new InnerKernel(problem, solver.create(problem), estimator.create(),
          solver.options(estimator.storage(solver.iterations())));
    }
    return InnerKernel.build(new ProblemSpec(prior.problem(), lambda), solver, estimator,
        t.support(), prior == MetaPrior.PRECISION ? thetaDim() : stateDim(0));
  }

  /** A task's outer objective: the query cross-entropy (on W aᵢ for the feature map). */
  public OuterObjective queryLoss(TaskSampler.Task t) {
    return prior.featureHead() ? new FeatureQueryLoss(t.query(), shape.ways(),
        features, temperature) : new QueryLoss(t.query(), shape.ways());
  }

  /** The basis U of a task's prior ({@link MetaPrior#basis}), or W₀ for the feature scales. */
  public double[] basis(TaskSampler.Task t) {
    return prior == MetaPrior.FEATURE_SCALES ? baseMap : prior.basis(t, shape.ways());
  }

  /**
   * The feature map W (d×p) of θ for the feature head: θ itself for the map, diag(s)·W₀ for
   * the scales.
   */
  public double[] featureMap(double[] theta) {
    return prior == MetaPrior.FEATURE_SCALES ? prior.priorMean(theta, baseMap) : theta.clone();
  }

  /** Task k of the (fixed, or step 0's) meta-batch. */
  @Override
  public MetaTask task(int k) {
    return task(0, k);
  }

  /** Task k of outer step {@code step}'s meta-batch. */
  public MetaTask task(int step, int k) {
    TaskSampler.Task t = sample(step, k);
    InnerKernel kernel = kernel(t);
    FoldHypergradient h = new FoldHypergradient(k, kernel.solver(),
        kernel.estimators().get(0), queryLoss(t), null,
        prior.thetaIsParameter() ? thetaDim() : prior == MetaPrior.FEATURE_SCALES
        ? baseMap.length : stateDim(0), solver.iterations(), kernel.options().storage());
    return new MetaTask(h, prior, basis(t), thetaDim());
  }

  /**
   * G and ∇_θG of step {@code step}'s meta-batch, in process: every task solved from its prior
   * mean, reduced in task order by {@link HypergradientAggregator} (the reference of the Spark
   * evaluator, {@link MetaBatchEvaluator}).
   */
  public OuterEvaluation evaluate(int step, double[] theta, double tolerance) {
    HypergradientAggregator agg = new HypergradientAggregator(thetaDim());
    for (int k = 0; k < count; k++) {
      agg.add(task(step, k).evaluate(theta, null, tolerance));
    }
    return agg.result();
  }

  private void checkIndex(int k) {
    if (k < 0 || k >= count) {
      throw new IllegalArgumentException("MetaTasks: task " + k + " out of 0.." + (count - 1));
    }
  }
}
