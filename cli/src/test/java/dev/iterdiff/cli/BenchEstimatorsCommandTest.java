package dev.iterdiff.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code iterdiff bench estimators} end to end at toy sizes, and its bad options. */
class BenchEstimatorsCommandTest {

  @Test
  void printsMachineTableAndWritesCsv(@TempDir Path dir) throws Exception {
    Path csv = dir.resolve("estimators.csv");
    CommandRun run = CommandRun.of("bench", "estimators", "--settings", "gd-ridge",
        "--ridge-sizes", "5", "--ridge-iterations", "50", "--repetitions", "1", "--warmup",
        "0", "--min-seconds", "0", "--clock", "cpu", "--csv", csv.toString());
    assertEquals(0, run.status(), run.err());
    assertTrue(run.out().contains("# BLAS "), run.out());
    assertTrue(run.out().contains("LAPACK "), run.out());
    assertTrue(run.out().contains("unrolled-reverse(checkpointed)"), run.out());
    List<String> lines = Files.readAllLines(csv);
    assertTrue(lines.get(0).startsWith("setting,parametrization,n,m,iterations,rounds"));
    assertEquals(1 + 8, lines.size(), String.join("\n", lines)); // 8 rows incl. implicit(auto)
    assertTrue(lines.stream().skip(1).allMatch(l -> l.startsWith("gd-ridge,") && l.endsWith(",ok")),
        String.join("\n", lines));
  }

  @Test
  void badOptionsEndWithOneLineNamingOptionAndValue() {
    CommandRun run = CommandRun.of("bench", "estimators", "--settings", "newton-ridge");
    assertEquals(2, run.status());
    assertEquals(1, run.errLines().length, run.err());
    assertTrue(run.err().contains("--settings: unknown setting 'newton-ridge'"), run.err());
    run = CommandRun.of("bench", "estimators", "--repetitions", "0");
    assertEquals(2, run.status());
    assertTrue(run.err().contains("--repetitions must be > 0, got 0"), run.err());
    run = CommandRun.of("bench", "estimators", "--newton-sizes", "50,-3");
    assertEquals(2, run.status());
    assertTrue(run.err().contains("--newton-sizes: sizes must be > 0, got -3"), run.err());
  }
}
