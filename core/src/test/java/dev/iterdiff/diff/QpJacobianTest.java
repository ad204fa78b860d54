package dev.iterdiff.diff;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iterdiff.problem.QpGenerator;
import dev.iterdiff.problem.QuadraticProgram;
import dev.iterdiff.problem.QuadraticProgram.Parameter;
import dev.iterdiff.solver.InteriorPoint;
import dev.iterdiff.solver.Solution;
import dev.iterdiff.solver.Solve;
import dev.iterdiff.solver.SolveOptions;
import dev.iterdiff.solver.Storage;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Jacobians of x*(θ) for θ = q, b, h, Q-scale on the paper's random QPs (n = 12) against the
 * central difference (x*(θ + h e_j) − x*(θ − h e_j))/(2h) of solves to 1e-11, h = 1e-5
 * (error O(h²·|x'''|) + O(1e-11/h)): implicit (kkt) to 1e-5 relative. For θ = h, h is
 * moved so that every other inequality is active (the generator's are mostly slack).
 */
class QpJacobianTest {

  static double[] solve(QuadraticProgram qp, double[] theta, double tol) {
    Solution s = Solve.run(new InteriorPoint(qp), theta, new double[qp.dim()],
        new SolveOptions(200, tol, Storage.lastTwo()));
    assertTrue(s.converged(), "residual " + s.residual());
    return s.x();
  }

  @ParameterizedTest
  @EnumSource(Parameter.class)
  void implicitKktMatchesCentralDifferences(Parameter part) {
    QuadraticProgram qp = new QuadraticProgram(QpGenerator.generate(12, 11), part);
    double[] theta = qp.defaultTheta();
    int n = qp.dim();
    if (part == Parameter.H) { // make every other inequality active, the rest slack by 0.5
      double[] x = solve(qp, theta, 1e-11);
      dev.iterdiff.linalg.Blas.gemv(false, theta.length, n, 1.0, qp.data().g(), x, 0.0, theta);
      for (int i = 0; i < theta.length; i++) {
        theta[i] += i % 2 == 0 ? -0.3 : 0.5;
      }
    }
    Solution sol = Solve.run(new InteriorPoint(qp), theta, new double[n],
        new SolveOptions(200, 1e-11, Storage.lastTwo()));
    JacobianEstimator est = Estimators.CATALOG.get("implicit").factory()
        .create(EstimatorOptions.defaults().withCondition("kkt"));
    double[] j = est.jacobian(sol).jacobian();
    double[] fd = new double[j.length];
    double h = 1e-5;
    for (int c = 0; c < theta.length; c++) {
      double[] tp = theta.clone();
      double[] tm = theta.clone();
      tp[c] += h;
      tm[c] -= h;
      double[] xp = solve(qp, tp, 1e-11);
      double[] xm = solve(qp, tm, 1e-11);
      for (int i = 0; i < n; i++) {
        fd[i + c * n] = (xp[i] - xm[i]) / (2 * h);
      }
    }
    double num = 0;
    double den = 0;
    for (int k = 0; k < j.length; k++) {
      num += (j[k] - fd[k]) * (j[k] - fd[k]);
      den += fd[k] * fd[k];
    }
    assertTrue(Math.sqrt(num / den) < 1e-5, part + ": relative error " + Math.sqrt(num / den)
        + " |J| " + Math.sqrt(den));
  }
}
