package dev.iterdiff.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** Bad input to {@code iterdiff distill}: exit status 2 and one line naming the key. */
class DistillCommandTest {

  private static String[] run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int status = IterdiffCommand.execute(new PrintWriter(out), new PrintWriter(err), args);
    return new String[] {String.valueOf(status), out.toString(), err.toString()};
  }

  @Test
  void badValuesFailBeforeSparkWithTheKey() {
    String[] r = run("distill", "--config", "conf/distill-example.conf", "--set",
        "images-per-class=0");
    assertEquals("2", r[0]);
    assertTrue(r[2].contains("distill.images-per-class: must be >= 1, got 0"), r[2]);
    r = run("distill", "--config", "conf/distill-example.conf", "--set", "lambda=-0.5");
    assertEquals("2", r[0]);
    assertTrue(r[2].contains("distill.lambda: must be finite and > 0, got -0.5"), r[2]);
    r = run("distill", "--config", "no/such.conf");
    assertEquals("2", r[0]);
    assertTrue(r[2].contains("--config: file not found: no/such.conf"), r[2]);
  }
}
