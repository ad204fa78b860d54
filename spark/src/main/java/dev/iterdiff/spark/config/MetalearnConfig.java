package dev.iterdiff.spark.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigSyntax;
import dev.iterdiff.bilevel.OuterOptions;
import dev.iterdiff.diff.DiagnosticsOptions;
import dev.iterdiff.diff.EstimatorOptions;
import dev.iterdiff.diff.Estimators;
import dev.iterdiff.diff.Implicit;
import dev.iterdiff.linalg.LinearSolvers;
import dev.iterdiff.solver.Solvers;
import dev.iterdiff.spec.EstimatorSpec;
import dev.iterdiff.spec.SolverSpec;
import java.io.File;
import java.util.List;

/**
 * Reads a meta-learning job config (the {@code metalearn { … }} object, keys in
 * {@code conf/metalearn-example.conf}) strictly, as {@link HyperoptConfig} does: unknown keys,
 * wrong types, out-of-range values (λ ≤ 0, N &lt; 2, K, Q, B &lt; 1, N more than the meta-train
 * or meta-test classes) and names outside their catalogs fail before Spark starts, naming the
 * full key and the value. Checks that need the data (N against the classes present, K + Q
 * against the images of a class) run when the tasks are built, still on the driver.
 */
public final class MetalearnConfig {

  private MetalearnConfig() {}

  /** Loads a file with {@code --set key=value} overrides (keys relative to metalearn.). */
  public static MetalearnSettings load(File file, List<String> overrides, String output) {
    if (!file.isFile()) {
      throw new IllegalArgumentException("--config: file not found: " + file);
    }
    StringBuilder over = new StringBuilder();
    for (String kv : overrides == null ? List.<String>of() : overrides) {
      int eq = kv.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException("--set '" + kv + "': expected key=value");
      }
      over.append("metalearn.").append(kv, 0, eq).append(" = ").append(kv.substring(eq + 1))
          .append('\n');
    }
    if (output != null) {
      over.append("metalearn.output = \"").append(output.replace("\"", "\\\"")).append("\"\n");
    }
    try {
      Config base = ConfigFactory.parseFile(file,
          FileIncludesOnly.options(ConfigParseOptions.defaults().setAllowMissing(false)));
      return parse(ConfigFactory.parseString(over.toString(), FileIncludesOnly.options(
          ConfigParseOptions.defaults().setSyntax(ConfigSyntax.CONF).setOriginDescription("--set")))
          .withFallback(base).resolve());
    } catch (com.typesafe.config.ConfigException e) {
      throw new JobConfigException("--config", "cannot parse " + file + ": " + e.getMessage());
    }
  }

  /** Parses a resolved config holding a {@code metalearn} object. */
  public static MetalearnSettings parse(Config config) {
    StrictConfig m = new StrictConfig(config, "").object("metalearn");
    m.allowOnly("data", "seed", "meta-train-classes", "classes", "ways", "shots", "queries",
        "lambda", "meta-batch", "inner", "outer", "meta-test", "output", "prior", "sampling",
        "partitions", "features", "feature-init", "learn-temperature");
    int classes = m.integer("classes", 10);
    int train = m.integer("meta-train-classes", 5);
    if (train < 1 || train >= classes) {
      throw new JobConfigException(m.key("meta-train-classes"), "must be in 1.." + (classes - 1)
          + " (of " + classes + " classes), got " + train);
    }
    int ways = m.integer("ways", 5);
    if (ways < 2 || ways > train || ways > classes - train) {
      throw new JobConfigException(m.key("ways"), "N = " + ways + " but there are " + train
          + " meta-train and " + (classes - train) + " meta-test classes (need 2 <= N <= both)");
    }
    int shots = positive(m, "shots", 5);
    int queries = positive(m, "queries", 15);
    int batch = positive(m, "meta-batch", 16);
    String prior = m.string("prior", "precision");
    try {
      prior = dev.iterdiff.spark.metalearn.MetaPrior.of(prior).spelling();
    } catch (IllegalArgumentException e) {
      throw new JobConfigException(m.key("prior"), e.getMessage());
    }
    String sampling = m.string("sampling", "fresh");
    if (!sampling.equals("fresh") && !sampling.equals("fixed")) {
      throw new JobConfigException(m.key("sampling"), "must be fresh or fixed, got '"
          + sampling + "'");
    }
    int partitions = m.integer("partitions", 0);
    if (partitions < 0) {
      throw new JobConfigException(m.key("partitions"), "must be >= 0 (0: Spark's default "
          + "parallelism), got " + partitions);
    }
    int features = 0;
    String featureInit = "pca";
    boolean temperature = false;
    if (prior.startsWith("feature-")) {
      if (prior.equals("feature-map")) {
        temperature = m.bool("learn-temperature", false);
      } else if (m.has("learn-temperature")) {
        throw new JobConfigException(m.key("learn-temperature"), "applies to prior = "
            + "feature-map only (prior is " + prior + ")");
      }
      features = m.integer("features", 64);
      if (features < 1) {
        throw new JobConfigException(m.key("features"), "must be >= 1, got " + features);
      }
      featureInit = m.string("feature-init", "pca");
      if (!featureInit.equals("pca") && !featureInit.equals("random")) {
        throw new JobConfigException(m.key("feature-init"), "must be pca or random, got '"
            + featureInit + "'");
      }
    } else {
      for (String key : List.of("features", "feature-init", "learn-temperature")) {
        if (m.has(key)) {
          throw new JobConfigException(m.key(key), "applies to prior = feature-map or "
              + "feature-scales only (prior is " + prior + ")");
        }
      }
    }
    double lambda = m.number("lambda", 1.0);
    if (!(lambda > 0) || !Double.isFinite(lambda)) {
      throw new JobConfigException(m.key("lambda"), "must be finite and > 0, got " + lambda);
    }
    StrictConfig in = sub(m, "inner");
    in.allowOnly("solver", "max-iterations", "tolerance", "estimator", "linear-solver",
        "linear-tolerance", "truncation");
    String solverName = CatalogNames.read(in, "solver", "nesterov", Solvers.CATALOG::canonical);
    int iters = positive(in, "max-iterations", 5000);
    SolverSpec solver = new SolverSpec(solverName, "", iters, Double.NaN);
    double tol = in.number("tolerance", 1e-6);
    if (!(tol > 0)) {
      throw new JobConfigException(in.key("tolerance"), "must be > 0, got " + tol);
    }
    String est = CatalogNames.read(in, "estimator", Implicit.NAME, Estimators.CATALOG::canonical);
    String linear = CatalogNames.read(in, "linear-solver", "cg", LinearSolvers::choice);
    double linTol = in.number("linear-tolerance", 1e-10);
    int trunc = in.integer("truncation", 0);
    EstimatorSpec estimator;
    try {
      estimator = new EstimatorSpec(List.of(est), EstimatorOptions.defaults()
          .withLinearSolver(linear, linTol).withTruncation(trunc)
          .withDiagnostics(DiagnosticsOptions.none()));
      estimator.storage(iters);
    } catch (IllegalArgumentException e) {
      throw new JobConfigException(in.path(), e.getMessage());
    }
    StrictConfig o = sub(m, "outer");
    o.allowOnly("optimizer", "step-rule", "learning-rate", "max-iterations");
    OuterOptions outer;
    try {
      outer = OuterOptions.defaults().withRule(o.string("optimizer", "adam"),
          o.string("step-rule", "fixed"), o.number("learning-rate", 0.05))
          .withStopping(positive(o, "max-iterations", 30), 0.0, 0.0)
          .withInnerTolerance(tol, 1.0, tol);
      outer = prior.equals("precision") ? outer.withParametrization("log", -25, 25)
          : outer.withParametrization("identity", Double.NEGATIVE_INFINITY,
              Double.POSITIVE_INFINITY);
    } catch (IllegalArgumentException e) {
      throw new JobConfigException(o.path(), e.getMessage());
    }
    if (sampling.equals("fresh") && !outer.stepRule().equals("fixed")) {
      throw new JobConfigException(o.key("step-rule"), "sampling = fresh draws a new "
          + "meta-batch every step, so only step-rule = fixed applies (a line search compares "
          + "values of different batches), got '" + outer.stepRule() + "'");
    }
    StrictConfig t = sub(m, "meta-test");
    t.allowOnly("tasks", "shots");
    int testTasks = t.integer("tasks", 600);
    if (testTasks < 0) {
      throw new JobConfigException(t.key("tasks"), "must be >= 0, got " + testTasks);
    }
    double[] ks = t.has("shots") ? t.numbers("shots") : new double[] {1, 5};
    int[] testShots = new int[ks.length];
    for (int i = 0; i < ks.length; i++) {
      if (!(ks[i] >= 1) || ks[i] != Math.rint(ks[i])) {
        throw new JobConfigException(t.key("shots"), "shots[" + i + "] = " + ks[i]
            + " (must be integers >= 1)");
      }
      testShots[i] = (int) ks[i];
    }
    return new MetalearnSettings(m.string("data"), m.longInteger("seed", 1L), train, ways, shots,
        queries, lambda, batch, solver, tol, estimator, outer, testTasks, testShots,
        m.string("output", "target/metalearn"),
        HyperoptConfig.fingerprint(config.getConfig("metalearn").withoutPath("output")
            .withoutPath("partitions").root()), prior, sampling.equals("fresh"), partitions,
        features, featureInit, temperature);
  }

  private static StrictConfig sub(StrictConfig m, String key) {
    return m.has(key) ? m.object(key) : new StrictConfig(ConfigFactory.empty(), m.key(key));
  }

  private static int positive(StrictConfig c, String key, int fallback) {
    int v = c.integer(key, fallback);
    if (v < 1) {
      throw new JobConfigException(c.key(key), "must be >= 1, got " + v);
    }
    return v;
  }
}
