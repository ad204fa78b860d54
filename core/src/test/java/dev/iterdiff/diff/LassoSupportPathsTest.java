package dev.iterdiff.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iterdiff.data.ConditionedRegression;
import dev.iterdiff.linalg.CsrMatrix;
import dev.iterdiff.optimality.ActiveSetSystem;
import dev.iterdiff.optimality.ProxGradientFixedPoint;
import dev.iterdiff.problem.LabeledData;
import dev.iterdiff.problem.Problem;
import dev.iterdiff.problem.Problems;
import dev.iterdiff.solver.ProximalGradient;
import dev.iterdiff.solver.Solution;
import dev.iterdiff.solver.Solve;
import dev.iterdiff.solver.SolveOptions;
import dev.iterdiff.solver.Solvers;
import dev.iterdiff.solver.Storage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every way the lasso's support-restricted implicit system is formed and solved — M's block
 * gathered from the AᵀA a FISTA solve formed for its step 1/L, formed from the gathered
 * columns A_S by dsyrk (no AᵀA yet), padded Hessian-vector products (sparse A); Cholesky or
 * CG — gives the closed form J_S = −(A_SᵀA_S/N)⁻¹ sign(x_S), zero off S (relative 1e-9), and
 * the hypergradient of ½‖x*‖² (the benchmark's prox-lasso VJP) matches central differences
 * of θ₁ ↦ x*(θ₁) (relative 1e-6; x* is piecewise linear in θ₁, so only the solve tolerance
 * limits them). Data: {@link ConditionedRegression} N = 80, p = 40, κ = 30, as the benchmark.
 */
class LassoSupportPathsTest {

  private static final LabeledData DATA = ConditionedRegression.generate(80, 40, 30, 20231);
  private static final double TOL = 1e-13;

  private static double theta1(LabeledData d) {
    double max = 0;
    for (int j = 0; j < d.cols(); j++) {
      double c = 0;
      for (int i = 0; i < d.rows(); i++) {
        c += d.get(i, j) * d.labels()[i];
      }
      max = Math.max(max, Math.abs(c) / d.rows());
    }
    return 0.1 * max;
  }

  private static Solution fista(Problem lasso, double theta) {
    return Solve.run(Solvers.create("fista", lasso, null), new double[] {theta},
        new double[lasso.dim()], new SolveOptions(200_000, TOL, Storage.lastTwo()));
  }

  private static double relErr(double[] a, double[] b) {
    double d = 0;
    double n = 0;
    for (int i = 0; i < a.length; i++) {
      d += (a[i] - b[i]) * (a[i] - b[i]);
      n += b[i] * b[i];
    }
    return Math.sqrt(d / n);
  }

  @Test
  void theBenchmarkVjpMatchesTheClosedFormAndCentralDifferences() {
    // GIVEN the lasso solved by FISTA (which formed AᵀA for 1/L) at θ₁ = 0.1·‖Aᵀb‖∞/N
    Problem lasso = Problems.create("lasso", DATA, 1, 1.0);
    double theta = theta1(DATA);
    Solution sol = fista(lasso, theta);
    double[] u = sol.x();
    // WHEN the implicit VJP uᵀJ with u = x* (∇ of ½‖x*‖²), as bench estimators times it
    VectorEstimate vjp = Estimators.byName("implicit",
        EstimatorOptions.defaults().withCondition("prox-gradient")).vjp(sol, u);
    assertTrue(vjp.diagnostics().linearSolver().startsWith("active-set-cholesky"),
        vjp.diagnostics().linearSolver());
    // THEN it is uᵀ J_closed-form
    double[] closed = LassoDiabetesTest.closedForm(DATA, sol.x());
    double expected = 0;
    for (int i = 0; i < u.length; i++) {
      expected += u[i] * closed[i];
    }
    assertEquals(expected, vjp.value()[0], 1e-9 * Math.abs(expected));
    // AND the central difference of ½‖x*(θ₁)‖² (the support does not change within ±h)
    double h = 1e-4 * theta;
    double[] plus = fista(lasso, theta + h).x();
    double[] minus = fista(lasso, theta - h).x();
    double fd = (0.5 * dot(plus, plus) - 0.5 * dot(minus, minus)) / (2 * h);
    assertEquals(support(plus), support(sol.x()));
    assertEquals(support(minus), support(sol.x()));
    assertEquals(fd, vjp.value()[0], 1e-6 * Math.abs(fd));
  }

  @ParameterizedTest(name = "{0}, {1}")
  @CsvSource({"gram, cholesky", "gram, cg", "columns, cholesky", "columns, cg", "sparse, cg"})
  void everyFormationAndSolveGivesTheClosedFormJacobian(String formation, String method) {
    // GIVEN x* from FISTA, and the condition on a problem whose design has formed AᵀA
    // ("gram": the solver's own), has not ("columns": a fresh problem on the same data), or
    // is sparse ("sparse": padded Hessian-vector products)
    double theta = theta1(DATA);
    Problem solved = Problems.create("lasso", DATA, 1, 1.0);
    Solution sol = fista(solved, theta);
    double eta = ((ProximalGradient) sol.solver()).step(sol.theta());
    ProxGradientFixedPoint condition = switch (formation) {
      case "gram" -> ProxGradientFixedPoint.of(sol);
      case "columns" -> new ProxGradientFixedPoint(Problems.create("lasso", DATA, 1, 1.0), eta);
      default -> new ProxGradientFixedPoint(Problems.create("lasso", LabeledData.sparse(
          CsrMatrix.fromDense(DATA.rows(), DATA.cols(), DATA.a()), DATA.labels(), "sparse"), 1,
          1.0), eta);
    };
    ActiveSetSystem system = condition.activeSet(sol.x(), sol.theta(), 1e-12, 1, method);
    // (without a restricted Hessian — sparse A — the system has no matrix to factor: CG)
    String used = formation.equals("sparse") ? "cg" : method;
    assertEquals("active-set-" + used + "(|S|=" + support(sol.x()) + " of 40)",
        system.method());
    // WHEN (∂ₓG) y = ∂_θG e₁, twice (the factor is reused)
    double[] r = new double[40];
    condition.jvpTheta(sol.x(), sol.theta(), new double[] {1.0}, r);
    double[] closed = LassoDiabetesTest.closedForm(DATA, sol.x());
    for (int call = 0; call < 2; call++) {
      double[] y = new double[40];
      system.solveForward(r, y);
      double[] column = new double[40];
      for (int i = 0; i < 40; i++) {
        column[i] = -y[i];
        if (sol.x()[i] == 0) {
          assertEquals(0.0, column[i], 0.0, "off the support");
        }
      }
      // THEN J e₁ = −y is the closed form
      assertTrue(relErr(column, closed) < 1e-9, formation + " " + method + " call " + call
          + ": " + relErr(column, closed));
    }
  }

  @Test
  void theConditionOfAProxGradientSolveReusesTheSolversGradientAtXk() {
    // GIVEN the lasso with its smooth part counting gradient evaluations, solved by FISTA
    dev.iterdiff.problem.PenalizedProblem base =
        (dev.iterdiff.problem.PenalizedProblem) Problems.create("lasso", DATA, 1, 1.0);
    CountingSmooth smooth = new CountingSmooth(base.smooth());
    Problem lasso = new dev.iterdiff.problem.PenalizedProblem("lasso", smooth, base.nonsmooth());
    Solution sol = fista(lasso, theta1(DATA));
    double[] r = new double[40];
    // WHEN the condition of the solution forms its support system and ∂_θG at x_k
    int before = smooth.gradients;
    ProxGradientFixedPoint shared = ProxGradientFixedPoint.of(sol);
    ActiveSetSystem system = shared.activeSet(sol.x(), sol.theta(), 1e-12, 1);
    shared.jvpTheta(sol.x(), sol.theta(), new double[] {1.0}, r);
    // THEN no gradient is evaluated: the solver's last residual cached ∇f(x_k)
    assertEquals(before, smooth.gradients);
    double[] y = new double[40];
    system.solveForward(r, y);
    // AND a condition with a step of its own evaluates it once, for the same system
    ProxGradientFixedPoint own = new ProxGradientFixedPoint(lasso, shared.eta());
    ActiveSetSystem again = own.activeSet(sol.x(), sol.theta(), 1e-12, 1);
    double[] r2 = new double[40];
    own.jvpTheta(sol.x(), sol.theta(), new double[] {1.0}, r2);
    assertEquals(before + 1, smooth.gradients);
    assertEquals(system.method(), again.method());
    double[] y2 = new double[40];
    again.solveForward(r2, y2);
    assertTrue(relErr(y2, y) < 1e-12, "same system: " + relErr(y2, y));
  }

  /** The smooth part of a lasso, counting gradient evaluations. */
  private static final class CountingSmooth implements Problem {
    private final Problem p;
    int gradients;

    CountingSmooth(Problem p) {
      this.p = p;
    }

    @Override public String name() { return p.name(); }
    @Override public int dim() { return p.dim(); }
    @Override public int thetaDim() { return p.thetaDim(); }
    @Override public void checkTheta(double[] t) { p.checkTheta(t); }
    @Override public double value(double[] x, double[] t) { return p.value(x, t); }

    @Override
    public void gradient(double[] x, double[] t, double[] out) {
      gradients++;
      p.gradient(x, t, out);
    }

    @Override public void hvp(double[] x, double[] t, double[] v, double[] o) { p.hvp(x, t, v, o); }
    @Override public void crossJvp(double[] x, double[] t, double[] w, double[] o) {
      p.crossJvp(x, t, w, o);
    }
    @Override public void crossVjp(double[] x, double[] t, double[] u, double[] o) {
      p.crossVjp(x, t, u, o);
    }
    @Override public double lipschitz(double[] t) { return p.lipschitz(t); }
    @Override public double strongConvexity(double[] t) { return p.strongConvexity(t); }
    @Override
    public dev.iterdiff.problem.SupportHessian supportHessian(double[] x, double[] t, int[] s) {
      return p.supportHessian(x, t, s);
    }
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  private static int support(double[] x) {
    int k = 0;
    for (double v : x) {
      k += v != 0 ? 1 : 0;
    }
    return k;
  }
}
