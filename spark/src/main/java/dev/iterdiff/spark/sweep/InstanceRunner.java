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
import dev.iterdiff.solver.SolveOptions;
import dev.iterdiff.solver.Storage;
import dev.iterdiff.diff.EstimatorOptions;
import dev.iterdiff.diff.Estimators;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Runs sweep instances one after another, reusing per data set (and θ length) one
 * {@link dev.iterdiff.problem.Problem}, one solver and the estimators — they hold workspaces — across every
 * instance of a partition. Each instance is solved once from x₀ = 0 (no warm start, so the
 * result does not depend on which instances share a partition) with storage enough for
 * every estimator; then each estimator gives its Jacobian (and, with an outer objective, the
 * hypergradient ∂_θg + Jᵀ∇ₓg by its own VJP), compared with the reference Jacobian. When the
 * iteration count is a sweep axis the budgets of one θ share one solve to the largest
 * ({@link #run(List)}), with the rows separate solves give.
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
    return runGroup(List.of(instance));
  }

  /**
   * The rows of several instances, in their order: neighbours that are the same problem (data
   * set or own data, and θ) with different iteration budgets — the iteration axis of
   * {@link InstanceSpace} — share one solve to the largest budget
   * ({@link Solve#runBudgets}: each budget's solution equals its own solve bitwise, so the
   * rows are those of {@link #run(SweepInstance)} on each, timings aside). A shared solve that
   * fails (diverges before the largest budget) is redone budget by budget, so a budget that
   * stops before the divergence still gets its rows.
   */
  public List<SweepRow> run(List<SweepInstance> instances) {
    List<SweepRow> rows = new ArrayList<>();
    int i = 0;
    while (i < instances.size()) {
      int j = i + 1;
      while (j < instances.size() && config.sweepsIterations()
          && instances.get(j).sameProblem(instances.get(i))
          && instances.get(j).budget(config) != instances.get(j - 1).budget(config)) {
        j++;
      }
      rows.addAll(runGroup(instances.subList(i, j)));
      i = j;
    }
    return rows;
  }

  /**
   * The instances in order, cut into the groups {@link #run(List)} shares a solve over:
   * neighbours that are the same problem with different budgets. Lazy: holds one group.
   */
  static Iterator<List<SweepInstance>> groups(Iterator<SweepInstance> instances,
      SweepConfig config) {
    return new Iterator<>() {
      private SweepInstance pending;

      @Override
      public boolean hasNext() {
        return pending != null || instances.hasNext();
      }

      @Override
      public List<SweepInstance> next() {
        if (!hasNext()) {
          throw new java.util.NoSuchElementException();
        }
        List<SweepInstance> group = new ArrayList<>();
        group.add(pending != null ? pending : instances.next());
        pending = null;
        while (instances.hasNext()) {
          SweepInstance s = instances.next();
          SweepInstance last = group.get(group.size() - 1);
          if (config.sweepsIterations() && s.sameProblem(last)
              && s.budget(config) != last.budget(config)) {
            group.add(s);
          } else {
            pending = s;
            break;
          }
        }
        return group;
      }
    };
  }

  /** Instances of one problem with distinct budgets (one instance: a plain solve). */
  private List<SweepRow> runGroup(List<SweepInstance> group) {
    List<SweepRow> rows = new ArrayList<>(config.estimators().size() * group.size());
    SweepInstance first = group.get(0);
    if (first.error() != null) {
      for (SweepInstance instance : group) {
        for (String name : config.estimators()) {
          rows.add(SweepRow.failed(head(instance), name, "invalid-input", instance.error(),
              null));
        }
      }
      return rows;
    }
    InstanceKernel k;
    List<SweepInstance> members = group;
    try {
      if (first.source() != null) {
        OwnData own = OwnData.read(config, first);
        double[] theta = own.instance().theta();
        members = new ArrayList<>(group.size());
        for (SweepInstance g : group) {
          members.add(new SweepInstance(g.id(), g.data(), theta.clone(), g.cost(), g.origin(),
              g.source(), null, g.iterations()));
        }
        k = InstanceKernel.forProblem(config, own.problem());
      } else {
        k = kernel(first.data(), first.theta().length);
      }
    } catch (RuntimeException e) {
      for (SweepInstance instance : group) {
        for (String name : config.estimators()) {
          rows.add(failed(instance, name, e, null));
        }
      }
      return rows;
    }
    Object[] solved = solve(k, members);
    Map<Integer, Object> references = new HashMap<>();
    for (int j = 0; j < members.size(); j++) {
      SweepInstance instance = members.get(j);
      if (solved[j] instanceof RuntimeException e) {
        for (String name : config.estimators()) {
          rows.add(failed(instance, name, e, null));
        }
      } else {
        rows.addAll(estimates(k, instance, (Solution) solved[j], references));
      }
    }
    return rows;
  }

  /**
   * The solution of each member (or the exception its solve threw): one shared solve for
   * several budgets, else — or when it fails — one solve each.
   */
  private Object[] solve(InstanceKernel k, List<SweepInstance> members) {
    Object[] out = new Object[members.size()];
    double[] theta = members.get(0).theta();
    if (members.size() > 1) {
      int[] budgets = new int[members.size()];
      for (int j = 0; j < budgets.length; j++) {
        budgets[j] = members.get(j).budget(config);
      }
      int max = java.util.Arrays.stream(budgets).max().getAsInt();
      Storage storage = options(max).storage();
      if (storage.kind() == Storage.Kind.LAST) {
        storage = Storage.checkpointed();
      }
      try {
        Solution[] shared = Solve.runBudgets(k.solver(), theta, new double[k.problem().dim()],
            new SolveOptions(max, config.solver().tolerance(), storage), budgets);
        System.arraycopy(shared, 0, out, 0, out.length);
        return out;
      } catch (RuntimeException e) {
        // a budget below the failure may succeed on its own: solve them one by one
      }
    }
    for (int j = 0; j < out.length; j++) {
      try {
        out[j] = Solve.run(k.solver(), members.get(j).theta(), new double[k.problem().dim()],
            options(members.get(j).budget(config)));
      } catch (RuntimeException e) {
        out[j] = e;
      }
    }
    return out;
  }

  /**
   * The instance solve of budget k: exactly k iterations (at most, with a tolerance), keeping
   * what the estimators need at k and, when the reference differentiates the instance's own
   * solve, what it needs.
   */
  private SolveOptions options(int k) {
    EstimatorOptions eo = config.estimatorSpec().options();
    Storage storage = config.estimatorSpec().storage(k);
    SweepConfig.ReferenceSpec r = config.reference();
    if (r != null && !r.ownSolve()) {
      storage = storage.join(Estimators.requiredStorage(List.of(r.estimator()), k, eo));
    }
    return new SolveOptions(k, config.solver().tolerance(), storage);
  }

  /**
   * The reference Jacobian of an instance (or the reason it failed, as a String): on the
   * instance's own solve, or on a separate solve whose budget is the reference's (shared by
   * every budget of the instance, cached in {@code cache}) or, without one, the instance's.
   */
  private Object reference(InstanceKernel k, SweepInstance instance, Solution solution,
      Map<Integer, Object> cache) {
    if (k.reference() == null) {
      return null;
    }
    SweepConfig.ReferenceSpec r = config.reference();
    if (k.referenceSolver() == null) {
      try {
        return k.reference().jacobian(solution).jacobian();
      } catch (RuntimeException e) {
        return "reference " + r.estimator() + " failed: " + reason(e);
      }
    }
    int budget = r.iterations() > 0 ? r.iterations() : instance.budget(config);
    return cache.computeIfAbsent(budget, b -> {
      try {
        SolveOptions ro = new SolveOptions(b, r.tolerance(), Estimators.requiredStorage(
            List.of(r.estimator()), b, config.estimatorSpec().options()));
        Solution rs = Solve.run(k.referenceSolver(), instance.theta(),
            new double[solution.x().length], ro);
        return k.reference().jacobian(rs).jacobian();
      } catch (RuntimeException e) {
        return "reference " + r.estimator() + " failed: " + reason(e);
      }
    });
  }

  /** The rows of one solved instance, one per estimator. */
  private List<SweepRow> estimates(InstanceKernel k, SweepInstance instance,
      Solution solution, Map<Integer, Object> references) {
    List<SweepRow> rows = new ArrayList<>(config.estimators().size());
    double[] x = solution.x();
    Object reference = reference(k, instance, solution, references);
    double[] ref = reference instanceof double[] a ? a : null;
    String refFailure = reference instanceof String m ? m : null;
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
        config.solver().name(), s.theta(), s.budget(config));
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
