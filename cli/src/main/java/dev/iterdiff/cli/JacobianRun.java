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
import dev.iterdiff.solver.DivergenceException;
import dev.iterdiff.solver.IterativeSolver;
import dev.iterdiff.solver.Solution;
import dev.iterdiff.solver.Solve;
import dev.iterdiff.solver.SolveOptions;
import dev.iterdiff.solver.Storage;
import dev.iterdiff.solver.Solvers;
import java.util.ArrayList;
import java.util.List;

/**
 * One run of {@code iterdiff jacobian}: problem from the data, solver, one solve from x₀ = 0
 * keeping the states every requested estimator needs ({@link Estimators#requiredStorage}),
 * then each estimator's full Jacobian on that solution. Errors of the core are turned into
 * the CLI's: bad θ / α / step / linear solver → {@link BadInputException} naming the option;
 * divergence, failed linear solves and non-finite estimates → {@link CommandFailedException}.
 */
final class JacobianRun {

  /** An estimator as asked for: its spelling on the command line, core name, truncation K. */
  record EstimatorChoice(String spelling, String name, int truncation) {}

  /** Every option of the command, checked. tolerance NaN = none; step null = default. */
  record Request(String problem, String data, String thetaText, double[] theta, double alpha,
      String solver,
      String step, int iterations, double tolerance, List<EstimatorChoice> estimators,
      EstimatorOptions options) {}

  private JacobianRun() {}

  static JacobianReport run(Request r, LabeledData data) {
    String thetaText = "--theta '" + r.thetaText() + "'";
    Problem problem;
    try {
      problem = Problems.create(r.problem(), data, r.theta().length, r.alpha());
      problem.checkTheta(r.theta());
    } catch (IllegalArgumentException e) {
      throw new BadInputException(thetaText + " (" + r.problem() + " on " + r.data() + ", "
          + data.rows() + " x " + data.cols() + "): " + strip(e.getMessage(), "theta: "), e);
    }
    IterativeSolver solver;
    try {
      solver = Solvers.create(r.solver(), problem, r.step());
    } catch (IllegalArgumentException e) {
      throw new BadInputException("--solver " + r.solver()
          + (r.step() == null ? "" : " --step '" + r.step() + "'") + ": " + e.getMessage(), e);
    }
    int maxK = 0;
    List<String> names = new ArrayList<>();
    for (EstimatorChoice c : r.estimators()) {
      names.add(c.name());
      maxK = Math.max(maxK, c.truncation());
    }
    Storage storage;
    try {
      storage = Estimators.requiredStorage(names, r.iterations(),
          maxK > 0 ? r.options().withTruncation(maxK) : r.options());
    } catch (IllegalArgumentException e) {
      throw new BadInputException("--estimator with --iterations " + r.iterations() + ": "
          + e.getMessage(), e);
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
      solution = Solve.run(solver, r.theta(), new double[problem.dim()],
          new SolveOptions(r.iterations(), r.tolerance(), storage));
    } catch (DivergenceException e) {
      throw new CommandFailedException(e.getMessage() + " with --solver " + r.solver()
          + (r.step() == null ? "" : " --step " + r.step())
          + "; try a smaller --step", e);
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
            + r.solver(), ex);
      }
      estimates.add(new JacobianEstimate(c.spelling(), e.jacobian(), e.rows(), e.cols(),
          e.diagnostics(), e.seconds()));
    }
    return new JacobianReport(r.problem(), r.data(), data.rows(), data.cols(),
        r.theta().clone(), r.solver(), r.step(), solution.iterations(),
        Double.isNaN(r.tolerance()) ? null : solution.converged(),
        solution.residual(), solution.seconds(), solution.x(), List.copyOf(estimates));
  }

  private static String strip(String message, String prefix) {
    return message != null && message.startsWith(prefix)
        ? message.substring(prefix.length()) : message;
  }
}
