package dev.iterdiff.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Issue 16 §3: the shaded application jar carries OpenBLAS and loads it with no system
 * library and no org.bytedeco jar on the class path (as on a cluster node running only the
 * jar), and still runs — on the Java fallback, saying so — where the native library cannot be
 * prepared or loaded. Each case is a fresh JVM ({@code java -cp app.jar:spark jars}), since
 * netlib picks its backend once per JVM.
 */
class NativeBlasIT {

  private static final Path ROOT = Path.of("").toAbsolutePath();

  /** The application jar and the Spark jars (target/classpath.txt) minus org.bytedeco's. */
  private static String classPath() throws IOException {
    Path jar;
    try (Stream<Path> s = Files.list(ROOT.resolve("target"))) {
      jar = s.filter(p -> p.getFileName().toString().matches("iterdiff-.*\\.jar"))
          .filter(p -> !p.toString().matches(".*-(sources|javadoc|tests)\\.jar")).findFirst()
          .orElseThrow(() -> new IllegalStateException("no target/iterdiff-*.jar"));
    }
    String deps = Arrays.stream(Files.readString(ROOT.resolve("target/classpath.txt")).trim()
        .split(":")).filter(p -> !p.contains("/org/bytedeco/")).collect(Collectors.joining(":"));
    return jar + ":" + deps;
  }

  /** Runs the command in a fresh JVM with {@code props}, one OpenBLAS thread. */
  private static String run(List<String> props, String... args) throws Exception {
    return run(true, props, args);
  }

  /** Runs the command in a fresh JVM with {@code props}; stdout + stderr. */
  private static String run(boolean oneThread, List<String> props, String... args)
      throws Exception {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin",
        "java").toString(), "-Xss4m", "--add-modules=jdk.incubator.vector"));
    cmd.addAll(props);
    cmd.addAll(List.of("-cp", classPath(), "dev.iterdiff.cli.IterdiffCommand"));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().remove("OMP_NUM_THREADS");
    pb.environment().remove("ITERDIFF_BLAS");
    if (oneThread) {
      pb.environment().put("OPENBLAS_NUM_THREADS", "1");
    } else {
      pb.environment().remove("OPENBLAS_NUM_THREADS");
    }
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "timed out: " + cmd);
    assertEquals(0, p.exitValue(), out);
    return out;
  }

  private static String jacobian(List<String> props) throws Exception {
    return run(props, "jacobian", "--problem", "ridge", "--data",
        "data-samples/diabetes.libsvm", "--theta", "0.1", "--solver", "newton",
        "--iterations", "20", "--estimator", "implicit", "--format", "json");
  }

  @Test
  void theJarAloneLoadsItsOpenBlas() throws Exception {
    assumeTrue("Linux".equals(System.getProperty("os.name"))
        && "amd64".equals(System.getProperty("os.arch")), "bundled natives are linux-x86_64");
    Path cache = ROOT.resolve("cli/target/native-it/cache");
    String out = run(List.of("-Diterdiff.native.cache=" + cache), "--version");
    assertTrue(out.contains("BLAS JNIBLAS, LAPACK JNILAPACK (bundled OpenBLAS "), out);
    assertTrue(out.contains(cache.toString()), out);
    try (Stream<Path> dirs = Files.list(cache)) {
      assertTrue(dirs.anyMatch(d -> Files.isRegularFile(d.resolve("libopenblas.so.0"))),
          "extracted under " + cache);
    }
  }

  @Test
  void aLibraryThatCannotBePreparedFallsBackToJavaAndSaysSo() throws Exception {
    // GIVEN a cache directory that cannot be created (no system libblas.so.3 is assumed
    // either: with one, netlib would load it instead)
    assumeTrue(!Files.exists(Path.of("/usr/lib/x86_64-linux-gnu/libblas.so.3")),
        "a system BLAS is installed");
    List<String> props = List.of("-Diterdiff.native.cache=/proc/iterdiff-no-such-dir");
    // WHEN --version runs THEN it names the Java backends and why
    String out = run(props, "--version");
    assertTrue(out.contains("bundled OpenBLAS not extracted"), out);
    assertTrue(out.contains("native library not loaded, Java fallback"), out);
    assertTrue(!out.contains("JNIBLAS"), out);
    // AND a computation through LAPACK still runs
    String json = jacobian(props);
    assertTrue(json.contains("\"jacobian\""), json);
  }

  @Test
  void withoutAThreadCountTheDefaultDoesNotLoadAllCoreOpenBlas() throws Exception {
    assumeTrue(!Files.exists(Path.of("/usr/lib/x86_64-linux-gnu/libblas.so.3")),
        "a system BLAS is installed");
    String out = run(false, List.of(), "--version");
    assertTrue(out.contains("bundled OpenBLAS not loaded: neither OPENBLAS_NUM_THREADS nor "
        + "OMP_NUM_THREADS is set"), out);
    assertTrue(out.contains("native library not loaded, Java fallback"), out);
    // an explicit choice loads it anyway, and says how many threads it runs
    String forced = run(false, List.of("-Diterdiff.blas=bundled", "-Diterdiff.native.cache="
        + ROOT.resolve("cli/target/native-it/cache")), "--version");
    assertTrue(forced.contains("BLAS JNIBLAS"), forced);
    assertTrue(forced.contains("OpenBLAS threads = cores (set OPENBLAS_NUM_THREADS=1)"), forced);
  }

  @Test
  void theJavaFallbackCanBeForced() throws Exception {
    String out = run(List.of("-Diterdiff.blas=java"), "--version");
    assertTrue(out.contains("Java fallback chosen by iterdiff.blas=java"), out);
    assertTrue(out.contains("native library not loaded, Java fallback"), out);
  }
}
