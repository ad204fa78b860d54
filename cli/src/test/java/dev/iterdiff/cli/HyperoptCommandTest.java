package dev.iterdiff.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Bad input to {@code iterdiff hyperopt}: exit status 2 and one line naming the key. */
class HyperoptCommandTest {

  private static String[] run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int status = IterdiffCommand.execute(new PrintWriter(out), new PrintWriter(err), args);
    return new String[] {String.valueOf(status), out.toString(), err.toString()};
  }

  @Test
  void unknownKeyAndBadValuesFailBeforeSparkWithTheKey() throws Exception {
    Path conf = Files.createTempFile(Path.of("target"), "bad", ".conf");
    Files.writeString(conf, "hyperopt { data = [\"data-samples/diabetes.libsvm\"], lamda = 3 }");
    String[] r = run("hyperopt", "--config", conf.toString());
    assertEquals("2", r[0]);
    assertTrue(r[2].contains("hyperopt.lamda: unknown key"), r[2]);
    r = run("hyperopt", "--config", "conf/hyperopt-example.conf", "--set", "theta0=[-1]");
    assertEquals("2", r[0]);
    assertTrue(r[2].contains("hyperopt.theta0: theta0[0] = -1.0 is out of its domain"), r[2]);
    r = run("hyperopt", "--config", "conf/hyperopt-example.conf", "--set",
        "outer.step-rule=newton");
    assertEquals("2", r[0]);
    assertTrue(r[2].contains("step-rule: unknown 'newton'"), r[2]);
    r = run("hyperopt", "--config", "no/such.conf");
    assertEquals("2", r[0]);
    assertTrue(r[2].contains("--config: file not found: no/such.conf"), r[2]);
  }
}
