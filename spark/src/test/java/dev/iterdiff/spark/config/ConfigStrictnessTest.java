package dev.iterdiff.spark.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.File;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Issue 10 items 6 and 12: integers are integers, and configs include files only. */
class ConfigStrictnessTest {

  private static String sweepError(String text, Map<String, String> set) {
    return assertThrows(JobConfigException.class, () -> SweepConfig.parse(text, set))
        .getMessage();
  }

  @Test
  void aListWhereOneValueBelongsIsShownAsTheUserWroteItNotAsAConfigDump() {
    // before: "got LIST [ # String: 1 10, # String: 1 100 ]"; a list of budgets is now a
    // sweep axis, and a bad one is shown as written
    assertEquals(List.of(10, 100), SweepConfig.parse(SweepConfigTest.BASE,
        Map.of("solver.iterations", "[10,100]")).iterationGrid());
    assertEquals("sweep.solver.iterations: item 2 of [10,1.5] (--set sweep.solver.iterations)"
        + " is 1.5, not an integer",
        sweepError(SweepConfigTest.BASE, Map.of("solver.iterations", "[10,1.5]")));
  }

  @Test
  void fractionalValuesOfIntegerKeysAreRefusedNamingKeyAndValue() {
    // before: Typesafe Config's getInt truncated them (1.5 iterations ran 1)
    String base = SweepConfigTest.BASE;
    assertEquals("sweep.solver.iterations: got 1.5 (--set sweep.solver.iterations), not an "
        + "integer", sweepError(base, Map.of("solver.iterations", "1.5")));
    assertTrue(sweepError(base, Map.of("partitions", "2.9"))
        .startsWith("sweep.partitions: expected an integer, got STRING \"2.9\""));
    assertTrue(sweepError(base, Map.of("estimator-options", "{ truncated-k = 3.9 }"))
        .startsWith("sweep.estimator-options.truncated-k: expected an integer, got NUMBER 3.9"));
    String linear = base.replace("log { from = 0.01, to = 10, count = 4 }",
        "linear { from = 0.01, to = 10, count = 2.7 }");
    assertTrue(sweepError(linear, Map.of()).startsWith(
        "sweep.theta.coordinates[0].linear.count: expected an integer, got NUMBER 2.7"),
        sweepError(linear, Map.of()));
    JobConfigException h = assertThrows(JobConfigException.class, () -> HyperoptConfig.load(
        new File("conf/hyperopt-example.conf"), List.of("folds=2.5"), "target/x"));
    assertTrue(h.getMessage().startsWith("hyperopt.folds: expected an integer, got NUMBER 2.5"),
        h.getMessage());
  }

  @Test
  void wholeNumbersInAnySpellingStillRead() {
    assertEquals(100, SweepConfig.parse(SweepConfigTest.BASE,
        Map.of("solver.iterations", "100")).solver().iterations());
    assertEquals(1000, SweepConfig.parse(SweepConfigTest.BASE.replace("gd, iterations = 50,",
        "gd, iterations = 1e3,"), Map.of()).solver().iterations());
    assertEquals(3, SweepConfig.parse(SweepConfigTest.BASE.replace("gd, iterations = 50,",
        "gd, iterations = 3.0,"), Map.of()).solver().iterations());
    assertEquals("sweep.solver.iterations: got 1e10 (--set sweep.solver.iterations): an "
        + "iteration count must be >= 1 (and at most 2147483647)",
        sweepError(SweepConfigTest.BASE, Map.of("solver.iterations", "1e10")));
  }

  @Test
  void includesOfUrlsAndClasspathResourcesAreRefusedAndNothingIsFetched() throws Exception {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    AtomicInteger requests = new AtomicInteger();
    server.createContext("/", x -> {
      requests.incrementAndGet();
      byte[] body = "sweep { partitions = 7 }".getBytes(StandardCharsets.UTF_8);
      x.sendResponseHeaders(200, body.length);
      x.getResponseBody().write(body);
      x.close();
    });
    server.start();
    try {
      String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/evil.conf";
      assertEquals("include url(\"" + url + "\"): configs may include files only, not URLs or "
          + "classpath resources",
          sweepError("include url(\"" + url + "\")\n" + SweepConfigTest.BASE, Map.of()));
      assertTrue(sweepError("include \"" + url + "\"\n" + SweepConfigTest.BASE, Map.of())
          .startsWith("include \"" + url + "\": configs may include files only"));
      assertTrue(sweepError("include classpath(\"log4j2.properties\")\n"
          + SweepConfigTest.BASE, Map.of()).startsWith(
          "include classpath(\"log4j2.properties\"): configs may include files only"));
      File dir = Files.createDirectories(new File("target/test-config-include").toPath())
          .toFile();
      File conf = new File(dir, "main.conf");
      Files.writeString(conf.toPath(), "include url(\"" + url + "\")\n" + SweepConfigTest.BASE);
      assertTrue(assertThrows(JobConfigException.class, () -> SweepConfig.load(conf, Map.of()))
          .getMessage().startsWith("include url("));
      File hconf = new File(dir, "hyperopt.conf");
      Files.writeString(hconf.toPath(), "include url(\"" + url + "\")\nhyperopt { data = [a] }");
      assertTrue(assertThrows(JobConfigException.class, () -> HyperoptConfig.load(hconf,
          List.of(), null)).getMessage().startsWith("include url("));
      assertEquals(0, requests.get(), "the config reached the network");
    } finally {
      server.stop(0);
    }
  }

  @Test
  void fileIncludesStillWork() throws Exception {
    File dir = Files.createDirectories(new File("target/test-config-include").toPath()).toFile();
    Files.writeString(new File(dir, "part.conf").toPath(), "sweep { partitions = 3 }");
    File main = new File(dir, "with-include.conf");
    Files.writeString(main.toPath(), SweepConfigTest.BASE + "\ninclude \"part.conf\"\n");
    assertEquals(3, SweepConfig.load(main, Map.of()).partitions());
    Files.writeString(main.toPath(), SweepConfigTest.BASE + "\ninclude file(\""
        + new File(dir, "part.conf").getPath() + "\")\n");
    assertEquals(3, SweepConfig.load(main, Map.of()).partitions());
    Files.writeString(main.toPath(), SweepConfigTest.BASE + "\ninclude \"missing.conf\"\n");
    assertTrue(assertThrows(JobConfigException.class, () -> SweepConfig.load(main, Map.of()))
        .getMessage().startsWith("include \"missing.conf\": no such file next to the config"));
  }
}
