package dev.iterdiff.diff;

import static dev.iterdiff.diff.RidgeFixture.relativeError;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iterdiff.optimality.FixedPoint;
import dev.iterdiff.optimality.Stationarity;
import dev.iterdiff.problem.LabeledData;
import dev.iterdiff.problem.RidgeProblem;
import dev.iterdiff.solver.IterativeSolver;
import dev.iterdiff.solver.Solution;
import dev.iterdiff.solver.Solve;
import dev.iterdiff.solver.SolveOptions;
import dev.iterdiff.solver.Solvers;
import dev.iterdiff.solver.Storage;
import java.util.Arrays;
import org.hipparchus.linear.EigenDecompositionSymmetric;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.RealMatrix;
import org.junit.jupiter.api.Test;

/**
 * The estimators on Nesterov's accelerated gradient, ridge on the diabetes data (λ = 0.1 per
 * feature), against the closed-form J* = −H⁻¹ diag(x*) and central differences of the
 * k-iteration map θ ↦ x_k(θ) with the recorded step records.
 */
class NesterovEstimatorsTest {

  private static final LabeledData DIABETES = RidgeFixture.diabetes();

  private static Solution solve(String spec, int k, Storage storage) {
    int n = DIABETES.cols();
    double[] theta = new double[n];
    Arrays.fill(theta, 0.1);
    IterativeSolver nag = Solvers.create("nesterov", new RidgeProblem(DIABETES, n), spec);
    return Solve.run(nag, theta, new double[n], SolveOptions.iterations(k, storage));
  }

  @Test
  void unrolledForwardEqualsReverseAndFiniteDifferencesOfTheKIterationMap() {
    for (String spec : new String[] {null, "fista"}) {
      // GIVEN 40 iterations, far from convergence
      Solution s = solve(spec, 40, Storage.full());
      // WHEN
      double[] forward = new UnrolledForward().jacobian(s).jacobian();
      double[] reverse = new UnrolledReverse().jacobian(s).jacobian();
      double[] fd = RidgeFixture.unrolledFiniteDifferences(s, new double[DIABETES.cols()]);
      // THEN the two sweeps agree to rounding; FD of θ ↦ x_40(θ) to its O(h²) error
      assertTrue(relativeError(forward, reverse) < 1e-12, spec + " forward vs reverse "
          + relativeError(forward, reverse));
      assertTrue(relativeError(reverse, fd) < 1e-7, spec + " vs FD " + relativeError(reverse, fd));
      // checkpointed reverse and truncated(K = k) are the same derivative
      Solution c = solve(spec, 40, Storage.checkpointed());
      assertTrue(relativeError(new UnrolledReverse().jacobian(c).jacobian(), reverse) < 1e-12);
      assertTrue(relativeError(new Truncated(40).jacobian(s).jacobian(), reverse) < 1e-12);
    }
  }

  @Test
  void unrolledEqualsImplicitAfterConvergence() {
    int n = DIABETES.cols();
    double[] theta = new double[n];
    Arrays.fill(theta, 0.1);
    double[] exact = RidgeFixture.ridge(DIABETES, theta).jacobian();
    // GIVEN 1500 iterations: ‖∇f‖ at rounding level, the unrolled derivative converged too
    Solution s = solve(null, 1500, Storage.checkpointed());
    assertTrue(s.residual() < 1e-13, "residual " + s.residual());
    // THEN implicit (stationarity and the solver's fixed point on (x, x_prev)) to 1e-10,
    // unrolled to 1e-8 (its error decays like k·ρᵏ, behind the iterates)
    double[] implicit = new Implicit(new Stationarity(s.solver().problem())).jacobian(s)
        .jacobian();
    assertTrue(relativeError(implicit, exact) < 1e-10, "implicit " + relativeError(implicit,
        exact));
    double[] fixedPoint = new Implicit(FixedPoint.atLastStep(s)).jacobian(s).jacobian();
    assertTrue(relativeError(fixedPoint, exact) < 1e-10, "fixed point "
        + relativeError(fixedPoint, exact));
    double[] unrolled = new UnrolledReverse().jacobian(s).jacobian();
    assertTrue(relativeError(unrolled, exact) < 1e-8, "unrolled " + relativeError(unrolled,
        exact));
    assertTrue(relativeError(new UnrolledForward().jacobian(s).jacobian(), unrolled) < 1e-12);
  }

  /**
   * One-step stays far from J*: at the fixed point s* = (x*, x*) and J*_s = (J*, J*),
   * J_OS − J* = −[J_sF J*_s]_{1:n} = −(I − tH)J*, the error of one-step gradient descent with
   * the same step t (the momentum terms cancel). So its plateau is that of gradient descent,
   * bounded by ρ/(1−ρ)·‖J_θF‖_F with ρ = ‖I − tH‖₂ = 1 − tμ and J_θF = −t∂_θ∇ₓf (Bolte,
   * Pauwels &amp; Vaiter 2023, Thm. 1), and ρ close to 1 on this problem.
   */
  @Test
  void oneStepErrorPlateausAtTheGradientDescentBound() {
    int n = DIABETES.cols();
    double[] theta = new double[n];
    Arrays.fill(theta, 0.1);
    RidgeFixture.ClosedForm closed = RidgeFixture.ridge(DIABETES, theta);
    double[] exact = closed.jacobian();
    Solution s = solve(null, 1500, Storage.lastTwo());
    JacobianEstimate oneStep = new OneStep().jacobian(s);
    double t = s.trajectory().step(1499);
    // closed form of the plateau: (I − tH)J*
    RealMatrix h = closed.hessian();
    RealMatrix j = MatrixUtils.createRealMatrix(n, n);
    for (int c = 0; c < n; c++) {
      for (int r = 0; r < n; r++) {
        j.setEntry(r, c, exact[r + c * n]);
      }
    }
    RealMatrix plateau = MatrixUtils.createRealIdentityMatrix(n).subtract(h.scalarMultiply(t))
        .multiply(j);
    double[] error = new double[n * n];
    double[] predicted = new double[n * n];
    for (int c = 0; c < n; c++) {
      for (int r = 0; r < n; r++) {
        error[r + c * n] = oneStep.jacobian()[r + c * n] - exact[r + c * n];
        predicted[r + c * n] = -plateau.getEntry(r, c);
      }
    }
    assertTrue(relativeError(error, predicted) < 1e-8, "plateau " + relativeError(error,
        predicted));
    double errorNorm = norm(error);
    assertTrue(errorNorm > 0.1 * norm(exact), "one-step far from J*: " + errorNorm / norm(exact));
    double mu = Arrays.stream(new EigenDecompositionSymmetric(h).getEigenvalues()).min()
        .orElseThrow();
    double rho = 1 - t * mu;
    double thetaJacobian = t * norm(closed.x()); // J_θF = −t diag(x*) for ridge
    assertTrue(errorNorm <= rho / (1 - rho) * thetaJacobian, errorNorm + " > bound "
        + rho / (1 - rho) * thetaJacobian);
  }

  private static double norm(double[] a) {
    double s = 0;
    for (double v : a) {
      s += v * v;
    }
    return Math.sqrt(s);
  }
}
