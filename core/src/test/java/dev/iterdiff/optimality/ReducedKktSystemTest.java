package dev.iterdiff.optimality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iterdiff.diff.EstimatorOptions;
import dev.iterdiff.diff.Estimators;
import dev.iterdiff.diff.JacobianEstimate;
import dev.iterdiff.diff.JacobianEstimator;
import dev.iterdiff.linalg.LinearSolveResult;
import dev.iterdiff.problem.QpGenerator;
import dev.iterdiff.problem.QpKktSystem;
import dev.iterdiff.problem.QuadraticProgram;
import dev.iterdiff.problem.QuadraticProgram.Parameter;
import dev.iterdiff.solver.InteriorPoint;
import dev.iterdiff.solver.Solution;
import dev.iterdiff.solver.Solve;
import dev.iterdiff.solver.SolveOptions;
import dev.iterdiff.solver.Storage;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Implicit differentiation through the kkt condition solved on the reduced KKT matrix
 * ({@link ReducedKktSystem}, the automatic choice: order n + p + |active|, here 35, with no
 * fallback to the full system at a solve to 1e-10) against the dense LU of the full
 * (n + p + 2m)² system ({@code --linear-solver lu}) on the paper's random QPs (n = 24, p = 6,
 * m = 12), for θ = q, b, h, Q-scale: Jacobian, VJP and JVP to 1e-9 relative; the diagnostics
 * name the method and report a residual ≤ 1e-12. Its two solves are checked against the
 * matrix-free K and Kᵀ at a strictly interior point (residual ≤ 1e-12).
 */
class ReducedKktSystemTest {

  private static double relErr(double[] a, double[] ref) {
    double num = 0;
    double den = 0;
    for (int k = 0; k < a.length; k++) {
      num += (a[k] - ref[k]) * (a[k] - ref[k]);
      den += ref[k] * ref[k];
    }
    return Math.sqrt(num / Math.max(den, 1e-300));
  }

  @ParameterizedTest
  @EnumSource(Parameter.class)
  void reducedSolveMatchesTheDenseFullSystem(Parameter part) {
    // GIVEN a QP solved to 1e-10 by the interior-point method
    QuadraticProgram qp = new QuadraticProgram(QpGenerator.generate(24, 3), part);
    double[] theta = qp.defaultTheta();
    Solution sol = Solve.run(new InteriorPoint(qp), theta, new double[24],
        new SolveOptions(100, 1e-10, Storage.lastTwo()));
    assertTrue(sol.converged());
    EstimatorOptions kkt = EstimatorOptions.defaults().withCondition(KktCondition.NAME);
    JacobianEstimator reduced = Estimators.byName("implicit", kkt);
    JacobianEstimator dense = Estimators.byName("implicit", kkt.withLinearSolver("lu", 1e-12));
    // WHEN both differentiate it
    JacobianEstimate jr = reduced.jacobian(sol);
    JacobianEstimate jd = dense.jacobian(sol);
    // THEN they agree, and the reduced path says what it did
    assertTrue(relErr(jr.jacobian(), jd.jacobian()) < 1e-9,
        part + ": " + relErr(jr.jacobian(), jd.jacobian()));
    // refinement preconditioned by the solver's last factorization; no fallback
    assertEquals("kkt-refined(solver's factorization, n+p+2m=54)",
        jr.diagnostics().linearSolver());
    assertTrue(jr.diagnostics().linearResidual() <= 1e-12,
        "residual " + jr.diagnostics().linearResidual());
    Random rng = new Random(5);
    double[] u = rng.doubles(24, -1, 1).toArray();
    double[] w = rng.doubles(theta.length, -1, 1).toArray();
    assertTrue(relErr(reduced.vjp(sol, u).value(), dense.vjp(sol, u).value()) < 1e-9, "vjp");
    assertTrue(relErr(reduced.jvp(sol, w).value(), dense.jvp(sol, w).value()) < 1e-9, "jvp");
  }

  @ParameterizedTest
  @EnumSource(Parameter.class)
  void theSolversFactorizationPreconditionsAndABadPreconditionerFallsBackToTheReducedLu(
      Parameter part) {
    // GIVEN a QP solved to 1e-10, and the right-hand sides u (for Kᵀ) and r (for K)
    QuadraticProgram qp = new QuadraticProgram(QpGenerator.generate(24, 3), part);
    double[] theta = qp.defaultTheta();
    InteriorPoint ipm = new InteriorPoint(qp);
    Solution sol = Solve.run(ipm, theta, new double[24],
        new SolveOptions(100, 1e-10, Storage.lastTwo()));
    double[] z = sol.finalState();
    int dim = z.length;
    Random rng = new Random(9);
    double[] r = rng.doubles(dim, -1, 1).toArray();
    ReducedKktSystem reference = new ReducedKktSystem(qp, z, theta, 1e-12);
    ReducedKktSystem reused = new ReducedKktSystem(qp, z, theta, 1e-12,
        ipm.kktPreconditioner(false), ipm.kktPreconditioner(true));
    ReducedKktSystem identity = new ReducedKktSystem(qp, z, theta, 1e-12,
        (v, out) -> System.arraycopy(v, 0, out, 0, dim),
        (v, out) -> System.arraycopy(v, 0, out, 0, dim));
    for (boolean transposed : new boolean[] {false, true}) {
      double[] y0 = new double[dim];
      double[] y1 = new double[dim];
      double[] y2 = new double[dim];
      reference.solve(r, y0, transposed);
      // WHEN solved with the solver's factorization as preconditioner
      LinearSolveResult fast = reused.solve(r, y1, transposed);
      // THEN a few refinement steps reach the tolerance and give the same solution
      assertTrue(fast.method().startsWith("kkt-refined"), fast.method());
      assertTrue(fast.iterations() <= 6, "refinement steps " + fast.iterations());
      assertTrue(fast.relativeResidual() <= 1e-12, "residual " + fast.relativeResidual());
      assertTrue(relErr(y1, y0) < 1e-9, part + " transposed=" + transposed + ": "
          + relErr(y1, y0));
      // and an identity "preconditioner" stalls at once: the reduced LU takes over
      LinearSolveResult slow = identity.solve(r, y2, transposed);
      assertTrue(slow.method().startsWith("reduced-kkt-lu"), slow.method());
      assertTrue(relErr(y2, y0) < 1e-9, "fallback: " + relErr(y2, y0));
    }
  }

  @ParameterizedTest
  @EnumSource(Parameter.class)
  void theBareFactorizationRefinesFirstAndABadOneHandsOverToTheRefinedOne(Parameter part) {
    // GIVEN the paper's QP (n = 60) solved to 1e-8 as in the benchmark, and a right-hand side
    int n = 60;
    QuadraticProgram qp = new QuadraticProgram(QpGenerator.generate(n, 4), part);
    double[] theta = qp.defaultTheta();
    InteriorPoint ipm = new InteriorPoint(qp);
    Solution sol = Solve.run(ipm, theta, new double[n],
        new SolveOptions(100, 1e-8, Storage.lastTwo()));
    double[] z = sol.finalState();
    int dim = z.length;
    double[] r = new Random(13).doubles(dim, -1, 1).toArray();
    ReducedKktSystem reference = new ReducedKktSystem(qp, z, theta, 1e-12);
    // the solver's operators, counted (bare: one reduced solve; refined: up to four)
    int[] calls = new int[2];
    dev.iterdiff.linalg.LinearOperator bare = counted(ipm.kktFactorization(false), calls, 0);
    dev.iterdiff.linalg.LinearOperator bareT = counted(ipm.kktFactorization(true), calls, 0);
    dev.iterdiff.linalg.LinearOperator refined = counted(ipm.kktPreconditioner(false), calls, 1);
    dev.iterdiff.linalg.LinearOperator refinedT = counted(ipm.kktPreconditioner(true), calls, 1);
    for (boolean transposed : new boolean[] {false, true}) {
      double[] y0 = new double[dim];
      reference.solve(r, y0, transposed);
      // WHEN refined with the bare reduced solve
      ReducedKktSystem fast = new ReducedKktSystem(qp, z, theta, 1e-12, bare, bareT, refined,
          refinedT);
      double[] y1 = new double[dim];
      java.util.Arrays.fill(calls, 0);
      LinearSolveResult result = fast.solve(r, y1, transposed);
      // THEN it reaches the tolerance with the bare solve alone, a few applications
      assertTrue(result.method().startsWith("kkt-refined"), result.method());
      assertTrue(result.relativeResidual() <= 1e-12, "residual " + result.relativeResidual());
      assertTrue(calls[1] == 0 && calls[0] <= 5, "bare " + calls[0] + ", refined " + calls[1]);
      assertEquals(calls[0], result.iterations() + 1, "one application per step");
      assertTrue(relErr(y1, y0) < 1e-9, part + " transposed=" + transposed + ": "
          + relErr(y1, y0));
      // and a useless bare operator (zero) stalls at once: the refined one takes over
      ReducedKktSystem handOver = new ReducedKktSystem(qp, z, theta, 1e-12,
          (v, out) -> java.util.Arrays.fill(out, 0.0),
          (v, out) -> java.util.Arrays.fill(out, 0.0), refined, refinedT);
      double[] y2 = new double[dim];
      java.util.Arrays.fill(calls, 0);
      LinearSolveResult second = handOver.solve(r, y2, transposed);
      assertTrue(second.method().startsWith("kkt-refined"), second.method());
      assertTrue(calls[1] >= 1, "refined applications " + calls[1]);
      assertTrue(second.relativeResidual() <= 1e-12, "residual " + second.relativeResidual());
      assertTrue(relErr(y2, y0) < 1e-9, "hand-over: " + relErr(y2, y0));
    }
  }

  private static dev.iterdiff.linalg.LinearOperator counted(
      dev.iterdiff.linalg.LinearOperator op, int[] calls, int slot) {
    return (v, out) -> {
      calls[slot]++;
      op.apply(v, out);
    };
  }

  @Test
  void solvesWithKAndItsTransposeReportTheirResidual() {
    QuadraticProgram qp = new QuadraticProgram(QpGenerator.generate(16, 9), Parameter.B);
    int dim = QpKktSystem.dim(qp);
    Random rng = new Random(2);
    double[] z = rng.doubles(dim, -1, 1).toArray();
    for (int i = 16 + qp.equalities(); i < dim; i++) {
      z[i] = 0.1 + Math.abs(z[i]);
    }
    double[] theta = qp.defaultTheta();
    ReducedKktSystem system = new ReducedKktSystem(qp, z, theta, 1e-12);
    for (boolean transposed : new boolean[] {false, true}) {
      double[] r = rng.doubles(dim, -1, 1).toArray();
      double[] y = new double[dim];
      LinearSolveResult result = system.solve(r, y, transposed);
      double[] back = new double[dim];
      QpKktSystem.apply(qp, z, theta, y, back, transposed);
      assertTrue(relErr(back, r) <= 1e-12, transposed + ": " + relErr(back, r));
      assertTrue(result.converged() && result.relativeResidual() <= 1e-12);
      assertEquals(system.method(), result.method());
    }
  }
}
