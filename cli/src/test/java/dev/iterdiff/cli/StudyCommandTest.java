package dev.iterdiff.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code iterdiff study}: runs a study end to end; bad input is one line and exit 2. */
class StudyCommandTest {

  @TempDir
  Path dir;

  @Test
  void implicitErrorWritesItsFilesAndSaysSo() throws Exception {
    CommandRun r = CommandRun.of("study", "implicit-error", "--out", dir.toString(),
        "--scale", "8");
    assertEquals(0, r.status(), r.err());
    for (String ext : new String[] {".csv", ".png", ".svg"}) {
      Path p = dir.resolve("implicit-error" + ext);
      assertTrue(Files.size(p) > 1000, p + " written");
      assertTrue(r.out().contains("wrote " + p), r.out());
    }
    assertTrue(r.out().contains("log-log slope"), r.out());
  }

  @Test
  void unknownStudyIsOneLineListingTheValidNames() {
    CommandRun r = CommandRun.of("study", "curse", "--out", dir.toString());
    assertEquals(2, r.status());
    assertEquals(1, r.errLines().length, r.err());
    assertTrue(r.errLines()[0].contains("unknown study 'curse' (valid: curse-of-unrolling, "
        + "implicit-error, one-step-ridge, one-step-timing, one-step-hypergradient)"), r.err());
  }

  @Test
  void helpListsEveryStudyOnItsOwnLine() {
    CommandRun r = CommandRun.of("study", "--help");
    assertEquals(0, r.status(), r.err());
    for (String name : dev.iterdiff.study.Studies.NAMES) {
      assertTrue(r.out().contains(System.lineSeparator() + "  " + name + " "), r.out());
    }
    assertTrue(!r.out().contains("null"), r.out());
  }

  @Test
  void scaleBelowOneIsRefused() {
    CommandRun r = CommandRun.of("study", "implicit-error", "--scale", "0");
    assertEquals(2, r.status());
    assertEquals(1, r.errLines().length, r.err());
    assertTrue(r.errLines()[0].contains("--scale: must be >= 1, got 0"), r.err());
  }
}
