package dev.iterdiff.spark.config;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iterdiff.bilevel.OuterObjectives;
import dev.iterdiff.diff.Estimators;
import dev.iterdiff.linalg.LinearSolvers;
import dev.iterdiff.optimality.Conditions;
import dev.iterdiff.problem.Problems;
import dev.iterdiff.solver.Solvers;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Reading sweep configs: the happy path, overrides, and every kind of bad config. */
public class SweepConfigTest {

  public static final String BASE = """
      sweep {
        name = test-sweep
        data = [ { name = d1, path = "data-samples/diabetes.libsvm" } ]
        problem { name = ridge }
        solver { name = gd, iterations = 50, step = "1/L" }
        theta {
          mode = grid
          coordinates = [ { log { from = 0.01, to = 10, count = 4 } } ]
        }
        estimators = [implicit, one-step]
        reference { estimator = implicit, iterations = 500, tol = 1e-12 }
        output { path = "target/x", overwrite = true }
      }
      """;

  static SweepConfig parse(String text, Map<String, String> overrides) {
    return SweepConfig.parse(text, overrides);
  }

  static JobConfigException bad(String text, Map<String, String> overrides) {
    return assertThrows(JobConfigException.class, () -> parse(text, overrides));
  }

  @Test
  void readsEverySection() {
    SweepConfig c = parse(BASE, Map.of());
    assertEquals("test-sweep", c.name());
    assertEquals(List.of(new SweepConfig.DataSource("d1", "data-samples/diabetes.libsvm", -1)),
        c.data());
    assertEquals("ridge", c.problem().name());
    assertEquals(1.0, c.problem().alpha());
    assertEquals(50, c.solver().iterations());
    assertTrue(Double.isNaN(c.solver().tolerance()));
    assertEquals(List.of("implicit", "one-step"), c.estimators());
    assertEquals(new SweepConfig.ReferenceSpec("implicit", null, 500, 1e-12), c.reference());
    assertNull(c.outer());
    assertEquals(ThetaSpec.Mode.GRID, c.theta().mode());
    assertArrayEquals(new double[] {0.01, 0.1, 1, 10}, c.theta().coordinates().get(0).points(),
        1e-12);
    assertTrue(c.output().overwrite());
    assertEquals(0, c.partitions());
  }

  @Test
  void overridesApplyWithOrWithoutThePrefix() {
    Map<String, String> o = new LinkedHashMap<>();
    o.put("solver.iterations", "17");
    o.put("sweep.estimators", "unrolled-forward,truncated");
    o.put("output.path", "file:///tmp/a//b");
    o.put("theta.coordinates", "[{values = [1, 2]}, {linear {from = 0, to = 1, count = 3}}]");
    o.put("outer", "{loss = auto, validation-fraction = 0.3}");
    SweepConfig c = parse(BASE, o);
    assertEquals(17, c.solver().iterations());
    assertEquals(List.of("unrolled-forward", "truncated"), c.estimators());
    assertEquals("file:///tmp/a//b", c.output().path());
    assertEquals(2, c.theta().coordinates().size());
    assertArrayEquals(new double[] {0, 0.5, 1}, c.theta().coordinates().get(1).points(), 0);
    assertEquals(new SweepConfig.OuterSpec("squared", 0.3, 0), c.outer());
  }

  @Test
  void unknownKeysAreNamed() {
    JobConfigException e = bad(BASE, Map.of("solver.iterationz", "5"));
    assertEquals("sweep.solver.iterationz", e.key());
    assertTrue(e.getMessage().startsWith("sweep.solver.iterationz: unknown key"), e.getMessage());
    assertTrue(e.getMessage().contains("iterations"), e.getMessage());
    assertEquals("sweep.colour", bad(BASE, Map.of("colour", "red")).key());
    assertEquals("other", bad(BASE + "\nother = 1\n", Map.of()).key());
    assertEquals("sweep.theta.coordinates[0].logg", bad(BASE,
        Map.of("theta.coordinates", "[{logg {from = 1, to = 2, count = 2}}]")).key());
  }

  @Test
  void wrongTypesAreNamedWithTheValue() {
    JobConfigException e = bad(BASE, Map.of("solver.iterations", "many"));
    assertEquals("sweep.solver.iterations", e.key());
    assertTrue(e.getMessage().contains("expected an integer") && e.getMessage().contains("many"),
        e.getMessage());
    String fileOrigin = BASE.replace("iterations = 50,", "iterations = [1, 2.5],");
    e = bad(fileOrigin, Map.of());
    assertEquals("sweep.solver.iterations", e.key(), e.getMessage());
    assertTrue(e.getMessage().contains(": 5)"), e.getMessage());
    assertEquals("sweep.output.overwrite", bad(BASE, Map.of("output.overwrite", "maybe")).key());
    assertEquals("sweep.problem", bad(BASE, Map.of("problem", "ridge")).key());
    assertEquals("sweep.theta.coordinates[0].log.from",
        bad(BASE.replace("from = 0.01", "from = abc"), Map.of()).key());
  }

  @Test
  void emptyGridsAreRejected() {
    assertEquals("sweep.theta.coordinates", bad(BASE, Map.of("theta.coordinates", "[]")).key());
    JobConfigException e = bad(BASE, Map.of("theta.coordinates", "[{values = []}]"));
    assertEquals("sweep.theta.coordinates[0].values", e.key());
    assertTrue(e.getMessage().contains("empty"), e.getMessage());
    assertEquals("sweep.theta.coordinates[0].log.count",
        bad(BASE.replace("count = 4", "count = 0"), Map.of()).key());
    assertEquals("sweep.theta.samples", bad(BASE, Map.of("theta.mode", "random")).key());
    assertEquals("sweep.data", bad(BASE, Map.of("data", "[]")).key());
    assertEquals("sweep.estimators", bad(BASE, Map.of("estimators", "[]")).key());
  }

  @Test
  void badValuesAreNamed() {
    assertEquals("sweep.problem.name", bad(BASE, Map.of("problem.name", "svm")).key());
    assertEquals("sweep.solver.name", bad(BASE, Map.of("solver.name", "adam")).key());
    JobConfigException e = bad(BASE, Map.of("estimators", "implicit,two-step"));
    assertEquals("sweep.estimators", e.key());
    assertTrue(e.getMessage().contains("two-step"), e.getMessage());
    assertEquals("sweep.solver.tol", bad(BASE, Map.of("solver.tol", "-1")).key());
    JobConfigException step = bad(BASE, Map.of("solver.name", "newton"));
    assertEquals("sweep.solver.step", step.key());
    assertTrue(step.getMessage().contains("1/L"), step.getMessage());
    assertEquals("sweep.solver.step", bad(BASE, Map.of("solver.step", "fast")).key());
    assertEquals("sweep.theta.coordinates[0].log.from",
        bad(BASE.replace("from = 0.01", "from = 0"), Map.of()).key());
    assertEquals("sweep.theta.mode", bad(BASE, Map.of("theta.mode", "lattice")).key());
    assertEquals("sweep.outer.validation-fraction",
        bad(BASE, Map.of("outer", "{validation-fraction = 1.5}")).key());
    assertEquals("sweep.output.path", bad(BASE, Map.of("output", "{overwrite = true}")).key());
    assertEquals("sweep.theta.file", bad(BASE.replace("mode = grid", "mode = file")
        .replace("coordinates = [ { log { from = 0.01, to = 10, count = 4 } } ]", ""),
        Map.of()).key());
  }

  @Test
  void missingFileIsNamed() {
    JobConfigException e = assertThrows(JobConfigException.class,
        () -> SweepConfig.load(new java.io.File("conf/no-such.conf"), Map.of()));
    assertEquals("--config", e.key());
    assertTrue(e.getMessage().contains("no-such.conf"), e.getMessage());
  }

  /** Every key that names a catalog entry: (override key, value, kind, valid names). */
  static Stream<Arguments> nameKeys() {
    List<String> losses = new ArrayList<>(List.of("auto"));
    losses.addAll(OuterObjectives.NAMES);
    return Stream.of(
        Arguments.of("problem.name", "svm", "problem", Problems.NAMES),
        Arguments.of("solver.name", "adam", "solver", Solvers.NAMES),
        Arguments.of("estimators", "implicit,two-step", "estimator", Estimators.NAMES),
        Arguments.of("reference.estimator", "magic", "estimator", Estimators.NAMES),
        Arguments.of("reference.solver", "lbfgs", "solver", Solvers.NAMES),
        Arguments.of("outer.loss", "hinge", "outer loss", losses),
        Arguments.of("estimator-options.linear-solver", "qr", "linear solver",
            LinearSolvers.CHOICES),
        Arguments.of("estimator-options.condition", "karush", "optimality condition",
            Conditions.NAMES));
  }

  @ParameterizedTest(name = "{0} = {1}")
  @MethodSource("nameKeys")
  void everyNameIsCheckedAgainstItsCatalogWithTheValidNames(String key, String value,
      String kind, List<String> valid) {
    String bad = value.contains(",") ? value.substring(value.indexOf(',') + 1) : value;
    JobConfigException e = bad(BASE, Map.of(key, value));
    assertEquals("sweep." + key, e.key());
    assertTrue(e.getMessage().startsWith("sweep." + key + ": unknown " + kind + " '" + bad
        + "' (valid: " + String.join(", ", valid) + ")"), e.getMessage());
    assertTrue(e.getMessage().endsWith("(--set sweep." + key + ")"), e.getMessage());
  }

  @Test
  void theLinearSolverMessageListsAutoFirst() {
    assertTrue(bad(BASE, Map.of("estimator-options.linear-solver", "qr")).getMessage()
        .startsWith("sweep.estimator-options.linear-solver: unknown linear solver 'qr' (valid: "
            + "auto, cholesky, lu, cg, gmres, bicgstab, neumann)"));
  }

  @Test
  void namesAreCanonicalAndTheOuterLossIsTheProblemsOwn() {
    Map<String, String> o = new LinkedHashMap<>();
    o.put("solver.name", "Gradient-Descent");
    o.put("estimators", "IMPLICIT");
    o.put("estimator-options.linear-solver", "Cholesky");
    SweepConfig c = parse(BASE, o);
    assertEquals("gd", c.solver().name());
    assertEquals(List.of("implicit"), c.estimators());
    assertEquals("cholesky", c.estimatorOptions().linearSolver());
    // auto: the problem entry's outer loss — weighted-logistic is a classifier, too
    assertEquals("logistic", parse(BASE, Map.of("problem.name", "weighted-logistic",
        "outer", "{loss = auto}")).outer().loss());
    assertEquals("squared", parse(BASE, Map.of("problem.name", "weighted-ridge",
        "outer", "{loss = auto}")).outer().loss());
  }

  @Test
  void estimatorDefaultsAreTheCoresDefaults() {
    var d = dev.iterdiff.diff.EstimatorOptions.defaults();
    var eo = parse(BASE, Map.of()).estimatorOptions();
    assertEquals(d.linearTolerance(), eo.linearTolerance());
    assertEquals(1e-12, eo.linearTolerance());
    assertEquals(d.linearSolver(), eo.linearSolver());
    assertEquals(d.condition(), eo.condition());
    assertEquals(dev.iterdiff.optimality.Conditions.AUTO, eo.condition());
    assertEquals(SweepConfig.DEFAULT_TRUNCATED_K, eo.truncatedK());
  }

  @Test
  void iterationsTakeAScalarAListOrAGrid() {
    SweepConfig scalar = parse(BASE, Map.of());
    assertEquals(List.of(50), scalar.iterationGrid());
    assertEquals(false, scalar.sweepsIterations());
    assertEquals(List.of(500), parse(BASE, Map.of("solver.iterations", "500")).iterationGrid());

    SweepConfig list = parse(BASE, Map.of("solver.iterations", "[10,100,1000]"));
    assertEquals(List.of(10, 100, 1000), list.iterationGrid());
    assertTrue(list.sweepsIterations());
    assertEquals(1000, list.solver().iterations()); // the solver's budget is the largest
    assertEquals(10, list.minIterations());
    // the order given is kept; --iterations passes a comma-separated string
    assertEquals(List.of(300, 20), parse(BASE, Map.of("solver.iterations", "300, 20"))
        .iterationGrid());
    assertEquals(List.of(5, 7), parse(BASE.replace("iterations = 50,",
        "iterations { values = [5, 7] },"), Map.of()).iterationGrid());
    // a log grid is rounded to integers and the repeats dropped
    assertEquals(List.of(10, 32, 100, 316, 1000), parse(BASE, Map.of("solver.iterations",
        "{ log { from = 10, to = 1000, count = 5 } }")).iterationGrid());
    assertEquals(List.of(1, 2, 3), parse(BASE, Map.of("solver.iterations",
        "{ log { from = 1, to = 3, count = 6 } }")).iterationGrid());
    assertEquals(List.of(10, 20, 30), parse(BASE, Map.of("solver.iterations",
        "{ linear { from = 10, to = 30, count = 3 } }")).iterationGrid());
    // the resolved config keeps the list as given
    assertTrue(list.resolved().contains("[10,100,1000]"), list.resolved());
    assertEquals(List.of(7), list.withIterations(List.of(7)).iterationGrid());
    assertEquals(7, list.withIterations(List.of(7)).solver().iterations());
  }

  @Test
  void badIterationCountsAreOneLineNamingTheKeyAndTheValue() {
    String[][] cases = {
        {"[10, 1.5]", "item 2 of [10,1.5]", "is 1.5, not an integer"},
        {"[10, 0]", "must be >= 1", "item 2 of [10,0] (--set sweep.solver.iterations) is 0"},
        {"-3", "must be >= 1", "got -3"},
        {"0", "must be >= 1", "got 0"},
        {"[]", "empty list", "[]"},
        {"[10, 10]", "repeated iteration count 10", "[10,10]"},
        {"many", "expected an integer >= 1, a list of them", "many"},
        {"[10, many]", "expected an integer >= 1, a list of them", "[10,\"many\"]"},
        {"[[1]]", "expected an integer >= 1, a list of them", "[[1]]"},
        {"{ values = [2, 2.5] }", "not an integer", "2.5"},
        {"{ values = [3, 3] }", "repeated iteration count 3", ""},
        {"{ linear { from = 0, to = 10, count = 3 } }", "must be >= 1", "gives 0"},
        {"3000000000", "at most 2147483647", "3000000000"},
    };
    for (String[] c : cases) {
      JobConfigException e = bad(BASE, Map.of("solver.iterations", c[0]));
      assertEquals("sweep.solver.iterations", e.key(), c[0] + ": " + e.getMessage());
      assertTrue(e.getMessage().startsWith("sweep.solver.iterations: "), e.getMessage());
      assertTrue(e.getMessage().contains(c[1]) && e.getMessage().contains(c[2]),
          c[0] + " -> " + e.getMessage());
      assertTrue(!e.getMessage().contains("\n"), e.getMessage());
      assertTrue(e.getMessage().contains("--set sweep.solver.iterations")
          || c[0].startsWith("{"), "says where the value came from: " + e.getMessage());
    }
    JobConfigException e = bad(BASE, Map.of("solver.iterations",
        "{ log { from = 10, to = 100, count = 0 } }"));
    assertEquals("sweep.solver.iterations.log.count", e.key(), e.getMessage());
    // truncation must fit the smallest budget
    e = bad(BASE.replace("[implicit, one-step]", "[truncated]"), Map.of("solver.iterations",
        "[5, 100]"));
    assertEquals("sweep.estimator-options.truncated-k", e.key());
    assertTrue(e.getMessage().contains("the smallest of [5, 100]"), e.getMessage());
  }
}
