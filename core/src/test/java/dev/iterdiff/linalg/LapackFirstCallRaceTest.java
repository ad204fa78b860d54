package dev.iterdiff.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import org.junit.jupiter.api.Test;

/**
 * Two threads making their first LAPACK call at once through {@link Lapack} get the right
 * machine constants. The F2j LAPACK's dlamch sets them on first call behind an unsynchronized
 * flag; racing two threads on it directly gave a wrong "safe minimum" (e.g. 1.25e-293 instead
 * of 2.2e-308) in 4 of 15 fresh JVMs here, kept for the JVM's life. Each round loads
 * {@code Lapack}, netlib and F2j in a fresh class loader (fresh statics), releases two threads
 * together on {@code Lapack.netlib().dlamch("S")} and checks both results.
 */
class LapackFirstCallRaceTest {

  @Test
  void concurrentFirstCallsSeeTheRightSafeMinimum() throws Exception {
    URL[] urls = isolatedClassPath();
    for (int round = 0; round < 50; round++) {
      try (URLClassLoader loader = new URLClassLoader(urls,
          ClassLoader.getPlatformClassLoader())) {
        Class<?> lapack = Class.forName("dev.iterdiff.linalg.Lapack", false, loader);
        java.lang.reflect.Method dlamch = Class.forName("dev.ludovic.netlib.lapack.LAPACK",
            false, loader).getMethod("dlamch", String.class);
        CyclicBarrier start = new CyclicBarrier(2);
        double[] safeMin = new double[2];
        Throwable[] failed = new Throwable[2];
        Thread[] threads = new Thread[2];
        for (int t = 0; t < 2; t++) {
          int k = t;
          threads[t] = new Thread(() -> {
            try {
              start.await();
              safeMin[k] = (double) dlamch.invoke(lapack.getMethod("netlib").invoke(null), "S");
            } catch (ReflectiveOperationException | InterruptedException
                | java.util.concurrent.BrokenBarrierException e) {
              failed[k] = e;
            }
          });
          threads[t].start();
        }
        for (Thread th : threads) {
          th.join();
        }
        for (Throwable e : failed) {
          if (e != null) {
            throw new AssertionError("round " + round + ": " + e, e);
          }
        }
        assertEquals(Double.MIN_NORMAL, safeMin[0], 0, "round " + round + ", thread 0");
        assertEquals(Double.MIN_NORMAL, safeMin[1], 0, "round " + round + ", thread 1");
      }
    }
  }

  /** target/classes and the netlib / F2j jars of the test class path. */
  private static URL[] isolatedClassPath() throws Exception {
    List<URL> urls = new ArrayList<>();
    urls.add(Lapack.class.getProtectionDomain().getCodeSource().getLocation());
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      if (entry.contains("netlib") || entry.contains("f2j")) {
        urls.add(new File(entry).toURI().toURL());
      }
    }
    assertFalse(urls.size() < 3, "netlib and F2j jars on the class path: " + urls);
    return urls.toArray(new URL[0]);
  }
}
