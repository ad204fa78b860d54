package dev.iterdiff.spark.sweep;

import dev.iterdiff.spark.config.SweepConfig;

import dev.iterdiff.diff.Diagnostics;
import dev.iterdiff.diff.JacobianEstimator;
import dev.iterdiff.diff.JacobianEstimate;
import dev.iterdiff.diff.NonFiniteResultException;
import dev.iterdiff.diff.VectorEstimate;
import dev.iterdiff.linalg.Blas;
import dev.iterdiff.linalg.LinearSolveException;
import dev.iterdiff.solver.DivergenceException;
import dev.iterdiff.solver.Solution;
import dev.iterdiff.solver.Solve;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs sweep instances one after another, reusing per data set (and θ length) one
 * {@link dev.iterdiff.problem.Problem}, one solver and the estimators — they hold workspaces — across every
 * instance of a partition. Each instance is solved once from x₀ = 0 (no warm start, so the
 * result does not depend on which instances share a partition) with storage enough for
 * every estimator; then each estimator gives its Jacobian (and, with an outer objective, the
 * hypergradient ∂_θg + Jᵀ∇ₓg by its own VJP), compared with the reference Jacobian.
 *
 * <p>Failures never escape: a solve that diverges, a singular or unconverged linear solve,
 * a non-finite estimate, a θ outside the problem's domain becomes a row with a status and the
 * message, and the next
 * instance runs. One instance of this class per task (not thread-safe).
 */
public final class InstanceRunner {

  private final SweepConfig config;
  private final List<SweepData> data;
  private final Map<Long, InstanceKernel> kernels = new HashMap<>();

  /**
   * @param config the sweep.
   * @param data   the data sets, in config order. Not modified.
   */
  public InstanceRunner(SweepConfig config, List<SweepData> data) {
    this.config = config;
    this.data = data;
  }

  /** One row per estimator, in config order; failures become failed rows. */
  public List<SweepRow> run(SweepInstance instance) {
    List<SweepRow> rows = new ArrayList<>(config.estimators().size());
    if (instance.error() != null) {
      for (String name : config.estimators()) {
        rows.add(SweepRow.failed(head(instance), name, "invalid-input", instance.error(), null));
      }
      return rows;
    }
    InstanceKernel k;
    Solution solution;
    try {
      if (instance.source() != null) {
        OwnData own = OwnData.read(config, instance);
        instance = own.instance();
        k = InstanceKernel.forProblem(config, own.problem());
      } else {
        k = kernel(instance.data(), instance.theta().length);
      }
      solution = Solve.run(k.solver(), instance.theta(), new double[k.problem().dim()],
          k.options());
    } catch (RuntimeException e) {
      for (String name : config.estimators()) {
        rows.add(failed(instance, name, e, null));
      }
      return rows;
    }
    double[] x = solution.x();
    double[] ref = null;
    String refFailure = null;
    if (k.reference() != null) {
      try {
        Solution rs = k.referenceSolver() == null ? solution
            : Solve.run(k.referenceSolver(), instance.theta(), new double[x.length],
                k.referenceOptions());
        ref = k.reference().jacobian(rs).jacobian();
      } catch (RuntimeException e) {
        refFailure = "reference " + config.reference().estimator() + " failed: " + reason(e);
      }
    }
    double outerValue = Double.NaN;
    double[] gradX = null;
    double[] gradTheta = null;
    if (k.outer() != null) {
      outerValue = k.outer().value(x, instance.theta());
      gradX = new double[x.length];
      k.outer().gradientX(x, instance.theta(), gradX);
      gradTheta = new double[instance.theta().length];
      k.outer().gradientTheta(x, instance.theta(), gradTheta);
    }
    for (JacobianEstimator e : k.estimators()) {
      try {
        rows.add(estimate(instance, e, solution, x, ref, refFailure, outerValue, gradX,
            gradTheta));
      } catch (RuntimeException ex) {
        rows.add(failed(instance, e.name(), ex, solution));
      }
    }
    return rows;
  }

  /**
   * One estimator on the shared solution. The Jacobian is formed when a reference, the
   * jacobian column or no outer objective asks for it; the hypergradient is then Jᵀ∇ₓg + ∂_θg
   * from it, else from the estimator's own VJP. Seconds are the estimator's own (the solve
   * and the diagnostics excluded).
   */
  private SweepRow estimate(SweepInstance instance, JacobianEstimator e, Solution solution,
      double[] x, double[] ref, String refFailure, double outerValue, double[] gradX,
      double[] gradTheta) {
    boolean withJ = config.output().jacobian();
    boolean needJacobian = ref != null || withJ || gradX == null;
    JacobianEstimate je = needJacobian ? e.jacobian(solution) : null;
    double[] hyper = null;
    Diagnostics d;
    double seconds;
    if (je != null) {
      d = je.diagnostics();
      seconds = je.seconds();
      if (gradX != null) {
        hyper = gradTheta.clone();
        int n = je.rows();
        for (int j = 0; j < je.cols(); j++) {
          double s = 0;
          for (int i = 0; i < n; i++) {
            s += je.jacobian()[i + j * n] * gradX[i];
          }
          hyper[j] += s;
        }
      }
    } else {
      VectorEstimate ve = e.vjp(solution, gradX);
      d = ve.diagnostics();
      seconds = ve.seconds();
      hyper = ve.value().clone();
      for (int j = 0; j < hyper.length; j++) {
        hyper[j] += gradTheta[j];
      }
    }
    if (hyper != null) {
      NonFiniteResultException.requireFinite("outer loss", e.name(), outerValue);
      NonFiniteResultException.requireFinite("hypergradient", e.name(), hyper);
    }
    double err = Double.NaN;
    double errAbs = Double.NaN;
    if (ref != null) {
      errAbs = Blas.distance(je.jacobian(), ref);
      err = errAbs / norm(ref);
    }
    return SweepRow.of(head(instance), solution, e.name(), d, seconds)
        .withConverged(converged(solution))
        .withMessage(refFailure).withReferenceError(err, errAbs).withOuter(outerValue, hyper)
        .withOutput(config.output().x() ? x : null, withJ ? je.jacobian() : null,
            withJ ? je.rows() : -1, withJ ? je.cols() : -1);
  }

  private InstanceKernel kernel(int dataIndex, int thetaLength) {
    long key = ((long) dataIndex << 32) | thetaLength;
    InstanceKernel k = kernels.get(key);
    if (k == null) {
      k = InstanceKernel.create(config, data.get(dataIndex), thetaLength);
      kernels.put(key, k);
    }
    return k;
  }

  private String name(SweepInstance s) {
    return s.origin() != null ? s.origin() : data.get(s.data()).name();
  }

  /** What identifies {@code s} in its rows. */
  private SweepRow.Instance head(SweepInstance s) {
    return new SweepRow.Instance(s.id(), name(s), config.problem().name(),
        config.solver().name(), s.theta());
  }

  private SweepRow failed(SweepInstance s, String estimator, RuntimeException e, Solution sol) {
    String reason = reason(e);
    if (s.origin() != null) { // a problem's own data: the line (or generator) it came from first
      String m = e.getMessage() == null ? "" : e.getMessage();
      m = m.startsWith(s.origin() + ": ") ? m.substring(s.origin().length() + 2) : m;
      reason = s.origin() + ": " + e.getClass().getSimpleName() + ": " + m;
    }
    return SweepRow.failed(head(s), estimator, status(e), reason, sol)
        .withConverged(sol == null ? null : converged(sol));
  }

  /** Whether the solve reached the configured tolerance; null when none was set. */
  private Boolean converged(Solution s) {
    return Double.isNaN(config.solver().tolerance()) ? null : s.converged();
  }

  /**
   * The status of a failure: diverged, linear-solve-failed, non-finite (a Jacobian,
   * hypergradient or outer loss entry NaN or infinite), invalid-input or error.
   */
  static String status(RuntimeException e) {
    if (e instanceof DivergenceException) {
      return "diverged";
    }
    if (e instanceof LinearSolveException) {
      return "linear-solve-failed";
    }
    if (e instanceof NonFiniteResultException) {
      return "non-finite";
    }
    if (e instanceof IllegalArgumentException) {
      return "invalid-input";
    }
    return "error";
  }

  private static String reason(RuntimeException e) {
    String m = e.getMessage();
    return e.getClass().getSimpleName() + (m == null ? "" : ": " + m);
  }

  private static double norm(double[] a) {
    double s = 0;
    for (double v : a) {
      s += v * v;
    }
    return Math.sqrt(s);
  }
}
