package dev.iterdiff.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * {@code iterdiff jacobian} never reports a result that is not one (issue 10): a non-finite
 * estimate exits 1 naming the entry, data too large for a dense matrix exits 2 before it is
 * allocated, and {@code converged} is null when no tolerance was asked.
 */
class JacobianResultChecksTest {

  static Path write(String name, String text) throws IOException {
    Path p = Path.of("target/test-output/" + name);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
    return p;
  }

  /** The repro: separable data, unregularized logistic, 705 Newton steps. */
  @Test
  void aNonFiniteJacobianExitsOneNamingTheEntryAndTheEstimator() throws IOException {
    Path sep = write("sep.libsvm", "1 1:1\n1 1:2\n-1 1:-1\n-1 1:-2\n");
    CommandRun r = CommandRun.of("jacobian", "--problem", "logistic", "--data", sep.toString(),
        "--theta", "0", "--solver", "newton", "--iterations", "705", "--estimator",
        "unrolled-forward,one-step");
    assertEquals(1, r.status(), r.out() + r.err());
    assertEquals(1, r.errLines().length, r.err());
    assertTrue(r.err().matches("(?s)iterdiff jacobian: estimator unrolled-forward: not finite: "
        + "jacobian\\[0\\]\\[0\\] = (NaN|-?Infinity) \\(unrolled-forward\\) after 705 "
        + "iterations of --solver newton\\s*"), r.err());
    assertEquals("", r.out());
  }

  @Test
  void dataTooLargeForADenseMatrixExitsTwoWithTheBytesNeeded() throws IOException {
    Path huge = write("huge-index.libsvm", "1 1:1\n1 100000000:1\n-1 1:2\n-1 2:1\n1 3:1\n");
    CommandRun r = CommandRun.of("jacobian", "--problem", "ridge", "--data", huge.toString(),
        "--theta", "1", "--solver", "gd", "--estimator", "implicit");
    assertEquals(2, r.status(), r.err());
    assertEquals(1, r.errLines().length, r.err());
    assertTrue(r.err().startsWith("iterdiff jacobian: " + huge + ": a dense 5 x 100000000 "
        + "matrix (largest feature index 100000000) would need 4000000000 bytes"), r.err());
  }

  @Test
  void convergedIsNullWithoutATolerance() throws IOException {
    String[] base = {"jacobian", "--problem", "ridge", "--data",
        "data-samples/diabetes.libsvm", "--theta", "0.1", "--solver", "gd", "--estimator",
        "implicit"};
    CommandRun none = CommandRun.of(concat(base, "--iterations", "0"));
    assertEquals(0, none.status(), none.err());
    assertTrue(none.out().contains("\"converged\":null"), none.out());
    CommandRun loose = CommandRun.of(concat(base, "--iterations", "0", "--tol", "1e-3"));
    assertTrue(loose.out().contains("\"converged\":false"), loose.out());
    CommandRun table = CommandRun.of(concat(base, "--iterations", "3", "--format", "table"));
    assertTrue(table.out().contains("3 iterations, residual ") && table.out().contains(
        ", no tolerance, "), table.out());
  }

  private static String[] concat(String[] a, String... b) {
    String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
