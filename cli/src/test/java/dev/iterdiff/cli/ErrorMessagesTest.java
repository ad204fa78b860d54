package dev.iterdiff.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 10 item 11: messages that blamed the wrong input or said the wrong thing. */
class ErrorMessagesTest {

  @TempDir
  Path dir;

  private static String line(int status, String... args) {
    CommandRun r = CommandRun.of(args);
    assertEquals(status, r.status(), r.err());
    assertEquals(1, r.errLines().length, r.err());
    return r.errLines()[0];
  }

  @Test
  void alphaZeroOfWeightedLogisticIsBlamedOnAlpha() throws Exception {
    Path data = dir.resolve("d.libsvm");
    Files.writeString(data, "1 1:1 2:0.5\n-1 1:-0.5 2:1\n1 1:2 2:-1\n-1 1:0.1 2:0.3\n");
    String l = line(2, "jacobian", "--problem", "weighted-logistic", "--alpha", "0", "--data",
        data.toString(), "--theta", "1,1,1,1", "--solver", "gd", "--estimator", "implicit");
    assertTrue(l.startsWith("iterdiff jacobian: --alpha 0.0 (weighted-logistic): "), l);
  }

  @Test
  void anUnbalancedEstimatorIsCalledMalformed() {
    String l = line(2, "jacobian", "--problem", "ridge", "--data", "data-samples/diabetes.libsvm",
        "--theta", "1", "--solver", "gd", "--estimator", "truncated(abc");
    assertEquals("iterdiff jacobian: --estimator 'truncated(abc': unbalanced parentheses in "
        + "'truncated(abc'", l);
  }

  @Test
  void hugeDataValuesNameTheDataNotTheStep() throws Exception {
    Path data = dir.resolve("huge.libsvm");
    Files.writeString(data, "1 1:1e200 2:0.5\n-1 1:-0.5 2:1\n0.5 1:2 2:-1\n2 1:0.1 2:0.3\n");
    CommandRun r = CommandRun.of("jacobian", "--problem", "ridge", "--data", data.toString(),
        "--theta", "0.1", "--solver", "gd", "--iterations", "50", "--estimator", "implicit");
    assertTrue(r.status() != 0, r.out());
    assertTrue(r.err().contains("has values up to 1.0E200 in magnitude"), r.err());
    assertFalse(r.err().contains("smaller --step"), r.err());
  }

  @Test
  void controlBytesOfTheDataAreEscaped() throws Exception {
    Path data = dir.resolve("ctl.libsvm");
    Files.writeString(data, "1 1:1\u0007 2:0.5\n");
    String l = line(2, "jacobian", "--problem", "ridge", "--data", data.toString(), "--theta",
        "0.1", "--solver", "gd", "--estimator", "implicit");
    assertTrue(l.contains("1\\u0007"), l);
    assertTrue(l.chars().noneMatch(c -> c < 0x20), l);
  }

  @Test
  void anUnknownSetKeySaysWhereItCameFrom() throws Exception {
    Path conf = dir.resolve("s.conf");
    Files.writeString(conf, SweepCommandTest.CONFIG);
    String l = line(2, "sweep", "--config", conf.toString(), "--set", "bogus.key=1");
    assertFalse(l.contains("withValue"), l);
    assertTrue(l.startsWith("iterdiff sweep: sweep.bogus: unknown key (--set sweep.bogus.key)"),
        l);
  }

  @Test
  void aDirectoryAsDataExitsTwoInJacobianAndSweep() throws Exception {
    line(2, "jacobian", "--problem", "ridge", "--data", dir.toString(), "--theta", "0.1",
        "--solver", "gd", "--estimator", "implicit");
    Path conf = dir.resolve("s.conf");
    Files.writeString(conf, SweepCommandTest.CONFIG.replace("data-samples/diabetes.libsvm",
        dir.toString()));
    String l = line(2, "sweep", "--config", conf.toString(), "--output",
        dir.resolve("out").toString());
    assertTrue(l.contains(dir + " is a directory"), l);
  }
}
