package dev.iterdiff.linalg;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * Which native BLAS/LAPACK netlib loads, decided before netlib's first use in the JVM. By
 * default the OpenBLAS bundled from Maven ({@code org.bytedeco:openblas}, {@code linux-x86_64}
 * natives, BSD-3-Clause; its {@code libgfortran}/{@code libquadmath}/{@code libgcc_s} are GPL
 * with the GCC runtime library exception) is extracted to a cache directory and named to
 * netlib through {@code dev.ludovic.netlib.blas.nativeLibPath} and
 * {@code dev.ludovic.netlib.lapack.nativeLibPath}; the same library on every node, whatever
 * (if anything) the node has installed. {@link Blas}, {@link Lapack} and the command's
 * {@code main} call {@link #configure()}, so the driver and every executor running the
 * application jar pick it.
 *
 * <p>Choice ({@code -Diterdiff.blas=} or the environment variable {@code ITERDIFF_BLAS}):
 * {@code bundled} (default; when the natives are absent or cannot be extracted, netlib's own
 * lookup), {@code system} (netlib's own lookup: {@code libblas.so.3} / {@code liblapack.so.3},
 * e.g. Debian's OpenBLAS through alternatives), {@code java} (the Java fallback). netlib's
 * properties set by the user always win. Cache directory: {@code -Diterdiff.native.cache} or
 * {@code ITERDIFF_NATIVE_CACHE}, else {@code $XDG_CACHE_HOME/iterdiff} ({@code ~/.cache}),
 * else {@code java.io.tmpdir}. OpenBLAS threads: {@code OPENBLAS_NUM_THREADS} or
 * {@code OMP_NUM_THREADS} from the environment, read by OpenBLAS when it loads: bin/iterdiff,
 * the tests and conf/spark-defaults.conf set {@code OPENBLAS_NUM_THREADS=1}, Spark sets
 * {@code OMP_NUM_THREADS} = {@code spark.task.cpus} in cluster executors. With neither set,
 * the default does not load the bundled library (all-core OpenBLAS inside Spark's task
 * threads oversubscribes the cores and has crashed JVMs on 1 MB thread stacks, README
 * "Install"); an explicit {@code bundled} loads it anyway.
 */
public final class NativeBlas {

  /** The bundled natives, as they sit in org.bytedeco:openblas's linux-x86_64 jar. */
  static final String RESOURCE_DIR = "org/bytedeco/openblas/linux-x86_64/";
  static final List<String> FILES =
      List.of("libopenblas.so.0", "libgfortran.so.5", "libquadmath.so.0", "libgcc_s.so.1");
  static final String BLAS_PATH = "dev.ludovic.netlib.blas.nativeLibPath";
  static final String LAPACK_PATH = "dev.ludovic.netlib.lapack.nativeLibPath";
  private static final String POM = "META-INF/maven/org.bytedeco/openblas/pom.properties";

  private static String choice;

  private NativeBlas() {}

  /**
   * Sets netlib's library properties once per JVM (later calls return the first outcome).
   * Never throws: a library that cannot be prepared leaves netlib's own lookup, which falls
   * back to Java.
   *
   * @return why this library was chosen, e.g. "bundled OpenBLAS 0.3.31-1.5.13 (/root/.cache/…)".
   */
  public static synchronized String configure() {
    if (choice == null) {
      choice = choose();
    }
    return choice;
  }

  /** The backends in use and why, e.g. "JNIBLAS, JNILAPACK: bundled OpenBLAS …, 1 thread". */
  public static String describe() {
    String why = configure();
    boolean nativeBlas = Blas.netlib() instanceof dev.ludovic.netlib.blas.NativeBLAS;
    String threads = threads();
    return Blas.backend() + ", LAPACK " + Lapack.backend() + " (" + why + (nativeBlas
        ? "; OpenBLAS threads " + threads : "; native library not loaded, Java fallback") + ")";
  }

  private static String threads() {
    for (String v : new String[] {"OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS"}) {
      String n = System.getenv(v);
      if (n != null && !n.isBlank()) {
        return n.trim() + " from " + v;
      }
    }
    return "= cores (set OPENBLAS_NUM_THREADS=1)";
  }

  private static boolean threadsUnset() {
    for (String v : new String[] {"OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS"}) {
      String n = System.getenv(v);
      if (n != null && !n.isBlank()) {
        return false;
      }
    }
    return true;
  }

  private static String setting(String property, String env, String fallback) {
    String v = System.getProperty(property);
    if (v == null || v.isBlank()) {
      v = System.getenv(env);
    }
    return v == null || v.isBlank() ? fallback : v.trim();
  }

  private static String choose() {
    if (System.getProperty(BLAS_PATH) != null || System.getProperty(LAPACK_PATH) != null) {
      return "library named by -D" + BLAS_PATH + " / " + LAPACK_PATH;
    }
    String given = setting("iterdiff.blas", "ITERDIFF_BLAS", null);
    String mode = given == null ? "bundled" : given.toLowerCase(Locale.ROOT);
    switch (mode) {
      case "java":
        // a path that cannot load: netlib's JNI backends refuse, its Java ones take over
        System.setProperty(BLAS_PATH, "/nonexistent/iterdiff.blas=java");
        System.setProperty(LAPACK_PATH, "/nonexistent/iterdiff.blas=java");
        return "Java fallback chosen by iterdiff.blas=java";
      case "system":
        return "system libblas.so.3 / liblapack.so.3 chosen by iterdiff.blas=system";
      case "bundled":
        if (given == null && threadsUnset()) {
          return "bundled OpenBLAS not loaded: neither OPENBLAS_NUM_THREADS nor OMP_NUM_THREADS "
              + "is set (multi-threaded OpenBLAS can crash a JVM on 1 MB thread stacks; set "
              + "OPENBLAS_NUM_THREADS=1, or -Diterdiff.blas=bundled): system libraries";
        }
        return bundled();
      default:
        return "iterdiff.blas=" + mode + " is not bundled, system or java: system libraries";
    }
  }

  private static String bundled() {
    ClassLoader loader = NativeBlas.class.getClassLoader();
    URL lib = loader.getResource(RESOURCE_DIR + FILES.get(0));
    String os = System.getProperty("os.name", "") + "/" + System.getProperty("os.arch", "");
    if (lib == null || !os.equals("Linux/amd64")) {
      return "no bundled OpenBLAS for " + os + " on the class path: system libraries";
    }
    String version = version(loader);
    String cache = setting("iterdiff.native.cache", "ITERDIFF_NATIVE_CACHE", null);
    List<Path> candidates = cache != null ? List.of(Paths.get(cache))
        : List.of(userCache(), Paths.get(System.getProperty("java.io.tmpdir"),
            "iterdiff-" + System.getProperty("user.name", "user")));
    String failure = "";
    for (Path base : candidates) {
      try {
        Path dir = NativeBlasFiles.extract(loader, base.resolve("openblas-" + version));
        String path = dir.resolve(FILES.get(0)).toString();
        System.setProperty(BLAS_PATH, path);
        System.setProperty(LAPACK_PATH, path);
        return "bundled OpenBLAS " + version + ", " + path;
      } catch (IOException | RuntimeException e) {
        failure = e.getClass().getSimpleName() + ": " + e.getMessage();
      }
    }
    return "bundled OpenBLAS not extracted (" + failure + "): system libraries";
  }

  private static Path userCache() {
    String xdg = System.getenv("XDG_CACHE_HOME");
    Path base = xdg != null && !xdg.isBlank() ? Paths.get(xdg)
        : Paths.get(System.getProperty("user.home", "."), ".cache");
    return base.resolve("iterdiff");
  }

  private static String version(ClassLoader loader) {
    try (InputStream in = loader.getResourceAsStream(POM)) {
      if (in != null) {
        Properties p = new Properties();
        p.load(in);
        return p.getProperty("version", "unknown");
      }
    } catch (IOException e) {
      // the version only names the cache directory
    }
    return "unknown";
  }
}
