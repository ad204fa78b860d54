package dev.iterdiff.spark.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigSyntax;
import dev.iterdiff.bilevel.OuterOptions;
import dev.iterdiff.solver.Solvers;
import java.io.File;
import java.util.List;

/**
 * Reads a dataset-distillation job config (HOCON, the {@code distill { … }} object; keys in
 * {@code conf/distill-example.conf}) into {@link DistillSettings}, strictly, before any Spark
 * work: an unknown key, a wrong type, images per class ≤ 0, λ ≤ 0, an unknown solver or
 * estimator fail with one line naming the full key and the value. {@code --set key=value}
 * overrides (keys relative to {@code distill.}) are applied first. The outer loop is Adam with
 * a fixed learning rate on the {@code box} parametrization (pixels clipped to [0, 1]).
 */
public final class DistillConfig {

  private static final List<String> ESTIMATORS = List.of("implicit", "unrolled-reverse");

  private DistillConfig() {}

  /** Loads a file with overrides ({@code key=value}, key relative to distill.). */
  public static DistillSettings load(File file, List<String> overrides, String output) {
    if (!file.isFile()) {
      throw new IllegalArgumentException("--config: file not found: " + file);
    }
    StringBuilder over = new StringBuilder();
    for (String kv : overrides == null ? List.<String>of() : overrides) {
      int eq = kv.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException("--set '" + kv + "': expected key=value");
      }
      over.append("distill.").append(kv, 0, eq).append(" = ").append(kv.substring(eq + 1))
          .append('\n');
    }
    if (output != null) {
      over.append("distill.output = \"").append(output.replace("\"", "\\\"")).append("\"\n");
    }
    Config c;
    try {
      Config base = ConfigFactory.parseFile(file,
          FileIncludesOnly.options(ConfigParseOptions.defaults().setAllowMissing(false)));
      c = ConfigFactory.parseString(over.toString(), FileIncludesOnly.options(
          ConfigParseOptions.defaults().setSyntax(ConfigSyntax.CONF)
              .setOriginDescription("--set"))).withFallback(base).resolve();
    } catch (com.typesafe.config.ConfigException e) {
      throw new JobConfigException("--config", "cannot parse " + file + ": " + e.getMessage());
    }
    return parse(c);
  }

  /** Parses a resolved config holding a {@code distill} object. */
  public static DistillSettings parse(Config config) {
    StrictConfig d = new StrictConfig(config, "").object("distill");
    d.allowOnly("train", "test", "images-per-class", "lambda", "init", "seed", "partitions",
        "inner", "outer", "baseline-draws", "output");
    int k = d.integer("images-per-class", 1);
    if (k < 1) {
      throw new JobConfigException(d.key("images-per-class"), "must be >= 1, got " + k);
    }
    double lambda = d.number("lambda", 0.1);
    if (!(lambda > 0) || !Double.isFinite(lambda)) {
      throw new JobConfigException(d.key("lambda"), "must be finite and > 0, got " + lambda);
    }
    String init = d.string("init", "noise");
    if (!init.equals("noise") && !init.equals("real")) {
      throw new JobConfigException(d.key("init"), "unknown '" + init
          + "' (valid: noise, real)");
    }
    int partitions = d.integer("partitions", 2);
    if (partitions < 1) {
      throw new JobConfigException(d.key("partitions"), "must be >= 1, got " + partitions);
    }
    int draws = d.integer("baseline-draws", 5);
    if (draws < 1) {
      throw new JobConfigException(d.key("baseline-draws"), "must be >= 1, got " + draws);
    }
    StrictConfig in = d.has("inner") ? d.object("inner")
        : new StrictConfig(ConfigFactory.empty(), d.key("inner"));
    in.allowOnly("solver", "max-iterations", "tolerance", "estimator");
    String solver = CatalogNames.read(in, "solver", "nesterov", Solvers.CATALOG::canonical);
    int iters = in.integer("max-iterations", 2000);
    if (iters < 1) {
      throw new JobConfigException(in.key("max-iterations"), "must be >= 1, got " + iters);
    }
    double tol = in.number("tolerance", 1e-6);
    String estimator = in.string("estimator", "implicit");
    if (!ESTIMATORS.contains(estimator)) {
      throw new JobConfigException(in.key("estimator"), "unknown '" + estimator
          + "' (valid: " + String.join(", ", ESTIMATORS) + ")");
    }
    StrictConfig o = d.has("outer") ? d.object("outer")
        : new StrictConfig(ConfigFactory.empty(), d.key("outer"));
    o.allowOnly("learning-rate", "max-iterations", "beta1", "beta2");
    OuterOptions outer;
    try {
      outer = new OuterOptions("adam", "fixed", o.number("learning-rate", 0.02),
          o.integer("max-iterations", 50), 0.0, 0.0, tol, 1.0, tol, 0.0, "box", 0.0, 1.0,
          o.number("beta1", 0.9), o.number("beta2", 0.999));
    } catch (JobConfigException e) {
      throw e;
    } catch (IllegalArgumentException e) {
      throw new JobConfigException(e.getMessage().startsWith("inner-tolerance")
          ? in.key("tolerance") : o.path(), e.getMessage());
    }
    Config body = config.getConfig("distill").withoutPath("output");
    return new DistillSettings(d.string("train"), d.string("test"), k, lambda, init,
        d.longInteger("seed", 1L), partitions, solver, iters, estimator, draws, outer,
        d.string("output", "target/distill"), HyperoptConfig.fingerprint(body.root()));
  }
}
