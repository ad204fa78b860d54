package dev.iterdiff.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@code iterdiff bench kernels} at a toy size, its bad options, and bench hyperopt's. */
class BenchKernelsCommandTest {

  @Test
  void printsTheBackendAndOneRowPerKernel() {
    CommandRun run = CommandRun.of("bench", "kernels", "--size", "40", "--repetitions", "1",
        "--warmup", "0");
    assertEquals(0, run.status(), run.err());
    assertTrue(run.out().contains("# BLAS ") && run.out().contains("LAPACK "), run.out());
    assertTrue(run.out().contains("| dgemm | 40 | "), run.out());
    assertTrue(run.out().contains("| dpotrf | 40 | "), run.out());
  }

  @Test
  void badOptionsEndWithOneLine() {
    CommandRun run = CommandRun.of("bench", "kernels", "--size", "0");
    assertEquals(2, run.status(), run.err());
    assertEquals(1, run.errLines().length, run.err());
    assertTrue(run.err().contains("n = 0"), run.err());
    run = CommandRun.of("bench", "hyperopt", "--launcher", "no/such/launcher");
    assertEquals(2, run.status(), run.err());
    assertEquals(1, run.errLines().length, run.err());
    assertTrue(run.err().contains("--launcher no/such/launcher: not an executable file"),
        run.err());
  }
}
