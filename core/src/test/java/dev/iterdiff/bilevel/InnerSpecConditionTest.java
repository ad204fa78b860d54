package dev.iterdiff.bilevel;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iterdiff.diff.DiagnosticsOptions;
import dev.iterdiff.diff.EstimatorOptions;
import dev.iterdiff.problem.LabeledData;
import dev.iterdiff.spec.EstimatorSpec;
import dev.iterdiff.spec.ProblemSpec;
import dev.iterdiff.spec.SolverSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The optimality condition of a tuning's implicit estimator is the spec's, not a hard-coded
 * stationarity: the fixed point of gradient descent gives the hypergradient finite differences
 * give, and it is the one in use (it refuses a solve of zero iterations, stationarity does not).
 */
class InnerSpecConditionTest {

  private static InnerSpec spec(String condition) {
    EstimatorOptions o = EstimatorOptions.defaults().withCondition(condition)
        .withDiagnostics(DiagnosticsOptions.none());
    return new InnerSpec(ProblemSpec.of("ridge"), HyperparameterKind.PER_FEATURE,
        new SolverSpec("gd", "1/L", 100_000, Double.NaN),
        new EstimatorSpec(List.of("implicit"), o), null, null);
  }

  @Test
  void fixedPointConditionMatchesFiniteDifferencesAndIsTheOneUsed() throws Exception {
    LabeledData data = HypergradientFiniteDifferenceTest.sample("diabetes.libsvm");
    List<Fold> folds = KFold.split(data.rows(), 3, 11L);
    InnerSpec fixedPoint = spec("fixed-point");
    double[] theta = new double[data.cols()];
    for (int j = 0; j < theta.length; j++) {
      theta[j] = 0.05 * (j + 1);
    }
    double[] hg = fixedPoint.local(data, folds).evaluate(theta, 1e-12).gradient();
    // same relative tolerance as the stationarity test of HypergradientFiniteDifferenceTest
    HypergradientFiniteDifferenceTest.assertMatches(
        HypergradientFiniteDifferenceTest.finiteDifferences(fixedPoint, data, folds, theta,
            1e-4), hg, 1e-6, "fixed-point");
    // an inner tolerance met at x0 = 0: zero iterations, no last step for the fixed point
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> fixedPoint.local(data, folds).evaluate(theta, 1e300));
    assertTrue(e.getMessage().contains("condition fixed-point needs at least one iteration"),
        e.getMessage());
    spec("stationarity").local(data, folds).evaluate(theta, 1e300);
  }
}
