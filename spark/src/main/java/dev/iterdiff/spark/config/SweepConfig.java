package dev.iterdiff.spark.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigValueFactory;
import dev.iterdiff.bilevel.OuterObjectives;
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
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A sweep job, as read from a HOCON file under {@code conf/} (see
 * {@code conf/sweep-example.conf}) with command-line overrides. Reading is strict: an
 * unknown key, a value of the wrong type, an empty grid or an unknown problem/solver/estimator
 * name throws {@link JobConfigException} naming the key — before any Spark work.
 *
 * @param name       job name (the Spark application name).
 * @param data       the data sets, each swept over the whole θ set.
 * @param problem    the inner problem ({@code alpha}: the fixed ℓ₂ weight of weighted-ridge /
 *                   -logistic).
 * @param solver     the solver: exactly {@code iterations} when {@code tolerance} is NaN, else
 *                   until the residual ≤ tolerance or {@code iterations} (the largest of
 *                   {@code iterationGrid}); step as the jacobian
 *                   command spells it, or null for the solver's default (1/L; Newton: line
 *                   search).
 * @param theta      where the θ come from.
 * @param estimators the estimators to run on every instance, in output order.
 * @param estimatorOptions options shared by the estimators.
 * @param reference  the reference Jacobian for errors, or null.
 * @param outer      the outer objective whose hypergradient is reported, or null.
 * @param output     where and what to write.
 * @param partitions number of partitions; 0 = Spark's default parallelism (one per core).
 * @param resolved   the config as read, overrides applied, as one line of JSON (written into
 *                   summary.json); null when not built from a config text.
 * @param summary    how the summary computes its quantiles ({@code sweep.summary}).
 * @param iterationGrid the iteration budgets k ({@code solver.iterations}: one, or a list or
 *                   grid, in the order given, distinct): with more than one the iteration
 *                   count is a sweep axis, every θ instance running once per budget. The
 *                   solver spec's {@code iterations} is their largest.
 */
public record SweepConfig(String name, List<DataSource> data, ProblemSpec problem,
    SolverSpec solver, ThetaSpec theta, List<String> estimators,
    EstimatorSettings estimatorOptions, ReferenceSpec reference, OuterSpec outer,
    OutputSpec output, int partitions, String resolved, SummarySpec summary,
    List<Integer> iterationGrid) implements Serializable {

  /**
   * @throws IllegalArgumentException if the grid is empty, holds a budget below 0 or a
   *         repeat, or its largest is not the solver's budget.
   */
  public SweepConfig {
    summary = summary == null ? SummarySpec.DEFAULT : summary;
    iterationGrid = iterationGrid == null ? List.of(solver.iterations())
        : List.copyOf(iterationGrid);
    if (iterationGrid.isEmpty() || iterationGrid.stream().anyMatch(k -> k < 0)
        || iterationGrid.stream().distinct().count() != iterationGrid.size()
        || iterationGrid.stream().mapToInt(Integer::intValue).max().getAsInt()
        != solver.iterations()) {
      throw new IllegalArgumentException("sweep.solver.iterations: budgets " + iterationGrid
          + " must be distinct, >= 0, the largest the solver's " + solver.iterations());
    }
  }

  /** A config with one iteration budget, the solver's. */
  public SweepConfig(String name, List<DataSource> data, ProblemSpec problem,
      SolverSpec solver, ThetaSpec theta, List<String> estimators,
      EstimatorSettings estimatorOptions, ReferenceSpec reference, OuterSpec outer,
      OutputSpec output, int partitions, String resolved, SummarySpec summary) {
    this(name, data, problem, solver, theta, estimators, estimatorOptions, reference, outer,
        output, partitions, resolved, summary, null);
  }

  /** A config with the default summary settings and one iteration budget. */
  public SweepConfig(String name, List<DataSource> data, ProblemSpec problem,
      SolverSpec solver, ThetaSpec theta, List<String> estimators,
      EstimatorSettings estimatorOptions, ReferenceSpec reference, OuterSpec outer,
      OutputSpec output, int partitions, String resolved) {
    this(name, data, problem, solver, theta, estimators, estimatorOptions, reference, outer,
        output, partitions, resolved, SummarySpec.DEFAULT, null);
  }

  /** A config without its source text. */
  public SweepConfig(String name, List<DataSource> data, ProblemSpec problem,
      SolverSpec solver, ThetaSpec theta, List<String> estimators,
      EstimatorSettings estimatorOptions, ReferenceSpec reference, OuterSpec outer,
      OutputSpec output, int partitions) {
    this(name, data, problem, solver, theta, estimators, estimatorOptions, reference, outer,
        output, partitions, null);
  }

  /** Whether the iteration count is a sweep axis (more than one budget). */
  public boolean sweepsIterations() {
    return iterationGrid.size() > 1;
  }

  /** The smallest budget. */
  public int minIterations() {
    return iterationGrid.stream().mapToInt(Integer::intValue).min().getAsInt();
  }

  /** The same sweep with other iteration budgets (the solver's budget their largest). */
  public SweepConfig withIterations(List<Integer> budgets) {
    int max = budgets.stream().mapToInt(Integer::intValue).max().orElse(0);
    return new SweepConfig(name, data, problem, solver.withBudget(max, solver.tolerance()),
        theta, estimators, estimatorOptions, reference, outer, output, partitions, resolved,
        summary, budgets);
  }

  /** The problems the sweep knows: {@link Problems#CATALOG}'s names. */
  public static final List<String> PROBLEMS = Problems.NAMES;

  /** The solvers the sweep knows: {@link Solvers#CATALOG}'s names. */
  public static final List<String> SOLVERS = Solvers.NAMES;

  /** K of truncated when {@code estimator-options.truncated-k} is not given. */
  public static final int DEFAULT_TRUNCATED_K = 10;

  /** The estimators (the default list, in output order): {@link Estimators#CATALOG}'s names. */
  public static final List<String> ESTIMATORS = Estimators.NAMES;

  /**
   * A named LIBSVM data set at a Hadoop path (file://, hdfs://, s3a://, or a local path);
   * {@code features} = p, or −1 to infer it from the largest index in the file; with a
   * {@code format} ({@link DataFormat}, null without) any Spark data source at that path (or a
   * table of that name).
   */
  public record DataSource(String name, String path, int features, DataFormat format)
      implements Serializable {

    /** A LIBSVM file read on the driver (no {@code format} key). */
    public DataSource(String name, String path, int features) {
      this(name, path, features, null);
    }
  }

  /**
   * Options of the estimators: truncated K, the implicit linear solver, its tolerance and
   * iteration cap (0: automatic), the implicit optimality condition (stationarity or
   * fixed-point), checkpointed unrolled-reverse, and whether to compute the contraction
   * diagnostics (ρ, ‖J_θF‖, one-step bound; about 60 extra map products per estimate).
   */
  public record EstimatorSettings(int truncatedK, String linearSolver, double linearTolerance,
      int linearMaxIterations, String condition, boolean checkpointing, boolean diagnostics)
      implements Serializable {

    /** The core's estimator options from these settings. */
    public EstimatorOptions toOptions() {
      return new EstimatorOptions(truncatedK, linearSolver, linearTolerance,
          linearMaxIterations, condition, checkpointing,
          diagnostics ? DiagnosticsOptions.full() : DiagnosticsOptions.none());
    }
  }

  /** The estimators of every instance, with their options: the kernel builder's spec. */
  public EstimatorSpec estimatorSpec() {
    return new EstimatorSpec(estimators, estimatorOptions.toOptions());
  }

  /**
   * The reference Jacobian: {@code estimator} on the instance's own solve, or — when a
   * {@code solver} or {@code iterations} is given — on a separate solve of the same instance
   * with that solver (its default step), {@code iterations} (default: the instance's) and
   * {@code tolerance} (NaN: none). E.g. implicit on a Newton solve to 1e-12 gives J* to near
   * machine precision.
   */
  public record ReferenceSpec(String estimator, String solver, int iterations,
      double tolerance) implements Serializable {

    /** Whether the reference has its own solve. */
    public boolean ownSolve() {
      return solver != null || iterations > 0;
    }
  }

  /**
   * The outer objective: validation loss ({@code squared}: 1/(2V)·Σ(aᵢᵀx − bᵢ)²;
   * {@code logistic}: 1/V·Σ log(1 + exp(−yᵢaᵢᵀx))) on a held-out fraction of each data set,
   * drawn with {@code seed}; the inner problem sees the other rows.
   */
  public record OuterSpec(String loss, double validationFraction, long seed)
      implements Serializable {}

  /**
   * How the summary computes its medians and percentiles: Spark SQL's exact {@code percentile}
   * up to {@code exactQuantilesMaxRows} result rows (instances × estimators), above that
   * {@code percentile_approx} with {@code quantileAccuracy} A (relative rank error 1/A), whose
   * memory does not grow with the rows ({@code dev.iterdiff.spark.sweep.SummaryQuantiles}).
   */
  public record SummarySpec(long exactQuantilesMaxRows, int quantileAccuracy)
      implements Serializable {

    /** Exact quantiles up to 10⁶ rows, approximate with A = 10 000 (Spark's default) above. */
    public static final SummarySpec DEFAULT = new SummarySpec(1_000_000L, 10_000);
  }

  /**
   * Output directory, the optional large columns, and whether {@code report.html} (the HTML
   * report of the run, {@link dev.iterdiff.report.SweepReport}) is written beside the rows.
   */
  public record OutputSpec(String path, boolean overwrite, boolean x, boolean jacobian,
      boolean report) implements Serializable {

    /** Without a report choice: the report is written. */
    public OutputSpec(String path, boolean overwrite, boolean x, boolean jacobian) {
      this(path, overwrite, x, jacobian, true);
    }
  }

  /**
   * Reads a config file with overrides applied on top.
   *
   * @param file      the HOCON file.
   * @param overrides key = value pairs; keys may omit the leading {@code sweep.}.
   * @throws JobConfigException on any problem, naming the key (or the file).
   */
  public static SweepConfig load(File file, Map<String, String> overrides) {
    if (!file.isFile()) {
      throw new JobConfigException("--config", "no such file: " + file);
    }
    Config c;
    try {
      c = ConfigFactory.parseFile(file,
          FileIncludesOnly.options(ConfigParseOptions.defaults().setAllowMissing(false)));
    } catch (ConfigException e) {
      throw new JobConfigException("--config", "cannot parse " + file + ": " + e.getMessage());
    }
    return parse(c, overrides);
  }

  /** Reads a config from HOCON text (tests, or a config built in code). */
  public static SweepConfig parse(String hocon, Map<String, String> overrides) {
    Config c;
    try {
      c = ConfigFactory.parseString(hocon, FileIncludesOnly.options(ConfigParseOptions.defaults()));
    } catch (ConfigException e) {
      throw new JobConfigException("config", "cannot parse: " + e.getMessage());
    }
    return parse(c, overrides);
  }

  private static SweepConfig parse(Config base, Map<String, String> overrides) {
    Config c = base;
    for (Map.Entry<String, String> o : overrides.entrySet()) {
      String key = o.getKey().trim().startsWith("sweep.") ? o.getKey().trim()
          : "sweep." + o.getKey().trim();
      c = c.withValue(key, overrideValue(key, o.getValue()));
    }
    try {
      c = c.resolve();
    } catch (ConfigException e) {
      throw new JobConfigException("config", e.getMessage());
    }
    StrictConfig root = new StrictConfig(c, "");
    root.allowOnly("sweep");
    SweepConfig r = read(root.object("sweep"));
    return new SweepConfig(r.name, r.data, r.problem, r.solver, r.theta, r.estimators,
        r.estimatorOptions, r.reference, r.outer, r.output, r.partitions,
        c.getConfig("sweep").root().render(com.typesafe.config.ConfigRenderOptions.concise()),
        r.summary, r.iterationGrid);
  }

  /**
   * A --set value: HOCON when it starts with [ or {, null (removes an optional section) for
   * {@code null}, otherwise the plain string.
   */
  private static com.typesafe.config.ConfigValue overrideValue(String key, String value) {
    String v = value.trim();
    if (v.equals("null")) {
      return ConfigValueFactory.fromAnyRef(null, "--set " + key);
    }
    if (v.startsWith("[") || v.startsWith("{")) {
      try {
        return ConfigFactory.parseString("v = " + v,
            FileIncludesOnly.options(ConfigParseOptions.defaults())).getValue("v")
            .withOrigin(com.typesafe.config.ConfigOriginFactory.newSimple("--set " + key));
      } catch (ConfigException e) {
        throw new JobConfigException(key, "cannot parse --set value '" + v + "': "
            + e.getMessage());
      }
    }
    return ConfigValueFactory.fromAnyRef(v, "--set " + key);
  }

  private static SweepConfig read(StrictConfig s) {
    s.allowOnly("name", "data", "problem", "solver", "theta", "estimators", "estimator-options",
        "reference", "outer", "output", "partitions", "summary");
    StrictConfig p = s.object("problem");
    p.allowOnly("name", "alpha");
    ProblemSpec problem = new ProblemSpec(
        CatalogNames.read(p, "name", null, Problems.CATALOG::canonical),
        positive(p, "alpha", p.number("alpha", 1.0)));
    boolean ownData = problem.entry().source() != null;
    String name = s.string("name", "iterdiff-sweep");
    List<DataSource> data = new ArrayList<>();
    List<StrictConfig> ds = ownData && !s.has("data") ? List.of() : s.objects("data");
    if (ownData && !ds.isEmpty()) {
      throw new JobConfigException(s.key("data"), "problem " + problem.name() + " reads its "
          + "own data from theta (mode = file: one problem per line; mode = generate), not "
          + "data sets: remove sweep.data");
    }
    if (ds.isEmpty() && !ownData) {
      throw new JobConfigException(s.key("data"), "empty list: name at least one data set");
    }
    for (StrictConfig d : ds) {
      d.allowOnly("name", "path", "features", "format", "label-col", "features-col",
          "feature-cols");
      String path = d.string("path");
      String dn = d.string("name", new File(path).getName().replaceFirst("\\.[^.]*$", ""));
      for (DataSource prev : data) {
        if (prev.name().equals(dn)) {
          throw new JobConfigException(d.key("name"), "duplicate data set name '" + dn + "'");
        }
      }
      int features = d.integer("features", -1);
      if (d.has("features") && features < 1) {
        throw new JobConfigException(d.key("features"), "must be >= 1, got " + features);
      }
      data.add(new DataSource(dn, path, features, DataFormat.read(d, features, d.key("path"))));
    }


    StrictConfig so = s.object("solver");
    so.allowOnly("name", "iterations", "tol", "step");
    List<Integer> budgets = IterationGrid.read(so, "iterations", 100);
    int iterations = budgets.stream().mapToInt(Integer::intValue).max().getAsInt();
    int fewest = budgets.stream().mapToInt(Integer::intValue).min().getAsInt();
    double tol = so.has("tol") ? positive(so, "tol", so.number("tol")) : Double.NaN;
    SolverSpec solver = solverSpec(
        CatalogNames.read(so, "name", null, Solvers.CATALOG::canonical), iterations, tol, so);

    ThetaSpec theta = ThetaSpec.read(s.object("theta"));
    if (ownData && theta.mode() != ThetaSpec.Mode.FILE
        && theta.mode() != ThetaSpec.Mode.GENERATE) {
      throw new JobConfigException(s.key("theta.mode"), "problem " + problem.name()
          + " takes mode = file (one problem per line) or generate, got "
          + theta.mode().name().toLowerCase(java.util.Locale.ROOT));
    }
    if (!ownData && theta.mode() == ThetaSpec.Mode.GENERATE) {
      throw new JobConfigException(s.key("theta.mode"), "mode = generate makes problems that "
          + "read their own data (qp), not θ for problem " + problem.name());
    }

    List<String> estimators = s.has("estimators")
        ? CatalogNames.readAll(s, "estimators", Estimators.CATALOG::canonical) : ESTIMATORS;
    if (estimators.isEmpty()) {
      throw new JobConfigException(s.key("estimators"), "empty list: name at least one of "
          + ESTIMATORS);
    }
    if (estimators.stream().distinct().count() != estimators.size()) {
      throw new JobConfigException(s.key("estimators"), "duplicate estimator in " + estimators);
    }
    EstimatorSettings eo = readEstimatorOptions(s);
    if (estimators.contains("truncated") && eo.truncatedK() > fewest) {
      throw new JobConfigException(s.key("estimator-options.truncated-k"), "truncated-k = "
          + eo.truncatedK() + " exceeds sweep.solver.iterations = " + fewest
          + (budgets.size() > 1 ? " (the smallest of " + budgets + ")" : ""));
    }
    ReferenceSpec reference = null;
    if (s.has("reference")) {
      StrictConfig r = s.object("reference");
      r.allowOnly("estimator", "solver", "iterations", "tol");
      int ri = r.integer("iterations", 0);
      if (r.has("iterations") && ri < 1) {
        throw new JobConfigException(r.key("iterations"), "must be >= 1, got " + ri);
      }
      String rs = r.has("solver")
          ? CatalogNames.read(r, "solver", null, Solvers.CATALOG::canonical) : null;
      reference = new ReferenceSpec(
          CatalogNames.read(r, "estimator", Implicit.NAME, Estimators.CATALOG::canonical), rs, ri,
          r.has("tol") ? positive(r, "tol", r.number("tol")) : Double.NaN);
    }
    OuterSpec outer = null;
    if (s.has("outer") && ownData) {
      throw new JobConfigException(s.key("outer"), "problem " + problem.name() + " has no "
          + "data set to hold validation rows out of: remove sweep.outer");
    }
    if (s.has("outer")) {
      StrictConfig o = s.object("outer");
      o.allowOnly("loss", "validation-fraction", "seed");
      double f = o.number("validation-fraction", 0.25);
      if (!(f > 0 && f < 1)) {
        throw new JobConfigException(o.key("validation-fraction"), "must be in (0, 1), got " + f);
      }
      String loss = CatalogNames.read(o, "loss", CatalogNames.AUTO,
          CatalogNames.orAuto(OuterObjectives.CATALOG));
      if (loss.equals(CatalogNames.AUTO)) {
        loss = Problems.CATALOG.get(problem.name()).outerLoss();
      }
      outer = new OuterSpec(loss, f, o.longInteger("seed", 0L));
    }
    StrictConfig out = s.object("output");
    out.allowOnly("path", "overwrite", "x", "jacobian", "report");
    OutputSpec output = new OutputSpec(out.string("path"), out.bool("overwrite", false),
        out.bool("x", false), out.bool("jacobian", false), out.bool("report", true));
    int partitions = s.integer("partitions", 0);
    if (partitions < 0) {
      throw new JobConfigException(s.key("partitions"), "must be >= 0, got " + partitions);
    }
    return new SweepConfig(name, List.copyOf(data), problem, solver, theta,
        List.copyOf(estimators), eo, reference, outer, output, partitions, null,
        readSummary(s), budgets);
  }

  private static SummarySpec readSummary(StrictConfig s) {
    if (!s.has("summary")) {
      return SummarySpec.DEFAULT;
    }
    StrictConfig m = s.object("summary");
    m.allowOnly("exact-quantiles-max-rows", "quantile-accuracy");
    long max = m.longInteger("exact-quantiles-max-rows",
        SummarySpec.DEFAULT.exactQuantilesMaxRows());
    if (max < 0) {
      throw new JobConfigException(m.key("exact-quantiles-max-rows"), "must be >= 0, got "
          + max + m.origin("exact-quantiles-max-rows"));
    }
    int accuracy = m.integer("quantile-accuracy", SummarySpec.DEFAULT.quantileAccuracy());
    if (accuracy < 1) {
      throw new JobConfigException(m.key("quantile-accuracy"), "must be >= 1, got " + accuracy
          + m.origin("quantile-accuracy"));
    }
    return new SummarySpec(max, accuracy);
  }

  private static EstimatorSettings readEstimatorOptions(StrictConfig s) {
    EstimatorOptions defaults = EstimatorOptions.defaults();
    if (!s.has("estimator-options")) {
      return new EstimatorSettings(DEFAULT_TRUNCATED_K, defaults.linearSolver(),
          defaults.linearTolerance(), defaults.linearMaxIterations(), Conditions.AUTO,
          defaults.checkpointing(), true);
    }
    StrictConfig e = s.object("estimator-options");
    e.allowOnly("truncated-k", "linear-solver", "linear-tol", "linear-max-iterations",
        "condition", "checkpointing", "diagnostics");
    int k = e.integer("truncated-k", DEFAULT_TRUNCATED_K);
    if (k < 1) {
      throw new JobConfigException(e.key("truncated-k"), "must be >= 1, got " + k);
    }
    int maxIt = e.integer("linear-max-iterations", 0);
    if (maxIt < 0) {
      throw new JobConfigException(e.key("linear-max-iterations"),
          "must be >= 0 (0: automatic), got " + maxIt);
    }
    return new EstimatorSettings(k,
        CatalogNames.read(e, "linear-solver", defaults.linearSolver(), LinearSolvers::choice),
        positive(e, "linear-tol", e.number("linear-tol", defaults.linearTolerance())), maxIt,
        CatalogNames.read(e, "condition", Conditions.AUTO, Conditions::choice),
        e.bool("checkpointing", defaults.checkpointing()), e.bool("diagnostics", true));
  }

  /**
   * The solver spec, which asks the solver's catalog entry whether it takes the step spec
   * ({@code SolverEntry.checkStep}), so a spec it does not take (e.g. 1/L for newton) fails
   * here, naming the key, and not in every instance.
   */
  private static SolverSpec solverSpec(String name, int iterations, double tol,
      StrictConfig so) {
    try {
      return new SolverSpec(name, so.string("step", null), iterations, tol);
    } catch (IllegalArgumentException e) {
      throw new JobConfigException(so.key("step"), e.getMessage() + so.origin("step"));
    }
  }

  private static double positive(StrictConfig c, String key, double v) {
    if (!(v > 0) || !Double.isFinite(v)) {
      throw new JobConfigException(c.key(key), "must be finite and > 0, got " + v
          + c.origin(key));
    }
    return v;
  }
}
