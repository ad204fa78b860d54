package dev.iterdiff.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The launchers follow Spark's conventions: {@code jobs/submit.sh} merges settings instead of
 * replacing them (checked against a stand-in {@code spark-submit} that prints its arguments,
 * under a SPARK_HOME whose conf/spark-defaults.conf sets the cluster's own options), and
 * {@code bin/iterdiff} takes {@code --master} / {@code --conf} with one-line errors.
 */
class LauncherIT {

  private static final Path ROOT = Path.of("").toAbsolutePath();

  private record Result(int status, String out) {}

  private static Result run(Map<String, String> env, String... cmd) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(ROOT.toFile())
        .redirectErrorStream(true);
    pb.environment().putAll(env);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "timed out: " + List.of(cmd));
    return new Result(p.exitValue(), out);
  }

  /** A SPARK_HOME whose bin/spark-submit prints one argument per line, in brackets. */
  private static Path fakeSparkHome(String clusterDefaults) throws IOException {
    Path home = ROOT.resolve("cli/target/launcher-it/spark-home");
    Files.createDirectories(home.resolve("bin"));
    Files.createDirectories(home.resolve("conf"));
    Path submit = home.resolve("bin/spark-submit");
    Files.writeString(submit, "#!/usr/bin/env bash\nfor a in \"$@\"; do printf '[%s]\\n' "
        + "\"$a\"; done\n");
    Files.setPosixFilePermissions(submit, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.writeString(home.resolve("conf/spark-defaults.conf"), clusterDefaults);
    return home;
  }

  private static List<String> args(String out) {
    List<String> a = new ArrayList<>();
    for (String line : out.split("\n")) {
      if (line.startsWith("[") && line.endsWith("]")) {
        a.add(line.substring(1, line.length() - 1));
      }
    }
    return a;
  }

  @Test
  void submitKeepsTheClusterDefaultsAndJoinsJavaOptions() throws Exception {
    // GIVEN a cluster whose spark-defaults.conf sets driver options and event logging
    Path home = fakeSparkHome("spark.driver.extraJavaOptions  -Dcluster=1\n"
        + "spark.eventLog.enabled true\n");
    // WHEN a user submits in client mode with their own driver options
    Result r = run(Map.of("SPARK_HOME", home.toString()), "jobs/submit.sh", "sweep",
        "--master", "spark://h:7077", "--driver-java-options", "-Duser=1", "--conf",
        "spark.ui.enabled=false", "--", "--config", "c.conf");
    assertEquals(0, r.status(), r.out());
    List<String> a = args(r.out());
    // THEN spark-submit loads the cluster's defaults, then ours, and no option is lost
    assertTrue(a.contains("--load-spark-defaults"), r.out());
    assertEquals(ROOT.resolve("conf/spark-defaults.conf").toString(),
        a.get(a.indexOf("--properties-file") + 1));
    assertTrue(a.contains("spark.driver.extraJavaOptions=-Dcluster=1 -Xss4m "
        + "-XX:+ExitOnOutOfMemoryError -Dlog4j2.configurationFile=file:" + ROOT.resolve("conf/log4j2.properties")
        + " -Duser=1"), r.out());
    assertTrue(a.contains("spark.executor.extraJavaOptions=-Xss4m"), r.out());
    assertTrue(a.contains("spark.ui.enabled=false") && a.contains("spark://h:7077"), r.out());
    assertTrue(!a.contains("--files") && !a.contains("--driver-java-options"), r.out());
    assertEquals(List.of("sweep", "--config", "c.conf"), a.subList(a.size() - 3, a.size()));
  }

  @Test
  void submitShipsLog4jWithFilesInClusterDeployMode() throws Exception {
    Path home = fakeSparkHome("");
    Result r = run(Map.of("SPARK_HOME", home.toString()), "jobs/submit.sh", "hyperopt",
        "--deploy-mode", "cluster", "--files", "a.txt", "--conf",
        "spark.executor.extraJavaOptions=-Dexec=1", "--", "--config", "/abs/c.conf");
    assertEquals(0, r.status(), r.out());
    List<String> a = args(r.out());
    assertEquals("a.txt," + ROOT.resolve("conf/log4j2.properties"),
        a.get(a.indexOf("--files") + 1));
    assertTrue(a.contains("spark.driver.extraJavaOptions=-Xss4m -XX:+ExitOnOutOfMemoryError "
        + "-Dlog4j2.configurationFile=log4j2.properties"), r.out());
    assertTrue(a.contains("spark.executor.extraJavaOptions=-Xss4m -Dexec=1"), r.out());
    assertEquals("cluster", a.get(a.indexOf("--deploy-mode") + 1));
  }

  @Test
  void iterdiffTakesMasterAndConfAndRejectsBadOnesInOneLine() throws Exception {
    Result ok = run(Map.of(), "bin/iterdiff", "--master", "local[1]", "--conf",
        "spark.ui.enabled=false", "--version");
    assertEquals(0, ok.status(), ok.out());
    assertTrue(ok.out().contains("iterdiff "), ok.out());
    Result bad = run(Map.of(), "bin/iterdiff", "--conf", "ui=false", "--version");
    assertEquals(2, bad.status(), bad.out());
    assertEquals("bin/iterdiff: --conf ui=false: expected spark.KEY=VALUE", bad.out().trim());
    Result missing = run(Map.of(), "bin/iterdiff", "--version", "--master");
    assertEquals(2, missing.status(), missing.out());
    assertTrue(missing.out().trim().startsWith("bin/iterdiff: --master needs a value"),
        missing.out());
  }

  @Test
  void iterdiffUiFlagTurnsTheWebUiOnAndCdsCanBeTurnedOff() throws Exception {
    // GIVEN a JAVA_HOME whose java prints its arguments, one per line, in brackets
    Path home = ROOT.resolve("cli/target/launcher-it/java-home");
    Files.createDirectories(home.resolve("bin"));
    Path java = home.resolve("bin/java");
    Files.writeString(java, "#!/usr/bin/env bash\nfor a in \"$@\"; do printf '[%s]\\n' "
        + "\"$a\"; done\n");
    Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
    Map<String, String> env = Map.of("JAVA_HOME", home.toString(), "ITERDIFF_NO_BUILD", "1",
        "ITERDIFF_CDS", "0");
    // WHEN bin/iterdiff runs a job command with --ui, and without
    Result ui = run(env, "bin/iterdiff", "--ui", "hyperopt", "--help");
    Result plain = run(env, "bin/iterdiff", "hyperopt", "--help");
    // THEN --ui becomes spark.ui.enabled=true (local sessions default to no UI), the flag is not
    // passed on to the command, and ITERDIFF_CDS=0 maps no class-data archive
    assertEquals(0, ui.status(), ui.out());
    List<String> a = args(ui.out());
    assertTrue(a.contains("-Dspark.ui.enabled=true"), ui.out());
    assertTrue(!a.contains("--ui"), ui.out());
    assertEquals(List.of("dev.iterdiff.cli.IterdiffCommand", "hyperopt", "--help"),
        a.subList(a.size() - 3, a.size()));
    List<String> b = args(plain.out());
    assertTrue(!b.contains("-Dspark.ui.enabled=true"), plain.out());
    assertTrue(b.stream().noneMatch(x -> x.startsWith("-XX:SharedArchiveFile")), plain.out());
  }
}
