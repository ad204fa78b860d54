package dev.iterdiff.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class IterdiffCommandTest {

  @Test
  void helpListsTheSubcommandsAndExitsZero() {
    CommandRun r = CommandRun.of("--help");
    assertEquals(0, r.status());
    assertTrue(r.out().contains("bench"), r.out());
    assertEquals("", r.err());
  }

  @Test
  void versionNamesJavaAndTheBlasBackend() {
    CommandRun r = CommandRun.of("--version");
    assertEquals(0, r.status());
    assertTrue(r.out().startsWith("iterdiff "), r.out());
    assertTrue(r.out().contains("BLAS "), r.out());
  }

  @Test
  void noSubcommandIsAUsageErrorOnOneLine() {
    CommandRun r = CommandRun.of();
    assertEquals(2, r.status());
    assertEquals(1, r.errLines().length, r.err());
    assertTrue(r.err().startsWith("iterdiff: missing subcommand (one of "), r.err());
  }

  @Test
  void unknownOptionAndUnknownSubcommandAreUsageErrorsOnOneLine() {
    CommandRun r = CommandRun.of("--bogus");
    assertEquals(2, r.status());
    assertEquals("iterdiff: Unknown option: '--bogus'", r.err().strip());
    CommandRun s = CommandRun.of("frobnicate");
    assertEquals(2, s.status());
    assertEquals(1, s.errLines().length, s.err());
    assertTrue(s.err().contains("'frobnicate'"), s.err());
  }

  @Test
  void benchWithoutABenchmarkIsAUsageError() {
    CommandRun r = CommandRun.of("bench");
    assertEquals(2, r.status());
    assertEquals(1, r.errLines().length, r.err());
    assertTrue(r.err().startsWith("iterdiff bench: missing benchmark ("), r.err());
  }
}
