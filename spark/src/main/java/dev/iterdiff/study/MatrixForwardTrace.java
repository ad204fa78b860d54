package dev.iterdiff.study;

import dev.iterdiff.linalg.Blas;
import dev.iterdiff.map.DifferentiableMap;
import dev.iterdiff.solver.IterativeSolver;
import dev.iterdiff.solver.Trajectory;

/**
 * Unrolled forward-mode differentiation of a recorded trajectory, with the Jacobians of each
 * iteration materialised: the recursion of {@link dev.iterdiff.diff.UnrolledForward},
 *
 * <pre>  J₀ = 0,  J_{i+1} = J_sF_i·J_i + J_θF_i,</pre>
 *
 * with J_sF_i (s×s) built from s JVPs in x and J_θF_i (s×m) from min(s, m) products in θ
 * (s VJPs when m &gt; s), and the product by one dgemm. For the per-sample weights of the
 * one-step paper (m = N = 8192 ≫ s = 12) this is s/m of the cost of carrying m tangents; the
 * numbers are those of the same recursion ({@code StudiesTest} checks them against
 * UnrolledForward). The caller advances it one iteration at a time and reads J_i between.
 */
final class MatrixForwardTrace {

  private final IterativeSolver solver;
  private final Trajectory trajectory;
  private final double[] theta;
  private final int s;
  private final int m;
  private final double[] jacobian;
  private final double[] next;
  private final double[] jx;
  private final double[] jt;
  private final double[] state;
  private final double[] record;
  private final double[] unitS;
  private final double[] unitM;
  private final double[] column;
  private final double[] row;
  private int i;

  /**
   * @param solver     the solver that recorded the trajectory.
   * @param trajectory its trajectory (states s₀ … s_k available).
   * @param theta      θ of the solve. Not modified.
   */
  MatrixForwardTrace(IterativeSolver solver, Trajectory trajectory, double[] theta) {
    this.solver = solver;
    this.trajectory = trajectory;
    this.theta = theta.clone();
    this.s = trajectory.stateDim();
    this.m = theta.length;
    this.jacobian = new double[s * m];
    this.next = new double[s * m];
    this.jx = new double[s * s];
    this.jt = new double[s * m];
    this.state = new double[s];
    this.record = new double[trajectory.recordLength()];
    this.unitS = new double[s];
    this.unitM = new double[m];
    this.column = new double[s];
    this.row = new double[m];
  }

  /** The iteration i whose Jacobian J_i {@link #jacobian} holds. */
  int iteration() {
    return i;
  }

  /** Advances J_i to J_{i+1}. @throws IllegalStateException past the trajectory's end. */
  void advance() {
    if (i >= trajectory.iterations()) {
      throw new IllegalStateException("forward trace: iteration " + i + " is the last of "
          + trajectory.iterations());
    }
    trajectory.state(i, state);
    trajectory.record(i, record);
    DifferentiableMap map = solver.iteration(record);
    for (int c = 0; c < s; c++) {
      unitS[c] = 1;
      map.jvpX(state, theta, unitS, column);
      unitS[c] = 0;
      System.arraycopy(column, 0, jx, c * s, s);
    }
    if (m > s) {
      for (int r = 0; r < s; r++) {
        unitS[r] = 1;
        map.vjpTheta(state, theta, unitS, row);
        unitS[r] = 0;
        for (int j = 0; j < m; j++) {
          jt[r + j * s] = row[j];
        }
      }
    } else {
      for (int j = 0; j < m; j++) {
        unitM[j] = 1;
        map.jvpTheta(state, theta, unitM, column);
        unitM[j] = 0;
        System.arraycopy(column, 0, jt, j * s, s);
      }
    }
    System.arraycopy(jt, 0, next, 0, s * m);
    Blas.gemm(false, false, s, m, s, 1.0, jx, jacobian, 1.0, next);
    System.arraycopy(next, 0, jacobian, 0, s * m);
    i++;
  }

  /** J_i = [∂s_i/∂θ]_{1:n}, n×m column-major (a fresh array). */
  double[] jacobian(int n) {
    double[] out = new double[n * m];
    for (int j = 0; j < m; j++) {
      System.arraycopy(jacobian, j * s, out, j * n, n);
    }
    return out;
  }
}
