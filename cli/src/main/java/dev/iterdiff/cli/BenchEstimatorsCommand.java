package dev.iterdiff.cli;

import dev.iterdiff.bench.BenchClock;
import dev.iterdiff.bench.BenchOptions;
import dev.iterdiff.bench.BenchRow;
import dev.iterdiff.bench.BenchTable;
import dev.iterdiff.bench.EstimatorSuite;
import dev.iterdiff.bench.MachineInfo;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code iterdiff bench estimators}: the cost of each estimator as a ratio to the solve alone
 * (median of repeated runs in one JVM after warm-up) for Newton on logistic regression at the
 * one-step paper's sizes (per-feature λ and per-sample weights), gradient descent on ridge,
 * the interior-point method on the paper's QPs and FISTA on the lasso.
 * Prints the machine (BLAS, LAPACK, JVM, cores), the options and a fixed-width table; writes
 * CSV with {@code --csv}. A benchmark, not a test: it asserts nothing.
 */
@Command(name = "estimators", mixinStandardHelpOptions = true,
    description = "Time each estimator against the solve (ratio = (solve + estimator) / "
        + "solve with LAST(1) storage, median after warm-up).")
public final class BenchEstimatorsCommand implements Callable<Integer> {

  @Option(names = "--settings", split = ",", paramLabel = "NAME",
      description = "newton-logistic, newton-weighted-logistic, gd-ridge, ipm-qp, prox-lasso "
          + "(default: all).")
  List<String> settings = BenchOptions.ALL_SETTINGS;

  @Option(names = "--newton-sizes", split = ",", paramLabel = "P",
      description = "n1 = p of the two-Gaussian data (default: ${DEFAULT-VALUE}).")
  List<Integer> newtonSizes = List.of(50, 106, 224, 473, 1000);

  @Option(names = "--ridge-sizes", split = ",", paramLabel = "P",
      description = "p of the ridge data, N = 2p (default: ${DEFAULT-VALUE}).")
  List<Integer> ridgeSizes = List.of(100, 300, 1000);

  @Option(names = "--repetitions", paramLabel = "N",
      description = "Minimum measured rounds (default: ${DEFAULT-VALUE}).")
  int repetitions = 5;

  @Option(names = "--min-seconds", paramLabel = "SECONDS",
      description = "Minimum measured seconds per case; fast cases run more rounds "
          + "(default: ${DEFAULT-VALUE}).")
  double minSeconds = 3.0;

  @Option(names = "--warmup", paramLabel = "N",
      description = "Minimum discarded rounds (default: ${DEFAULT-VALUE}).")
  int warmup = 2;

  @Option(names = "--forward-max-m", paramLabel = "M",
      description = "Time unrolled-forward only when dim theta <= this (default: ${DEFAULT-VALUE}).")
  int forwardMaxTheta = 224;

  @Option(names = "--newton-tol", paramLabel = "T",
      description = "Newton gradient tolerance (default: ${DEFAULT-VALUE}).")
  double newtonTolerance = 1e-10;

  @Option(names = "--newton-max-iterations", paramLabel = "K",
      description = "Newton iterations at most "
      + "(default: ${DEFAULT-VALUE}).")
  int newtonMaxIterations = 50;

  @Option(names = "--ridge-iterations", paramLabel = "K",
      description = "GD iterations k (default: ${DEFAULT-VALUE}).")
  int ridgeIterations = 500;

  @Option(names = "--ridge-kappa", paramLabel = "KAPPA",
      description = "Condition of A'A/N (default: ${DEFAULT-VALUE}).")
  double ridgeKappa = 30;

  @Option(names = "--ridge-lambda", paramLabel = "LAMBDA",
      description = "Per-feature lambda (default: ${DEFAULT-VALUE}).")
  double ridgeLambda = 1e-3;

  @Option(names = "--truncation", paramLabel = "K",
      description = "K of truncated(K) (default: ${DEFAULT-VALUE}).")
  int truncation = 10;

  @Option(names = "--seed", paramLabel = "SEED",
      description = "Data seed (default: ${DEFAULT-VALUE}).")
  long seed = 20231;

  @Option(names = "--clock", paramLabel = "wall|cpu",
      description = "wall: elapsed time (default); cpu: this thread's CPU time, robust when "
          + "other processes load the machine.")
  String clock = "wall";

  @Option(names = "--qp-sizes", split = ",", paramLabel = "N",
      description = "n of the paper's QPs, ipm-qp (default: ${DEFAULT-VALUE}; 600,800,1000 "
          + "where minutes allow).")
  List<Integer> qpSizes = BenchOptions.QP_SIZES;

  @Option(names = "--qp-tol", paramLabel = "T",
      description = "Interior-point KKT residual and gap tolerance "
      + "(default: ${DEFAULT-VALUE}).")
  double qpTolerance = 1e-8;

  @Option(names = "--lasso-sizes", split = ",", paramLabel = "P",
      description = "p of the lasso data, prox-lasso, N = 2p (default: ${DEFAULT-VALUE}).")
  List<Integer> lassoSizes = BenchOptions.LASSO_SIZES;

  @Option(names = "--lasso-tol", paramLabel = "T",
      description = "FISTA prox-gradient mapping tolerance "
      + "(default: ${DEFAULT-VALUE}).")
  double lassoTolerance = 1e-8;

  @Option(names = "--lasso-max-iterations", paramLabel = "K",
      description = "FISTA iterations at most "
      + "(default: ${DEFAULT-VALUE}).")
  int lassoMaxIterations = 20_000;

  @Option(names = "--csv", paramLabel = "FILE", description = "Also write the rows as CSV.")
  Path csv;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    BenchOptions options = new BenchOptions(new LinkedHashSet<>(settings), newtonSizes,
        ridgeSizes, warmup, repetitions, minSeconds, forwardMaxTheta, newtonTolerance,
        newtonMaxIterations, ridgeIterations, ridgeKappa, ridgeLambda, truncation, seed,
        BenchClock.parse(clock), qpSizes, qpTolerance, lassoSizes, lassoTolerance,
        lassoMaxIterations);
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    out.println("# iterdiff bench estimators");
    out.println("# " + MachineInfo.current().describe());
    out.println("# " + options);
    out.flush();
    List<BenchRow> rows = EstimatorSuite.run(options, row -> {
      err.println(BenchTable.fixedWidth(List.of(row)).lines().skip(2).findFirst().orElse(""));
      err.flush();
    });
    out.print(BenchTable.fixedWidth(rows));
    if (csv != null) {
      Files.writeString(csv, BenchTable.csv(rows), StandardCharsets.UTF_8);
      out.println("# CSV written to " + csv);
    }
    out.flush();
    return 0;
  }
}
