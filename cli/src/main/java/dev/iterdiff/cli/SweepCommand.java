package dev.iterdiff.cli;

import dev.iterdiff.spark.OutputBusyException;
import dev.iterdiff.spark.SparkSessions;
import dev.iterdiff.spark.config.SweepConfig;
import dev.iterdiff.spark.sweep.SweepJob;
import java.io.File;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code iterdiff sweep --config conf/sweep-example.conf [--set key=value ...]}: the sweep job
 * ({@link SweepJob}) — many problem instances on Spark, one Parquet row per (instance,
 * estimator), a summary per estimator. The config is read and checked completely (unknown
 * keys, types, empty grids: exit 2 naming the key) before a SparkSession exists. Every config
 * key can be overridden with {@code --set}; the common ones also have flags. Local mode
 * ({@code local[*]}) unless spark-submit or {@code spark.master} says otherwise. An output
 * that cannot be written is found before any instance runs (exit 2); an output another sweep
 * is writing stops the command at once (exit 1, naming that run).
 */
@Command(name = "sweep", mixinStandardHelpOptions = true,
    description = "Run a sweep of problem instances on Spark; write Parquet rows and "
        + "summary.json under the output path.")
public final class SweepCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Option(names = "--config", required = true, paramLabel = "FILE",
      description = "The sweep config (HOCON), e.g. conf/sweep-example.conf.")
  File config;

  @Option(names = "--set", paramLabel = "KEY=VALUE", mapFallbackValue = "",
      description = "Override a config key (the leading 'sweep.' may be omitted), e.g. "
          + "--set solver.iterations=200 --set estimators=implicit,one-step. Repeatable.")
  Map<String, String> overrides = new LinkedHashMap<>();

  @Option(names = "--output", paramLabel = "PATH", description = "Where the rows, "
      + "summary.json and report.html go (any Hadoop path; key output.path).")
  String output;

  @Option(names = "--overwrite", description = "Replace an existing result at the output, "
      + "once this run is complete (key output.overwrite).")
  boolean overwrite;

  @Option(names = "--problem", completionCandidates = CatalogCandidates.ProblemNames.class,
      paramLabel = "NAME", description = "The problem every instance solves (key "
          + "problem.name); one of: ${COMPLETION-CANDIDATES}.")
  String problem;

  @Option(names = "--solver", completionCandidates = CatalogCandidates.SolverNames.class,
      paramLabel = "NAME", description = "The iterative solver (key solver.name); one of: "
          + "${COMPLETION-CANDIDATES}.")
  String solver;

  @Option(names = "--iterations", paramLabel = "K[,K...]", description = "Solver iterations: "
      + "exactly K, or at most K with --tol (key solver.iterations). Several, e.g. "
      + "10,100,1000, make the iteration count a sweep axis: every theta runs once per K "
      + "(the budgets of one theta share one solve; rows carry max_iterations).")
  String iterations;

  @Option(names = "--tol", paramLabel = "T", description = "Stop each solve once its "
      + "optimality residual is <= T (key solver.tol); rows then say whether it converged.")
  String tol;

  @Option(names = "--step", paramLabel = "SPEC", description = "The solver's step (key "
      + "solver.step); each solver takes: ${sys:" + CatalogCandidates.SOLVER_STEPS_PROPERTY
      + "}.")
  String step;

  @Option(names = "--estimators", paramLabel = "NAME[,NAME...]",
      completionCandidates = CatalogCandidates.EstimatorNames.class,
      description = "The estimators run on every instance (key estimators); any of: "
          + "${COMPLETION-CANDIDATES}.")
  String estimators;

  @Option(names = "--partitions", paramLabel = "P", description = "Spark partitions (tasks) "
      + "of the instances, cost-balanced; 0: one per core (key partitions).")
  Integer partitions;

  @Option(names = "--with-x", description = "Write the solution x in every row (key "
      + "output.x).")
  boolean withX;

  @Option(names = "--with-jacobian", description = "Write the Jacobian (n x m) in every row "
      + "(key output.jacobian).")
  boolean withJacobian;

  @Option(names = "--no-report", description = "Do not write report.html (the HTML page of "
      + "tables and plots) beside the rows (key output.report).")
  boolean noReport;

  /** The flags as overrides, then --set on top (so --set wins). */
  Map<String, String> allOverrides() {
    Map<String, String> o = new LinkedHashMap<>();
    put(o, "output.path", output);
    put(o, "output.overwrite", overwrite ? "true" : null);
    put(o, "problem.name", problem);
    put(o, "solver.name", solver);
    put(o, "solver.iterations", iterations);
    put(o, "solver.tol", tol);
    put(o, "solver.step", step);
    put(o, "estimators", estimators);
    put(o, "partitions", partitions == null ? null : partitions.toString());
    put(o, "output.x", withX ? "true" : null);
    put(o, "output.jacobian", withJacobian ? "true" : null);
    put(o, "output.report", noReport ? "false" : null);
    o.putAll(overrides);
    return o;
  }

  private static void put(Map<String, String> o, String key, String value) {
    if (value != null) {
      o.put(key, value);
    }
  }

  @Override
  public Integer call() {
    SweepConfig c = SweepConfig.load(config, allOverrides());
    PrintWriter out = spec.commandLine().getOut();
    boolean existing = SparkSession.getDefaultSession().isDefined();
    SparkSession spark = SparkSessions.getOrCreate(c.name());
    try {
      SweepJob.run(spark, c, out);
    } catch (OutputBusyException e) {
      throw new CommandFailedException(e.getMessage(), e);
    } finally {
      if (!existing) {
        spark.stop();
      }
    }
    return 0;
  }
}
