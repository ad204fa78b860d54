package dev.iterdiff.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iterdiff.map.DifferentiableMap;
import dev.iterdiff.problem.LabeledData;
import dev.iterdiff.problem.Problem;
import dev.iterdiff.problem.ProblemEntry;
import dev.iterdiff.problem.Problems;
import dev.iterdiff.solver.IterativeSolver;
import dev.iterdiff.solver.Solution;
import dev.iterdiff.solver.Trajectory;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;

/**
 * What the contract tests share: small random data (12 × 4, labels ±1 from a noisy linear
 * model), every registered problem with every θ length its factory accepts (1, p or N — a
 * length the factory refuses is not a combination), independent references (the replay
 * θ' ↦ x_k(θ') with the recorded step records, the five-point central-difference Jacobian)
 * and the adjoint identity.
 */
final class ContractFixtures {

  static final int ROWS = 12;
  static final int COLS = 4;

  private ContractFixtures() {}

  /** A registered problem with one accepted θ length and a θ in its domain. */
  /**
   * Why a solver cannot run on a problem, by capability, or null: a solver that needs third
   * derivatives of f (Newton's exact J_θF) on a problem whose entry does not provide them, or
   * a problem the entry's {@code misfit} refuses (mirror descent off the simplex).
   */
  static String misfit(dev.iterdiff.solver.SolverEntry solver, ProblemCase problem) {
    String misfit = solver.misfit(problem.create());
    if (misfit != null) {
      return misfit;
    }
    if (solver.capabilities().thirdDerivatives() && !problem.entry().thirdOrder()) {
      return solver.name() + " needs third derivatives, which " + problem.entry().name()
          + " does not provide";
    }
    return null;
  }

  record ProblemCase(ProblemEntry entry, double[] theta) {

    /** Whether the problem is f + g with a nonsmooth g (a {@code CompositeProblem}). */
    boolean composite() {
      return create() instanceof dev.iterdiff.problem.CompositeProblem;
    }

    /** A fresh instance (own workspaces). */
    Problem create() {
      if (entry.source() != null) {
        return entry.source().create(entry.source().example(), 1.0);
      }
      return entry.factory().create(data(), theta.length, 1.0);
    }

    @Override
    public String toString() {
      return entry.name() + "(m=" + theta.length + ")";
    }
  }

  /** The data, built afresh (same seed). */
  static LabeledData data() {
    Random rng = new Random(7);
    double[] a = new double[ROWS * COLS];
    for (int i = 0; i < a.length; i++) {
      a[i] = rng.nextGaussian();
    }
    double[] labels = new double[ROWS];
    for (int i = 0; i < ROWS; i++) {
      double s = rng.nextGaussian();
      for (int j = 0; j < COLS; j++) {
        s += a[i + j * ROWS] * (j - 1.5);
      }
      labels[i] = s > 0 ? 1 : -1;
    }
    return new LabeledData(a, ROWS, COLS, labels, "contract(12x4)");
  }

  /** Every problem of {@link Problems#CATALOG} with every θ length it accepts. */
  static List<ProblemCase> problems() {
    List<ProblemCase> out = new ArrayList<>();
    for (ProblemEntry entry : Problems.CATALOG) {
      if (entry.source() != null) { // reads its own data: its example source
        Problem p = entry.source().create(entry.source().example(), 1.0);
        double[] theta = new double[p.thetaDim()];
        Random rng = new Random(entry.name().hashCode());
        for (int j = 0; j < theta.length; j++) {
          theta[j] = 0.5 + rng.nextDouble();
        }
        out.add(new ProblemCase(entry, theta));
        continue;
      }
      Set<Integer> lengths = new LinkedHashSet<>(List.of(1, COLS, ROWS));
      lengths.addAll(entry.acceptedThetaLengths(data())); // e.g. dim x for a prior mean
      for (int m : lengths) {
        try {
          entry.factory().create(data(), m, 1.0);
        } catch (IllegalArgumentException refused) {
          continue; // the factory declares which θ lengths it takes
        }
        Random rng = new Random(31L * m + entry.name().hashCode());
        double[] theta = new double[m];
        for (int j = 0; j < m; j++) {
          theta[j] = 0.5 + rng.nextDouble();
        }
        out.add(new ProblemCase(entry, theta));
      }
    }
    return out;
  }

  /** A small random starting point, length n. */
  /**
   * The start of a solve on a problem: {@link #x0(int)}, made strictly positive for a
   * composite f + g (inside the non-negative orthant and the cone of the simplex, where
   * exponentiated gradient needs to start; the prox solvers start anywhere).
   */
  static double[] x0(dev.iterdiff.problem.Problem problem) {
    double[] x = x0(problem.dim());
    if (problem instanceof dev.iterdiff.problem.CompositeProblem) {
      for (int i = 0; i < x.length; i++) {
        x[i] = 0.1 + Math.abs(x[i]);
      }
    }
    return x;
  }

  static double[] x0(int n) {
    Random rng = new Random(11);
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = 0.3 * rng.nextGaussian();
    }
    return x;
  }

  static double[] gaussian(Random rng, int n) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = rng.nextGaussian();
    }
    return v;
  }

  /** x_k(θ'): the recorded iterations replayed at θ' from s₀, each with its step record. */
  static double[] replay(Solution solution, double[] x0, double[] thetaPrime) {
    IterativeSolver solver = solution.solver();
    Trajectory trajectory = solution.trajectory();
    double[] s = new double[solver.stateDim()];
    double[] next = new double[s.length];
    double[] record = new double[trajectory.recordLength()];
    solver.initialState(x0, s);
    for (int i = 0; i < solution.iterations(); i++) {
      trajectory.record(i, record);
      solver.iteration(record).apply(s, thetaPrime, next);
      double[] swap = s;
      s = next;
      next = swap;
    }
    return java.util.Arrays.copyOf(s, solver.problem().dim());
  }

  /**
   * The n×m Jacobian of g at θ by the five-point stencil (−g(θ+2h) + 8g(θ+h) − 8g(θ−h) +
   * g(θ−2h))/(12h), h = 1e-3·max(1, |θⱼ|): truncation error O(h⁴), rounding O(ε/h).
   */
  static double[] jacobian(Function<double[], double[]> g, double[] theta, int n) {
    int m = theta.length;
    double[] out = new double[n * m];
    for (int j = 0; j < m; j++) {
      double h = 1e-3 * Math.max(1, Math.abs(theta[j]));
      double[][] at = new double[4][];
      double[] offsets = {2, 1, -1, -2};
      for (int q = 0; q < 4; q++) {
        double[] t = theta.clone();
        t[j] += offsets[q] * h;
        at[q] = g.apply(t);
      }
      for (int i = 0; i < n; i++) {
        out[i + j * n] = (-at[0][i] + 8 * at[1][i] - 8 * at[2][i] + at[3][i]) / (12 * h);
      }
    }
    return out;
  }

  /** ‖a − ref‖ / max(‖ref‖, 1e-300). */
  static double relErr(double[] a, double[] ref) {
    assertEquals(ref.length, a.length, "lengths");
    double num = 0;
    double den = 0;
    for (int i = 0; i < a.length; i++) {
      num += (a[i] - ref[i]) * (a[i] - ref[i]);
      den += ref[i] * ref[i];
    }
    return Math.sqrt(num / Math.max(den, 1e-300));
  }

  static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  static double norm(double[] a) {
    return Math.sqrt(dot(a, a));
  }

  /** ⟨u, Jv⟩ = ⟨Jᵀu, v⟩ in x and in θ, to 1e-12 of the products' scale, on random vectors. */
  static void adjoint(DifferentiableMap map, double[] x, double[] theta, long seed,
      String label) {
    Random rng = new Random(seed);
    double[] v = gaussian(rng, map.xDim());
    double[] w = gaussian(rng, map.thetaDim());
    double[] u = gaussian(rng, map.outDim());
    double[] jv = new double[map.outDim()];
    double[] jtu = new double[map.xDim()];
    double[] jw = new double[map.outDim()];
    double[] jttu = new double[map.thetaDim()];
    map.jvpX(x, theta, v, jv);
    map.vjpX(x, theta, u, jtu);
    map.jvpTheta(x, theta, w, jw);
    map.vjpTheta(x, theta, u, jttu);
    double sx = norm(u) * norm(jv) + norm(jtu) * norm(v);
    assertEquals(dot(u, jv), dot(jtu, v), 1e-12 * sx, label + ": adjoint identity in x");
    double st = norm(u) * norm(jw) + norm(jttu) * norm(w);
    assertEquals(dot(u, jw), dot(jttu, w), 1e-12 * st, label + ": adjoint identity in theta");
  }

  /** J_x symmetric: jvpX(v) = vjpX(v) to 1e-12 relative on a random v. */
  static void symmetricInX(DifferentiableMap map, double[] x, double[] theta, String label) {
    double[] v = gaussian(new Random(5), map.xDim());
    double[] a = new double[map.outDim()];
    double[] b = new double[map.xDim()];
    map.jvpX(x, theta, v, a);
    map.vjpX(x, theta, v, b);
    assertTrue(relErr(a, b) < 1e-12, label + ": declared symmetric, jvpX vs vjpX "
        + relErr(a, b));
  }
}
