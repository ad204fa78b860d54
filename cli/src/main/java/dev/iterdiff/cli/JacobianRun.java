package dev.iterdiff.cli;

import dev.iterdiff.diff.JacobianEstimator;
import dev.iterdiff.diff.EstimatorOptions;
import dev.iterdiff.diff.Estimators;
import dev.iterdiff.diff.JacobianEstimate;
import dev.iterdiff.diff.NonFiniteResultException;
import dev.iterdiff.linalg.LinearSolveException;
import dev.iterdiff.problem.LabeledData;
import dev.iterdiff.problem.Problem;
import dev.iterdiff.problem.Problems;
import dev.iterdiff.problem.QuadraticProgram;
import dev.iterdiff.solver.DivergenceException;
import dev.iterdiff.solver.IterativeSolver;
import dev.iterdiff.solver.Solution;
import dev.iterdiff.solver.Solve;
import dev.iterdiff.solver.Storage;
import dev.iterdiff.spec.ProblemSpec;
import dev.iterdiff.spec.SolverSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * One run of {@code iterdiff jacobian}: problem from the data and its typed spec, solver from
 * its spec ({@link ProblemSpec#create}, {@link SolverSpec#create}), one solve from x₀ = 0
 * keeping the states every requested estimator needs ({@link Estimators#requiredStorage}),
 * then each estimator's full Jacobian on that solution. Errors of the core are turned into
 * the CLI's: bad θ / α / step / linear solver → {@link BadInputException} naming the option;
 * divergence, failed linear solves and non-finite estimates → {@link CommandFailedException}.
 */
final class JacobianRun {

  /** An estimator as asked for: its spelling on the command line, core name, truncation K. */
  record EstimatorChoice(String spelling, String name, int truncation) {}

  /**
   * Every option of the command, checked: the problem (name and α), the solver (name, step —
   * null = default —, iterations, tolerance — NaN = none), the estimators and their options.
   */
  record Request(ProblemSpec problem, String data, String thetaText, double[] theta,
      SolverSpec solver, List<EstimatorChoice> estimators, EstimatorOptions options) {}

  private JacobianRun() {}

  static JacobianReport run(Request r, LabeledData data) {
    String thetaText = "--theta '" + r.thetaText() + "'";
    Problem problem;
    try {
      problem = r.problem().create(data, r.theta().length);
    } catch (IllegalArgumentException e) {
      if (r.problem().alpha() != 1 && builds(r.problem().name(), data, r.theta().length)) {
        // the same problem builds with the default alpha: alpha is at fault, not theta
        throw new BadInputException("--alpha " + r.problem().alpha() + " ("
            + r.problem().name() + "): " + e.getMessage(), e);
      }
      throw new BadInputException(thetaText + " (" + r.problem().name() + " on " + r.data()
          + ", " + data.rows() + " x " + data.cols() + "): " + strip(e.getMessage(), "theta: "), e);
    }
    try {
      problem.checkTheta(r.theta());
    } catch (IllegalArgumentException e) {
      throw new BadInputException(thetaText + " (" + r.problem().name() + " on " + r.data()
          + ", " + data.rows() + " x " + data.cols() + "): " + strip(e.getMessage(), "theta: "), e);
    }
    return solveAndEstimate(r, problem, r.theta(), data.rows(), data.cols(), advice(data));
  }

  /**
   * A run on a problem that reads its own data from the {@code --data} string (its catalog
   * entry has a {@link dev.iterdiff.problem.ProblemEntry#source}: {@code qp} from a JSON file
   * or {@code generate:n=N,seed=S}). θ is {@code --theta} when given, else the data's own
   * value of the part θ replaces (the file's {@code theta} field names the part). The report's
   * samples are the constraints p + m, its features n.
   */
  static JacobianReport runOwnData(Request r) {
    Problem problem;
    try {
      problem = r.problem().entry().source().create(r.data(), r.problem().alpha());
    } catch (IllegalArgumentException e) {
      throw new BadInputException("--data '" + r.data() + "': " + e.getMessage(), e);
    }
    double[] theta = r.theta();
    if (theta == null) {
      theta = problem instanceof QuadraticProgram qp ? qp.defaultTheta() : null;
      if (theta == null) {
        throw new BadInputException("--theta: required for problem " + r.problem().name());
      }
    } else {
      try {
        problem.checkTheta(theta);
      } catch (IllegalArgumentException e) {
        throw new BadInputException("--theta '" + r.thetaText() + "' (" + r.problem().name()
            + " on " + r.data() + "): " + strip(e.getMessage(), "theta: "), e);
      }
    }
    int constraints = problem instanceof QuadraticProgram qp
        ? qp.equalities() + qp.inequalities() : 0;
    return solveAndEstimate(r, problem, theta, constraints, problem.dim(), "");
  }

  private static JacobianReport solveAndEstimate(Request r, Problem problem, double[] theta,
      int rows, int cols, String advice) {
    IterativeSolver solver = r.solver().create(problem);
    int maxK = 0;
    List<String> names = new ArrayList<>();
    for (EstimatorChoice c : r.estimators()) {
      names.add(c.name());
      maxK = Math.max(maxK, c.truncation());
    }
    Storage storage;
    try {
      storage = Estimators.requiredStorage(names, r.solver().iterations(),
          maxK > 0 ? r.options().withTruncation(maxK) : r.options());
    } catch (IllegalArgumentException e) {
      throw new BadInputException("--estimator with --iterations " + r.solver().iterations()
          + ": " + e.getMessage(), e);
    }
    List<JacobianEstimator> estimators = new ArrayList<>();
    for (EstimatorChoice c : r.estimators()) {
      try {
        estimators.add(Estimators.byName(c.name(),
            c.truncation() > 0 ? r.options().withTruncation(c.truncation()) : r.options()));
      } catch (IllegalArgumentException e) {
        throw new BadInputException("--linear-solver '" + r.options().linearSolver() + "' ("
            + c.spelling() + "): " + e.getMessage(), e);
      }
    }
    Solution solution;
    try {
      solution = Solve.run(solver, theta, new double[problem.dim()],
          r.solver().options(storage));
    } catch (DivergenceException e) {
      throw new CommandFailedException(e.getMessage() + " with --solver " + r.solver().name()
          + (r.solver().step() == null ? "" : " --step " + r.solver().step()) + advice, e);
    } catch (IllegalArgumentException e) {
      // data too large to square: native BLAS's scaled dnrm2 keeps the first residual finite,
      // so the overflow surfaces in the step rule's AᵀA (not finite) instead of a divergence
      if (advice.contains("rescale the data")) {
        throw new CommandFailedException(e.getMessage() + " with --solver "
            + r.solver().name() + advice, e);
      }
      throw e;
    }
    List<JacobianEstimate> estimates = new ArrayList<>();
    for (int i = 0; i < estimators.size(); i++) {
      EstimatorChoice c = r.estimators().get(i);
      JacobianEstimate e;
      try {
        e = estimators.get(i).jacobian(solution);
      } catch (LinearSolveException ex) {
        throw new CommandFailedException("estimator " + c.spelling() + ": " + ex.getMessage()
            + " (--linear-solver " + r.options().linearSolver() + ", --linear-tol "
            + r.options().linearTolerance() + ")", ex);
      } catch (NonFiniteResultException ex) {
        throw new CommandFailedException("estimator " + c.spelling() + ": not finite: "
            + ex.getMessage() + " after " + solution.iterations() + " iterations of --solver "
            + r.solver().name(), ex);
      }
      estimates.add(new JacobianEstimate(c.spelling(), e.jacobian(), e.rows(), e.cols(),
          e.diagnostics(), e.seconds()));
    }
    return new JacobianReport(r.problem().name(), r.data(), rows, cols, theta.clone(), r.solver().name(), r.solver().step(), solution.iterations(),
        Double.isNaN(r.solver().tolerance()) ? null : solution.converged(),
        solution.residual(), solution.seconds(), solution.x(), List.copyOf(estimates));
  }

  /**
   * What to try after a divergence: a smaller step, or — when the data's largest magnitude
   * squared (the scale of the curvature) overflows or nearly so — rescaling the data.
   */
  static String advice(LabeledData data) {
    double max = 0;
    for (double v : data.a()) {
      max = Math.max(max, Math.abs(v));
    }
    for (double v : data.labels()) {
      max = Math.max(max, Math.abs(v));
    }
    if (!(max * max * Math.max(data.rows(), data.cols()) < 1e300)) {
      return "; the data " + data.source() + " has values up to " + max
          + " in magnitude, too large to square in double precision: rescale the data";
    }
    return "; try a smaller --step";
  }

  private static boolean builds(String name, LabeledData data, int thetaLength) {
    try {
      Problems.create(name, data, thetaLength, 1.0);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static String strip(String message, String prefix) {
    return message != null && message.startsWith(prefix)
        ? message.substring(prefix.length()) : message;
  }
}
