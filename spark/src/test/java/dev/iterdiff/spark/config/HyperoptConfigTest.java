package dev.iterdiff.spark.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import dev.iterdiff.bilevel.OuterObjectives;
import dev.iterdiff.diff.Estimators;
import dev.iterdiff.linalg.LinearSolvers;
import dev.iterdiff.optimality.Conditions;
import dev.iterdiff.problem.Problems;
import dev.iterdiff.solver.Solvers;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Reading hyperopt configs without Spark: every name-bearing key is checked against its
 * catalog on the driver, the outer loss defaults to the problem's own, the condition is
 * selectable.
 */
class HyperoptConfigTest {

  private static HyperoptSettings parse(String extra) {
    return HyperoptConfig.parse(ConfigFactory.parseString("hyperopt { data = "
        + "[\"data-samples/diabetes.libsvm\"], " + extra + " }").resolve());
  }

  static Stream<Arguments> nameKeys() {
    List<String> losses = new ArrayList<>(List.of("auto"));
    losses.addAll(OuterObjectives.NAMES);
    return Stream.of(
        Arguments.of("problem", "svm", "problem", Problems.NAMES),
        Arguments.of("outer-loss", "hinge", "outer loss", losses),
        Arguments.of("inner.solver", "sgd", "solver", Solvers.NAMES),
        Arguments.of("inner.estimator", "magic", "estimator", Estimators.NAMES),
        Arguments.of("inner.linear-solver", "qr", "linear solver", LinearSolvers.CHOICES),
        Arguments.of("inner.condition", "karush", "optimality condition", Conditions.NAMES));
  }

  @ParameterizedTest(name = "{0} = {1}")
  @MethodSource("nameKeys")
  void everyNameIsCheckedBeforeSparkWithTheFullKeyAndTheValidNames(String key, String value,
      String kind, List<String> valid) {
    JobConfigException e = assertThrows(JobConfigException.class,
        () -> parse(key + " = " + value));
    assertEquals("hyperopt." + key, e.key());
    assertTrue(e.getMessage().startsWith("hyperopt." + key + ": unknown " + kind + " '" + value
        + "' (valid: " + String.join(", ", valid) + ")"), e.getMessage());
  }

  @Test
  void theBriefsExampleMessage() {
    JobConfigException e = assertThrows(JobConfigException.class,
        () -> parse("inner { linear-solver = qr }"));
    assertTrue(e.getMessage().startsWith("hyperopt.inner.linear-solver: unknown linear solver "
        + "'qr' (valid: auto, cholesky, lu, cg, gmres, bicgstab, neumann)"), e.getMessage());
  }

  @Test
  void theOuterLossIsTheProblemsOwnUnlessGiven() {
    assertEquals("squared", parse("").inner().outerLoss());
    assertEquals("logistic", parse("problem = logistic").inner().outerLoss());
    assertEquals("logistic", parse("problem = weighted-logistic").inner().outerLoss());
    assertEquals("squared", parse("problem = weighted-ridge").inner().outerLoss());
    assertEquals("squared", parse("problem = logistic, outer-loss = squared").inner()
        .outerLoss());
    assertEquals("logistic", parse("problem = logistic, outer-loss = auto").inner()
        .outerLoss());
  }

  @Test
  void theConditionAndTheOtherInnerNamesReachTheSpec() {
    HyperoptSettings s = parse("inner { solver = GD, step = \"1/L\", condition = fixed-point, "
        + "linear-solver = LU }");
    assertEquals("gd", s.inner().solver());
    assertEquals("fixed-point", s.inner().condition());
    assertEquals("lu", s.inner().estimatorSpec().options().linearSolver());
    assertEquals("auto", parse("").inner().condition());
    assertEquals(1e-12, parse("").inner().estimatorSpec().options().linearTolerance());
  }

  @Test
  void stepsAndTruncationAreCheckedOnTheDriver() {
    JobConfigException e = assertThrows(JobConfigException.class,
        () -> parse("inner { solver = newton, step = \"1/L\" }"));
    assertEquals("hyperopt.inner.step", e.key());
    assertTrue(e.getMessage().contains("does not apply to newton"), e.getMessage());
    e = assertThrows(JobConfigException.class,
        () -> parse("inner { estimator = truncated, truncation = 0 }"));
    assertTrue(e.getMessage().startsWith("hyperopt.inner"), e.getMessage());
    assertTrue(e.getMessage().contains("truncation K >= 1, got 0"), e.getMessage());
    e = assertThrows(JobConfigException.class, () -> parse("inner { max-iterations = 0 }"));
    assertEquals("hyperopt.inner.max-iterations", e.key());
  }
}
