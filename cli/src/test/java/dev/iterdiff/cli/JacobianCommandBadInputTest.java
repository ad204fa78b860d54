package dev.iterdiff.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iterdiff.problem.Problems;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every bad input of {@code iterdiff jacobian} ends with a non-zero status, nothing on
 * stdout, and ONE line on stderr naming the option (or file and line) and the value.
 */
class JacobianCommandBadInputTest {

  @TempDir
  Path dir;

  private Path good;

  @BeforeEach
  void writeGoodData() throws IOException {
    good = dir.resolve("good.libsvm");
    Files.writeString(good, "1 1:1 2:0.5\n-1 1:-0.5 2:1\n0.5 1:2 2:-1\n2 1:0.1 2:0.3\n");
  }

  /** The ridge/gd/implicit command line with some options replaced or added. */
  private List<String> args(String... overrides) {
    List<String> a = new ArrayList<>(List.of("jacobian", "--problem", "ridge", "--data",
        good.toString(), "--theta", "0.1", "--solver", "gd", "--iterations", "50",
        "--estimator", "implicit", "--format", "json"));
    for (int i = 0; i < overrides.length; i += 2) {
      int at = a.indexOf(overrides[i]);
      if (at >= 0) {
        a.set(at + 1, overrides[i + 1]);
      } else {
        a.add(overrides[i]);
        a.add(overrides[i + 1]);
      }
    }
    return a;
  }

  /** Runs, checks status, empty stdout, one stderr line; returns that line. */
  private static String failure(int status, List<String> args) {
    CommandRun r = CommandRun.of(args.toArray(new String[0]));
    assertEquals(status, r.status(), "status; stderr: " + r.err());
    assertEquals("", r.out(), "stdout");
    assertEquals(1, r.errLines().length, "one line on stderr: " + r.err());
    return r.errLines()[0];
  }

  @Test
  void theGoodCommandLineWorks() {
    CommandRun r = CommandRun.of(args().toArray(new String[0]));
    assertEquals(0, r.status(), r.err());
  }

  @Test
  void unknownProblem() {
    assertEquals("iterdiff jacobian: --problem: unknown problem 'svm' (valid: "
        + String.join(", ", Problems.NAMES) + ")", failure(2, args("--problem", "svm")));
  }

  @Test
  void thetaOfTheWrongLength() {
    String line = failure(2, args("--theta", "0.1,0.2,0.3"));
    assertTrue(line.startsWith("iterdiff jacobian: --theta '0.1,0.2,0.3' (ridge on " + good
        + ", 4 x 2): length 3, expected 1 or 2"), line);
  }

  @Test
  void nonFiniteOrNegativeTheta() {
    assertEquals("iterdiff jacobian: --theta '0.1,NaN': value 2 is NaN (must be finite)",
        failure(2, args("--theta", "0.1,NaN")));
    assertEquals("iterdiff jacobian: --theta 'inf': value 1 is inf (must be finite)",
        failure(2, args("--theta", "inf")));
    assertEquals("iterdiff jacobian: --theta 'x': 'x' is not a number",
        failure(2, args("--theta", "x")));
    String line = failure(2, args("--theta", "-1"));
    assertTrue(line.startsWith("iterdiff jacobian: --theta '-1' (ridge on " + good
        + ", 4 x 2): theta[0] is -1.0"), line);
  }

  @Test
  void malformedLibsvm() throws IOException {
    Path bad = dir.resolve("bad.libsvm");
    Files.writeString(bad, "1 1:1 2:0.5\n# comment\n-1 0:-0.5 2:1\n");
    assertEquals("iterdiff jacobian: " + bad + ":3: feature index 0 (indices are 1-based)",
        failure(2, args("--data", bad.toString())));
    Files.writeString(bad, "1 1:1 2:abc\n");
    assertEquals("iterdiff jacobian: " + bad + ":1: feature 2: value 'abc' is not a number",
        failure(2, args("--data", bad.toString())));
  }

  @Test
  void emptyOrMissingLibsvm() throws IOException {
    Path empty = dir.resolve("empty.libsvm");
    Files.writeString(empty, "# nothing here\n\n");
    assertEquals("iterdiff jacobian: " + empty + " is empty: no samples",
        failure(2, args("--data", empty.toString())));
    Path missing = dir.resolve("missing.libsvm");
    assertEquals("iterdiff jacobian: --data '" + missing + "': no such file",
        failure(2, args("--data", missing.toString())));
  }

  @Test
  void nonFiniteData() throws IOException {
    Path bad = dir.resolve("nan.libsvm");
    Files.writeString(bad, "1 1:1 2:0.5\n-1 1:-0.5 2:NaN\n");
    assertEquals("iterdiff jacobian: " + bad + ":2: NaN value 'NaN' for feature 2",
        failure(2, args("--data", bad.toString())));
    Files.writeString(bad, "inf 1:1 2:0.5\n");
    assertEquals("iterdiff jacobian: " + bad + ":1: infinite value 'inf' for label",
        failure(2, args("--data", bad.toString())));
  }

  @Test
  void divergingSolverIsARuntimeFailure() {
    String line = failure(1, args("--step", "100"));
    assertTrue(line.startsWith("iterdiff jacobian: solver gd diverged at iteration "), line);
    assertTrue(line.endsWith("with --solver gd --step 100; try a smaller --step"), line);
  }

  @Test
  void unknownEstimatorOrSolverOrLinearSolver() {
    assertEquals("iterdiff jacobian: --estimator: unknown estimator "
        + "'two-step' (valid: unrolled-forward, unrolled-reverse, truncated, one-step, implicit)",
        failure(2, args("--estimator", "implicit,two-step")));
    assertEquals("iterdiff jacobian: --estimator 'truncated': truncated needs its K, e.g. "
        + "truncated(10)", failure(2, args("--estimator", "truncated")));
    assertEquals("iterdiff jacobian: --solver: unknown solver 'sgd' (valid: "
        + String.join(", ", dev.iterdiff.solver.Solvers.NAMES) + ")",
        failure(2, args("--solver", "sgd")));
    assertEquals("iterdiff jacobian: --linear-solver: unknown linear solver 'qr' (valid: auto, "
        + "cholesky, lu, cg, gmres, bicgstab, neumann)",
        failure(2, args("--linear-solver", "qr")));
    assertEquals("iterdiff jacobian: --condition: unknown optimality condition 'karush' (valid: "
        + String.join(", ", dev.iterdiff.optimality.Conditions.NAMES) + ")",
        failure(2, args("--condition", "karush")));
  }

  @Test
  void badNumbersAndFormats() {
    assertEquals("iterdiff jacobian: --step: 'fast' is not 1/L, 2/(mu+L) or a positive number",
        failure(2, args("--step", "fast")));
    // newton's step specs come from its catalog entry, checked before the data are read
    assertEquals("iterdiff jacobian: --step: '1/L' does not apply to newton (expected "
        + "line-search or a fixed step in (0, 1])",
        failure(2, args("--solver", "newton", "--step", "1/L", "--data", "no-such.libsvm")));
    assertEquals("iterdiff jacobian: --tol 0.0: must be > 0", failure(2, args("--tol", "0")));
    assertEquals("iterdiff jacobian: --tol NaN: must be finite", failure(2, args("--tol", "NaN")));
    assertEquals("iterdiff jacobian: --iterations -1: must be >= 0",
        failure(2, args("--iterations", "-1")));
    assertEquals("iterdiff jacobian: --format 'xml': unknown (expected json, table)",
        failure(2, args("--format", "xml")));
    String line = failure(2, args("--iterations", "ten"));
    assertTrue(line.contains("--iterations") && line.contains("'ten'"), line);
  }

  @Test
  void missingRequiredOptionAndUnknownOption() {
    List<String> a = args();
    int at = a.indexOf("--problem");
    a.remove(at);
    a.remove(at);
    assertEquals("iterdiff jacobian: Missing required option: '--problem=NAME'", failure(2, a));
    assertEquals("iterdiff jacobian: Unknown options: '--lambda', '1'",
        failure(2, args("--lambda", "1")));
  }

  @Test
  void verbosePrintsTheStackTraceToo() {
    List<String> a = args("--problem", "svm");
    a.add("--verbose");
    CommandRun r = CommandRun.of(a.toArray(new String[0]));
    assertEquals(2, r.status());
    assertTrue(r.errLines().length > 1, r.err());
    assertTrue(r.err().contains("BadInputException"), r.err());
  }
}
