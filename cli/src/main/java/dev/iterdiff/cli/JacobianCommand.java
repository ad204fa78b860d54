package dev.iterdiff.cli;

import dev.iterdiff.catalog.UnknownNameException;
import dev.iterdiff.data.IdxReader;
import dev.iterdiff.data.LibsvmReader;
import dev.iterdiff.diff.EstimatorOptions;
import dev.iterdiff.diff.Estimators;
import dev.iterdiff.linalg.LinearSolvers;
import dev.iterdiff.optimality.Conditions;
import dev.iterdiff.problem.LabeledData;
import dev.iterdiff.problem.Problems;
import dev.iterdiff.solver.Solvers;
import dev.iterdiff.spec.ProblemSpec;
import dev.iterdiff.spec.SolverSpec;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code iterdiff jacobian}: solves one problem instance and prints J = ∂x/∂θ by each
 * requested estimator, all sharing the one solve (the contract of issue 2):
 *
 * <pre>
 * iterdiff jacobian --problem NAME --data FILE.libsvm|IMAGES-idx3.gz --theta V1[,V2,...] [--alpha A]
 *     --solver NAME [--iterations K] [--tol T] [--step SPEC] --estimator NAME[,NAME...]
 *     [--linear-solver NAME] [--condition NAME] --format json|table
 * </pre>
 *
 * Options are checked before the data are read; every bad value ends with exit status 2 and
 * one line naming the option and the value ({@link BadInputException}) — for a name, the valid
 * names of its catalog: {@code --solver: unknown solver 'sgd' (valid: gd, heavy-ball, newton)};
 * a diverging solver or a failed linear solve ends with status 1. The help texts list the
 * catalogs' names ({@link CatalogCandidates}). The run itself is {@link JacobianRun}.
 */
@Command(name = "jacobian", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Solve one problem instance and print the Jacobian dx/dtheta by each estimator.")
public final class JacobianCommand implements Callable<Integer> {

  private static final Pattern TRUNCATED = Pattern.compile("truncated\\((\\d{1,9})\\)");

  @Spec
  CommandSpec spec;

  @Option(names = "--problem", required = true, paramLabel = "NAME",
      completionCandidates = CatalogCandidates.ProblemNames.class,
      description = "One of: ${COMPLETION-CANDIDATES}.")
  String problem;

  @Option(names = "--data", required = true, paramLabel = "FILE",
      description = "LIBSVM file (label idx:val ..., 1-based indices), or IDX images (*.gz, "
          + "*-idx3-*: pixels/255, labels from the *-labels-idx1-* file beside it); for qp a "
          + "JSON file {Q, q, A, b, G, h, theta} or generate:n=N,seed=S[,theta=q|b|h].")
  Path data;

  @Option(names = "--theta", paramLabel = "V1[,V2,...]",
      description = "theta: one value, or one per feature (ridge, logistic) / per sample "
          + "(weighted-ridge; weighted-logistic: one per sample); for qp the values of the "
          + "part the data's theta field names (default: the data's own).")
  String theta;

  @Option(names = "--alpha", paramLabel = "A", defaultValue = "1",
      description = "The fixed l2 weight of weighted-ridge and weighted-logistic "
          + "(default: ${DEFAULT-VALUE}).")
  double alpha;

  @Option(names = "--solver", required = true, paramLabel = "NAME",
      completionCandidates = CatalogCandidates.SolverNames.class,
      description = "One of: ${COMPLETION-CANDIDATES}.")
  String solver;

  @Option(names = "--iterations", paramLabel = "K", defaultValue = "1000",
      description = "Solver iterations, exactly K without --tol (default: ${DEFAULT-VALUE}).")
  int iterations;

  @Option(names = "--tol", paramLabel = "T",
      description = "Stop once |grad f| <= T (at most --iterations).")
  Double tol;

  @Option(names = "--step", paramLabel = "SPEC",
      description = "The solver's step (default: the solver's own); each solver takes: "
          + "${sys:" + CatalogCandidates.SOLVER_STEPS_PROPERTY + "}.")
  String step;

  @Option(names = "--estimator", required = true, paramLabel = "NAME[,NAME...]",
      completionCandidates = CatalogCandidates.EstimatorNames.class,
      description = "Any of: ${COMPLETION-CANDIDATES}; truncated as truncated(K).")
  String estimators;

  @Option(names = "--linear-solver", paramLabel = "NAME",
      completionCandidates = CatalogCandidates.LinearSolverNames.class,
      description = "implicit's linear solver: ${COMPLETION-CANDIDATES} (default: auto = CG "
          + "preconditioned by Newton's last factorization after Newton, else by size).")
  String linearSolver;

  @Option(names = "--linear-tol", paramLabel = "T",
      description = "Relative residual implicit's linear solve must reach (default: 1e-12).")
  Double linearTolerance;

  @Option(names = "--condition", paramLabel = "NAME",
      completionCandidates = CatalogCandidates.ConditionNames.class,
      description = "implicit's optimality condition: ${COMPLETION-CANDIDATES} "
          + "or auto (default: the one that holds for the solver and problem: kkt after "
          + "interior-point, prox-gradient on a problem with a nonsmooth part, else "
          + "stationarity).")
  String condition;

  @Option(names = "--checkpoint",
      description = "unrolled-reverse on a checkpointed trajectory (memory ~ sqrt(k)*n).")
  boolean checkpoint;

  @Option(names = "--format", paramLabel = "json|table", defaultValue = "json",
      description = "json (one object on stdout) or table (default: ${DEFAULT-VALUE}).")
  String format;

  @Override
  public Integer call() throws IOException {
    JacobianRun.Request request = request();
    JacobianReport report = request.problem().entry().source() != null
        ? JacobianRun.runOwnData(request) : JacobianRun.run(request, readData());
    if (format.equals("json")) {
      JacobianJson.write(report, spec.commandLine().getOut());
    } else {
      JacobianTable.write(report, spec.commandLine().getOut());
    }
    return ErrorReporting.EXIT_OK;
  }

  /** Every option checked, nothing read yet. */
  JacobianRun.Request request() {
    String problemName = named("--problem", () -> Problems.CATALOG.canonical(problem));
    String solverName = named("--solver", () -> Solvers.CATALOG.canonical(solver));
    choose("--format", format, List.of("json", "table"));
    boolean ownData = Problems.CATALOG.get(problemName).source() != null;
    if (theta == null && !ownData) {
      throw new BadInputException("--theta: required for problem " + problemName);
    }
    double[] th = theta == null ? null : OptionValues.numbers("--theta", theta);
    OptionValues.finite("--alpha", alpha);
    if (alpha < 0) {
      throw new BadInputException("--alpha " + alpha + ": must be >= 0");
    }
    if (iterations < 0) {
      throw new BadInputException("--iterations " + iterations + ": must be >= 0");
    }
    double tolerance = Double.NaN;
    if (tol != null) {
      OptionValues.finite("--tol", tol);
      if (!(tol > 0)) {
        throw new BadInputException("--tol " + tol + ": must be > 0");
      }
      tolerance = tol;
    }
    SolverSpec solverSpec;
    try {
      solverSpec = new SolverSpec(solverName, step, iterations, tolerance);
    } catch (IllegalArgumentException e) {
      String m = e.getMessage();
      throw new BadInputException(m.startsWith("--step") ? m : "--step '" + step + "': " + m, e);
    }
    EstimatorOptions options = EstimatorOptions.defaults();
    if (linearTolerance != null) {
      OptionValues.finite("--linear-tol", linearTolerance);
      if (!(linearTolerance > 0)) {
        throw new BadInputException("--linear-tol " + linearTolerance + ": must be > 0");
      }
    }
    double linTol = linearTolerance == null ? options.linearTolerance() : linearTolerance;
    String linear = linearSolver == null ? options.linearSolver()
        : named("--linear-solver", () -> LinearSolvers.choice(linearSolver));
    String cond = condition == null ? Conditions.AUTO
        : named("--condition", () -> Conditions.choice(condition));
    options = options.withLinearSolver(linear, linTol).withCheckpointing(checkpoint)
        .withCondition(cond);
    List<String> requested = OptionValues.names("--estimator", estimators);
    List<JacobianRun.EstimatorChoice> choices = new ArrayList<>();
    for (String name : requested) {
      choices.add(estimatorChoice(name));
    }
    return new JacobianRun.Request(new ProblemSpec(problemName, alpha), data.toString(), theta,
        th, solverSpec, choices, options);
  }

  /** "truncated(10)" → (truncated, K = 10); other names must be known estimators. */
  private JacobianRun.EstimatorChoice estimatorChoice(String name) {
    Matcher m = TRUNCATED.matcher(name);
    if (m.matches()) {
      int k = Integer.parseInt(m.group(1));
      if (k < 1) {
        throw new BadInputException("--estimator '" + estimators + "': " + name
            + " needs K >= 1");
      }
      return new JacobianRun.EstimatorChoice(name, "truncated", k);
    }
    if (name.equals("truncated")) {
      throw new BadInputException("--estimator '" + estimators
          + "': truncated needs its K, e.g. truncated(10)");
    }
    String canonical = named("--estimator", () -> Estimators.CATALOG.canonical(name));
    return new JacobianRun.EstimatorChoice(name, canonical, 0);
  }

  /**
   * A catalog lookup; an unknown name is bad input naming the option, the value and the valid
   * names: {@code --solver: unknown solver 'sgd' (valid: gd, heavy-ball, newton)}.
   */
  private static String named(String option, Supplier<String> lookup) {
    try {
      return lookup.get();
    } catch (UnknownNameException e) {
      throw new BadInputException(option + ": " + e.getMessage(), e);
    }
  }

  private static void choose(String option, String value, List<String> valid) {
    if (!valid.contains(value)) {
      throw new BadInputException(option + " '" + value + "': unknown (expected "
          + String.join(", ", valid) + ")");
    }
  }

  /** IDX images (their labels beside them, see {@link IdxReader#labelsFileFor}): *.gz, *.idx*. */
  static boolean isIdx(Path file) {
    String name = String.valueOf(file.getFileName());
    return name.endsWith(".gz") || name.contains(".idx") || name.contains("-idx3");
  }

  private LabeledData readData() {
    if (java.nio.file.Files.isDirectory(data)) {
      throw new BadInputException("--data '" + data + "': is a directory, not a file");
    }
    try {
      return isIdx(data) ? IdxReader.read(data) : LibsvmReader.read(data);
    } catch (NoSuchFileException e) {
      throw new BadInputException("--data '" + data + "': no such file"
          + (data.toString().equals(e.getFile()) ? "" : " (" + e.getMessage() + ")"), e);
    } catch (IOException e) {
      throw new BadInputException("--data '" + data + "': cannot read: " + e, e);
    } catch (IllegalArgumentException e) {
      throw new BadInputException(e.getMessage(), e);
    }
  }
}
