package dev.iterdiff.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iterdiff.catalog.UnknownNameException;
import dev.iterdiff.diff.EstimatorOptions;
import dev.iterdiff.diff.Estimators;
import dev.iterdiff.problem.LabeledData;
import dev.iterdiff.problem.RandomDatasets;
import dev.iterdiff.solver.Solution;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The typed specs check their names against the catalogs; the builder makes a kernel. */
class InnerKernelTest {

  private final LabeledData data = RandomDatasets.regression(40, 4, 7L);

  @Test
  void specsCanonicalizeAndRejectUnknownNamesWithTheValidOnes() {
    assertEquals("gd", new SolverSpec("Gradient-Descent", " 1/L ", 10, Double.NaN).name());
    assertEquals("1/L", new SolverSpec("gd", " 1/L ", 10, Double.NaN).step());
    assertEquals(null, new SolverSpec("newton", "", 10, Double.NaN).step());
    UnknownNameException e = assertThrows(UnknownNameException.class,
        () -> ProblemSpec.of("lasso"));
    assertEquals("unknown problem 'lasso' (valid: "
        + String.join(", ", dev.iterdiff.problem.Problems.NAMES) + ")", e.getMessage());
    assertThrows(UnknownNameException.class, () -> EstimatorSpec.of("magic"));
    IllegalArgumentException s = assertThrows(IllegalArgumentException.class,
        () -> new SolverSpec("newton", "1/L", 10, Double.NaN));
    assertEquals("--step: '1/L' does not apply to newton (expected line-search or a fixed step "
        + "in (0, 1])", s.getMessage());
    s = assertThrows(IllegalArgumentException.class,
        () -> new EstimatorSpec(List.of("implicit", "IMPLICIT"), null));
    assertTrue(s.getMessage().contains("'implicit' is repeated"), s.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new ProblemSpec("ridge", -1));
  }

  @Test
  void theOuterLossIsTheProblemEntrysOwn() {
    assertEquals("squared", ProblemSpec.of("ridge").outerLoss());
    assertEquals("logistic", ProblemSpec.of("weighted-logistic").outerLoss());
  }

  @Test
  void theKernelKeepsWhatEveryEstimatorNeedsAndItsImplicitJacobianMatchesDifferences() {
    SolverSpec solver = new SolverSpec("newton", null, 50, 1e-13);
    EstimatorSpec estimators = new EstimatorSpec(List.of("implicit", "one-step"), null);
    InnerKernel k = InnerKernel.build(ProblemSpec.of("ridge"), solver, estimators, data, 1);
    assertEquals(Estimators.requiredStorage(List.of("implicit", "one-step"), 50,
        EstimatorOptions.defaults()), k.options().storage());
    assertEquals(2, k.estimators().size());
    double lambda = 0.3;
    Solution sol = k.solve(new double[] {lambda}, new double[4]);
    double[] j = k.estimators().get(0).jacobian(sol).jacobian();
    // independent reference: central differences of x*(λ), each solved by Newton to 1e-13
    double h = 1e-5;
    double[] plus = k.solve(new double[] {lambda + h}, new double[4]).x();
    double[] minus = k.solve(new double[] {lambda - h}, new double[4]).x();
    for (int i = 0; i < 4; i++) {
      double fd = (plus[i] - minus[i]) / (2 * h);
      assertEquals(fd, j[i], 1e-7 * (1 + Math.abs(fd)), "J[" + i + "]");
    }
    InnerKernel more = k.withStorage(dev.iterdiff.solver.Storage.full());
    assertEquals(dev.iterdiff.solver.Storage.full(), more.options().storage());
  }
}
