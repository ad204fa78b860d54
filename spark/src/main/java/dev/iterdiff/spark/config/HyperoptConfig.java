package dev.iterdiff.spark.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigSyntax;
import com.typesafe.config.ConfigValue;
import dev.iterdiff.bilevel.HyperparameterKind;
import dev.iterdiff.bilevel.InnerSpec;
import dev.iterdiff.bilevel.OuterObjectives;
import dev.iterdiff.bilevel.OuterOptions;
import dev.iterdiff.diff.DiagnosticsOptions;
import dev.iterdiff.diff.EstimatorOptions;
import dev.iterdiff.diff.Estimators;
import dev.iterdiff.diff.Implicit;
import dev.iterdiff.linalg.LinearSolvers;
import dev.iterdiff.optimality.Conditions;
import dev.iterdiff.problem.Problems;
import dev.iterdiff.solver.Solvers;
import dev.iterdiff.spec.EstimatorSpec;
import dev.iterdiff.spec.ProblemSpec;
import dev.iterdiff.spec.SolverSpec;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeSet;

/**
 * Reads a hyperopt job config (HOCON, the {@code hyperopt { … }} object; keys documented in
 * {@code conf/hyperopt-example.conf}) into {@link HyperoptSettings}, strictly: an unknown key,
 * a wrong type, an out-of-range value or a name that is not in its catalog (problem, solver,
 * estimator, linear solver, condition, outer loss) fails before any Spark work with a message
 * naming the full key, the value and, for names, the valid ones. Command-line {@code --set key=value} overrides are applied first (keys relative
 * to {@code hyperopt.}). The config fingerprint is the SHA-256 of the canonical rendering
 * (sorted keys) of the resolved object without {@code output}.
 */
public final class HyperoptConfig {

  private HyperoptConfig() {}

  /** Loads a file with overrides ({@code key=value}, key relative to hyperopt.). */
  public static HyperoptSettings load(File file, List<String> overrides, String output) {
    if (!file.isFile()) {
      throw new IllegalArgumentException("--config: file not found: " + file);
    }
    Config base;
    try {
      base = ConfigFactory.parseFile(file,
          FileIncludesOnly.options(ConfigParseOptions.defaults().setAllowMissing(false)));
    } catch (com.typesafe.config.ConfigException e) {
      throw new JobConfigException("--config", "cannot parse " + file + ": " + e.getMessage());
    }
    StringBuilder over = new StringBuilder();
    for (String kv : overrides == null ? List.<String>of() : overrides) {
      int eq = kv.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException("--set '" + kv + "': expected key=value");
      }
      over.append("hyperopt.").append(kv, 0, eq).append(" = ").append(kv.substring(eq + 1))
          .append('\n');
    }
    if (output != null) {
      over.append("hyperopt.output = \"").append(output.replace("\"", "\\\"")).append("\"\n");
    }
    Config c;
    try {
      c = ConfigFactory.parseString(over.toString(), FileIncludesOnly.options(
          ConfigParseOptions.defaults().setSyntax(ConfigSyntax.CONF).setOriginDescription("--set")))
          .withFallback(base).resolve();
    } catch (com.typesafe.config.ConfigException e) {
      throw new JobConfigException("--config", file + " with --set: " + e.getMessage());
    }
    return parse(c);
  }

  /** Parses a resolved config holding a {@code hyperopt} object. */
  public static HyperoptSettings parse(Config config) {
    StrictConfig h = new StrictConfig(config, "").object("hyperopt");
    h.allowOnly("data", "test-fraction", "seed", "folds", "problem", "alpha", "hyperparameters",
        "theta0", "outer-loss", "inner", "outer", "mode", "independent", "output", "report");
    List<String> data = h.strings("data");
    if (data.isEmpty()) {
      throw new JobConfigException(h.key("data"), "empty list of data files");
    }
    String problemName = CatalogNames.read(h, "problem", "ridge", Problems.CATALOG::canonical);
    ProblemSpec problem = wrap(h.key("alpha"),
        () -> new ProblemSpec(problemName, h.number("alpha", ProblemSpec.DEFAULT_ALPHA)));
    HyperparameterKind kind = wrap(h.key("hyperparameters"),
        () -> HyperparameterKind.parse(h.string("hyperparameters", "single")));
    String loss = CatalogNames.read(h, "outer-loss", CatalogNames.AUTO,
        CatalogNames.orAuto(OuterObjectives.CATALOG));
    StrictConfig in = h.has("inner") ? h.object("inner")
        : new StrictConfig(com.typesafe.config.ConfigFactory.empty(), h.key("inner"));
    in.allowOnly("solver", "step", "max-iterations", "estimator", "linear-solver", "condition",
        "truncation", "penalty-scale");
    SolverSpec solver = solverSpec(in);
    EstimatorSpec estimator = estimatorSpec(in);
    InnerSpec inner = wrap(in.path(), () -> new InnerSpec(problem, kind, solver, estimator,
        loss.equals(CatalogNames.AUTO) ? null : loss, in.string("penalty-scale", "none")));
    OuterOptions d = OuterOptions.defaults();
    StrictConfig o = h.has("outer") ? h.object("outer")
        : new StrictConfig(com.typesafe.config.ConfigFactory.empty(), h.key("outer"));
    o.allowOnly("optimizer", "step-rule", "learning-rate", "max-iterations",
        "gradient-tolerance", "relative-tolerance", "inner-tolerance", "tolerance-decay",
        "min-inner-tolerance", "regularization", "min-log-theta", "max-log-theta", "beta1",
        "beta2");
    OuterOptions outer = wrap(o.path(), () -> new OuterOptions(o.string("optimizer", "gd"),
        o.string("step-rule", "hoag"), o.number("learning-rate", Double.NaN),
        o.integer("max-iterations", d.maxIterations()),
        o.number("gradient-tolerance", d.gradientTolerance()),
        o.number("relative-tolerance", d.relativeTolerance()),
        o.number("inner-tolerance", d.innerTolerance()),
        o.number("tolerance-decay", d.toleranceDecay()),
        o.number("min-inner-tolerance", d.minInnerTolerance()),
        o.number("regularization", d.regularization()),
        o.number("min-log-theta", d.lower()), o.number("max-log-theta", d.upper()),
        o.number("beta1", d.beta1()), o.number("beta2", d.beta2())));
    if (outer.stepRule().equals("fixed") && Double.isNaN(outer.learningRate())) {
      throw new JobConfigException(o.key("learning-rate"), "required with step-rule fixed");
    }
    String mode = h.string("mode", "folds");
    if (!mode.equals("folds") && !mode.equals("independent")) {
      throw new JobConfigException(h.key("mode"), "unknown '" + mode
          + "' (expected folds or independent)");
    }
    int starts = 1;
    double startMin = 1e-4;
    double startMax = 1e2;
    if (h.has("independent")) {
      StrictConfig ind = h.object("independent");
      ind.allowOnly("starts", "start-min", "start-max");
      starts = ind.integer("starts", 1);
      startMin = ind.number("start-min", startMin);
      startMax = ind.number("start-max", startMax);
      if (starts < 1 || !(startMin > 0) || !(startMax > startMin)) {
        throw new JobConfigException(ind.path(), "need starts >= 1 and 0 < start-min < "
            + "start-max, got " + starts + ", " + startMin + ", " + startMax);
      }
    }
    int folds = h.integer("folds", 5);
    if (folds < 2) {
      throw new JobConfigException(h.key("folds"), "must be >= 2, got " + folds);
    }
    double test = h.number("test-fraction", 0.2);
    if (!(test > 0 && test < 1)) {
      throw new JobConfigException(h.key("test-fraction"), "must be in (0, 1), got " + test);
    }
    double[] theta0 = h.has("theta0") ? h.numbers("theta0") : new double[] {1.0};
    for (int j = 0; j < theta0.length; j++) {
      if (!(theta0[j] > 0) || !Double.isFinite(theta0[j])) {
        throw new JobConfigException(h.key("theta0"), "theta0[" + j + "] = " + theta0[j]
            + " is out of its domain: hyperparameters must be finite and > 0");
      }
    }
    Config body = config.getConfig("hyperopt").withoutPath("output").withoutPath("report");
    return new HyperoptSettings(data, test, h.longInteger("seed", 1L), folds, inner, theta0,
        outer, mode, starts, startMin, startMax, h.string("output", "target/hyperopt"),
        fingerprint(body.root()), h.bool("report", true));
  }

  /** {@code inner.solver}, {@code step} (checked by the solver's entry), {@code max-iterations}. */
  private static SolverSpec solverSpec(StrictConfig in) {
    String name = CatalogNames.read(in, "solver", "newton", Solvers.CATALOG::canonical);
    int k = in.integer("max-iterations", 1000);
    if (k < 1) {
      throw new JobConfigException(in.key("max-iterations"), "must be >= 1, got " + k);
    }
    return wrap(in.key("step"), () -> new SolverSpec(name, in.string("step", ""), k,
        Double.NaN));
  }

  /**
   * {@code inner.estimator} with its options: the linear solver, the optimality condition and
   * the truncation; the rest are {@link EstimatorOptions#defaults()} (linear tolerance
   * {@value Implicit#DEFAULT_TOLERANCE}), without diagnostics.
   */
  private static EstimatorSpec estimatorSpec(StrictConfig in) {
    EstimatorOptions d = EstimatorOptions.defaults();
    String name = CatalogNames.read(in, "estimator", Implicit.NAME,
        Estimators.CATALOG::canonical);
    String linear = CatalogNames.read(in, "linear-solver", d.linearSolver(),
        LinearSolvers::choice);
    String condition = CatalogNames.read(in, "condition", Conditions.AUTO,
        Conditions::choice);
    int truncation = in.integer("truncation", 0);
    return wrap(in.key("truncation"), () -> new EstimatorSpec(List.of(name),
        new EstimatorOptions(truncation, linear, d.linearTolerance(), d.linearMaxIterations(),
            condition, d.checkpointing(), DiagnosticsOptions.none())));
  }

  private static <T> T wrap(String key, java.util.function.Supplier<T> s) {
    try {
      return s.get();
    } catch (JobConfigException e) {
      throw e;
    } catch (IllegalArgumentException e) {
      throw new JobConfigException(key, e.getMessage());
    }
  }

  /** SHA-256 (hex) of the canonical rendering of a config value. */
  static String fingerprint(ConfigValue v) {
    StringBuilder b = new StringBuilder();
    canonical(v, b);
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(b.toString().getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void canonical(ConfigValue v, StringBuilder b) {
    if (v instanceof ConfigObject o) {
      b.append('{');
      for (String k : new TreeSet<>(o.keySet())) {
        b.append(k).append(':');
        canonical(o.get(k), b);
        b.append(',');
      }
      b.append('}');
    } else if (v instanceof com.typesafe.config.ConfigList l) {
      b.append('[');
      for (ConfigValue e : l) {
        canonical(e, b);
        b.append(',');
      }
      b.append(']');
    } else {
      b.append(String.valueOf(v.unwrapped()));
    }
  }
}
