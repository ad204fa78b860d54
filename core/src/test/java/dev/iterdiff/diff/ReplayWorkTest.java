package dev.iterdiff.diff;

import static dev.iterdiff.diff.RidgeFixture.relativeError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iterdiff.map.DifferentiableMap;
import dev.iterdiff.problem.Problem;
import dev.iterdiff.problem.RidgeProblem;
import dev.iterdiff.solver.GradientDescent;
import dev.iterdiff.solver.IterativeSolver;
import dev.iterdiff.solver.Solution;
import dev.iterdiff.solver.Solve;
import dev.iterdiff.solver.SolveOptions;
import dev.iterdiff.solver.StepRule;
import dev.iterdiff.solver.Storage;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * How much recomputation the sweeps do on a checkpointed trajectory: every state is
 * recomputed at most once (≤ k applications of F for a whole reverse sweep, never O(k²)),
 * and forward mode from s₀ alone recomputes each state once.
 */
class ReplayWorkTest {

  /** Gradient descent whose iteration maps count their applications. */
  private static final class CountingSolver implements IterativeSolver {
    private final GradientDescent inner;
    int applications;

    CountingSolver(GradientDescent inner) {
      this.inner = inner;
    }

    public String name() {
      return inner.name();
    }

    public Problem problem() {
      return inner.problem();
    }

    public int stateDim() {
      return inner.stateDim();
    }

    public void initialState(double[] x0, double[] state) {
      inner.initialState(x0, state);
    }

    public dev.iterdiff.solver.OptimalityMeasure optimalityMeasure() {
      return inner.optimalityMeasure();
    }

    public double residual(double[] state, double[] theta) {
      return inner.residual(state, theta);
    }

    public List<String> recordFields() {
      return inner.recordFields();
    }

    public void advance(double[] state, double[] theta, double[] out, double[] record) {
      inner.advance(state, theta, out, record);
    }

    public DifferentiableMap iteration(double... record) {
      DifferentiableMap f = inner.iteration(record);
      return new DifferentiableMap() {
        public int xDim() {
          return f.xDim();
        }

        public int thetaDim() {
          return f.thetaDim();
        }

        public int outDim() {
          return f.outDim();
        }

        public void apply(double[] x, double[] t, double[] out) {
          applications++;
          f.apply(x, t, out);
        }

        public void jvpX(double[] x, double[] t, double[] v, double[] out) {
          f.jvpX(x, t, v, out);
        }

        public void vjpX(double[] x, double[] t, double[] u, double[] out) {
          f.vjpX(x, t, u, out);
        }

        public void jvpTheta(double[] x, double[] t, double[] w, double[] out) {
          f.jvpTheta(x, t, w, out);
        }

        public void vjpTheta(double[] x, double[] t, double[] u, double[] out) {
          f.vjpTheta(x, t, u, out);
        }
      };
    }
  }

  @Test
  void everyStateIsRecomputedAtMostOnce() {
    var data = RidgeFixture.diabetes();
    int n = data.cols();
    double[] theta = new double[n];
    java.util.Arrays.fill(theta, 0.1);
    int k = 100;
    CountingSolver solver = new CountingSolver(
        new GradientDescent(new RidgeProblem(data, n), StepRule.inverseLipschitz()));
    DiagnosticsOptions none = DiagnosticsOptions.none();
    Solution full = Solve.run(solver, theta, new double[n],
        SolveOptions.iterations(k, Storage.full()));
    double[] reference = new UnrolledReverse(none).jacobian(full).jacobian();
    assertEquals(0, solver.applications, "FULL storage recomputes nothing");

    // CHECKPOINTED every 10: of s_0 … s_99, s_0, s_10, …, s_90 and s_99 are stored, 89 are
    // recomputed, each once
    Solution checkpointed = Solve.run(solver, theta, new double[n],
        SolveOptions.iterations(k, Storage.checkpointed()));
    solver.applications = 0;
    double[] reverse = new UnrolledReverse(none).jacobian(checkpointed).jacobian();
    assertEquals(89, solver.applications);
    assertTrue(relativeError(reverse, reference) < 1e-12);

    // forward mode with s₀ only: s₁ … s_{k−2} recomputed, s_{k−1} stored
    Solution s0 = Solve.run(solver, theta, new double[n], SolveOptions.iterations(k,
        Estimators.requiredStorage(List.of(UnrolledForward.NAME), k, null)));
    solver.applications = 0;
    double[] forward = new UnrolledForward(none).jacobian(s0).jacobian();
    assertEquals(k - 2, solver.applications);
    assertTrue(relativeError(forward, reference) < 1e-12);
  }
}
