package dev.iterdiff.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iterdiff.spark.SharedSparkSession;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 10's bad-input corpus ({@code cli/src/test/resources/bad-input/}) through every
 * command: each malformed data file through {@code jacobian}, {@code sweep} and
 * {@code hyperopt}; each bad config through its job; damaged and foreign checkpoints through
 * {@code hyperopt --resume}. Every case must end with a non-zero status and ONE line on
 * stderr that names the input (file, or key and value), no stack trace (no {@code --verbose}),
 * nothing on stdout, and no output a reader could take for complete ({@code _SUCCESS},
 * {@code summary.json}, {@code theta.json}). Valid on purpose (asserted in
 * {@link BadInputCorpusValidTest}): a UTF-8 byte-order mark and CRLF line ends.
 */
class BadInputCorpusTest {

  static final String CORPUS = "cli/src/test/resources/bad-input";
  static final String OUT = "target/test-output/corpus";
  /** Expected of a case that must end as failed rows (exit 0) rather than an error. */
  static final String FAILED_ROWS = "(every row failed)";
  /** Separates parts of an expected message that must all appear in the line. */
  static final String ALSO = " && ";

  /** One run: the command line, what the error line must contain, the output to check. */
  record Case(String name, List<String> args, String expected, String output) {
    @Override
    public String toString() {
      return name;
    }
  }

  /** {@code (file name, fragment of the message)} of every malformed LIBSVM file. */
  static final String[][] LIBSVM = {
      {"missing-colon", ":2: token '2' is not index:value"},
      {"non-numeric-value", ":2: "},
      {"non-numeric-label", ":2: "},
      {"zero-index", ":2: "},
      {"negative-index", ":2: "},
      {"unsorted-indices", ":2: feature index 1 after 2"},
      {"duplicate-index", ":2: feature index 1 after 1"},
      {"huge-index", ":2: "},
      {"empty", " is empty: no samples"},
      {"nan", ":2: "},
      {"inf", ":2: "},
      {"overflow", ":2: "},
      {"control-byte", ":2: feature 1: value '1\\u001B2:1' is not a number"},
  };

  static Stream<Case> cases() throws IOException {
    List<Case> all = new ArrayList<>();
    for (String[] c : LIBSVM) {
      String data = CORPUS + "/libsvm/" + c[0] + ".libsvm";
      all.add(new Case("jacobian " + c[0], List.of("jacobian", "--problem", "ridge", "--data",
          data, "--theta", "0.1", "--solver", "gd", "--iterations", "20", "--estimator",
          "implicit"), data + c[1], null));
      String out = OUT + "/sweep-" + c[0];
      all.add(new Case("sweep " + c[0], List.of("sweep", "--config",
          CORPUS + "/sweep/valid.conf", "--set", "data=[{name = d, path = \"" + data + "\"}]",
          "--output", out), data + c[1], out));
      out = OUT + "/hyperopt-" + c[0];
      all.add(new Case("hyperopt " + c[0], List.of("hyperopt", "--config",
          CORPUS + "/hyperopt/valid.conf", "--set", "data=[\"" + data + "\"]", "--output",
          out), data + c[1], out));
    }
    String dir = CORPUS + "/libsvm";
    all.add(new Case("jacobian directory", List.of("jacobian", "--problem", "ridge", "--data",
        dir, "--theta", "0.1", "--solver", "gd", "--estimator", "implicit"), dir, null));
    all.add(new Case("sweep directory", List.of("sweep", "--config", CORPUS + "/sweep/valid.conf",
        "--set", "data=[{name = d, path = \"" + dir + "\"}]", "--output", OUT + "/sweep-dir"),
        dir + " is a directory", OUT + "/sweep-dir"));
    all.add(new Case("hyperopt directory", List.of("hyperopt", "--config",
        CORPUS + "/hyperopt/valid.conf", "--set", "data=[\"" + dir + "\"]", "--output",
        OUT + "/hyperopt-dir"), dir + " is a directory", OUT + "/hyperopt-dir"));
    String[][] sweeps = {
        {"unknown-key", "sweep.solver.momentum: unknown key"},
        {"wrong-type",
            "sweep.solver.iterations: expected an integer >= 1" + ALSO + "got \"thirty\""},
        {"fractional-integer", "sweep.solver.iterations: got 1.5" + ALSO + "not an integer"},
        {"empty-grid", "sweep.theta.coordinates[0].values: empty list"},
        {"negative-regularization", FAILED_ROWS},
        {"url-include", "include url(\"http://127.0.0.1:9/evil.conf\"): configs may include "
            + "files only"},
    };
    for (String[] c : sweeps) {
      String out = OUT + "/sweep-config-" + c[0];
      all.add(new Case("sweep config " + c[0], List.of("sweep", "--config",
          CORPUS + "/sweep/" + c[0] + ".conf", "--output", out), c[1], out));
    }
    String[][] hyperopts = {
        {"unknown-key", "hyperopt.lamda: unknown key"},
        {"wrong-type", "hyperopt.seed: expected an integer, got STRING \"one\""},
        {"fractional-integer", "hyperopt.folds: expected an integer, got NUMBER 2.5"},
        {"negative-regularization", "regularization must be finite and >= 0, got -1.0"},
        {"theta-wrong-length", "3 values, but per-feature hyperparameters need 1 or 10"},
        {"classpath-include", "include classpath(\"log4j2.properties\"): configs may include "
            + "files only"},
    };
    for (String[] c : hyperopts) {
      String out = OUT + "/hyperopt-config-" + c[0];
      all.add(new Case("hyperopt config " + c[0], List.of("hyperopt", "--config",
          CORPUS + "/hyperopt/" + c[0] + ".conf", "--output", out), c[1], out));
    }
    all.addAll(BadCheckpoints.cases());
    return all.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void refusedWithOneLineNamingTheInput(Case c) throws Exception {
    SharedSparkSession.get(); // the jobs share the test JVM's session
    if (c.output() != null && !c.name().contains("checkpoint")) {
      BadCheckpoints.delete(Path.of(c.output()));
    }
    CommandRun r = CommandRun.of(c.args().toArray(new String[0]));
    if (c.expected().equals(FAILED_ROWS)) {
      // an instance out of its domain is a failed row with its reason, never an ok one
      assertEquals(0, r.status(), r.err());
      List<Row> rows = SharedSparkSession.get().read().parquet(c.output() + "/results")
          .collectAsList();
      assertFalse(rows.isEmpty());
      for (Row row : rows) {
        assertNotEquals("ok", row.getAs("status"), row.toString());
        assertTrue(String.valueOf((Object) row.getAs("message")).contains("-0.5"),
            row.toString());
      }
      return;
    }
    assertNotEquals(0, r.status(), "status; stderr: " + r.err());
    assertEquals(1, r.errLines().length, "one line on stderr: " + r.err());
    String line = r.errLines()[0];
    for (String part : c.expected().split(ALSO, -1)) {
      assertTrue(line.contains(part), "'" + part + "' in: " + line);
    }
    assertFalse(line.contains("Exception") || line.contains("\tat "), "no stack trace: " + line);
    assertTrue(line.chars().noneMatch(ch -> ch < 0x20 || ch == 0xfeff), "escaped: " + line);
    assertEquals("", r.out(), "stdout");
    if (c.output() != null) {
      File out = new File(c.output());
      assertFalse(new File(out, "results/_SUCCESS").exists(), "a _SUCCESS");
      assertFalse(new File(out, "summary.json").exists(), "a summary.json");
      assertFalse(new File(out, "theta.json").exists(), "a theta.json");
    }
  }
}
