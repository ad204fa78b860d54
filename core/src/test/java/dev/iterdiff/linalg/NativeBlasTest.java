package dev.iterdiff.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ludovic.netlib.blas.NativeBLAS;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The OpenBLAS bundled from Maven: extracted once, complete, and what netlib loads here. */
class NativeBlasTest {

  private final ClassLoader loader = NativeBlasTest.class.getClassLoader();

  private static boolean linuxAmd64() {
    return "Linux".equals(System.getProperty("os.name"))
        && "amd64".equals(System.getProperty("os.arch"));
  }

  @Test
  void extractsEveryFileOnceAndReusesACompleteDirectory(@TempDir Path tmp) throws IOException {
    assumeTrue(linuxAmd64(), "the bundled natives are linux-x86_64");
    // GIVEN no directory yet
    Path dir = tmp.resolve("cache/openblas-test");
    // WHEN extracted
    assertEquals(dir, NativeBlasFiles.extract(loader, dir));
    // THEN every file is there with its resource's size, and nothing else is left beside it
    assertTrue(NativeBlasFiles.complete(loader, dir));
    for (String f : NativeBlas.FILES) {
      assertTrue(Files.size(dir.resolve(f)) > 0, f);
    }
    try (var s = Files.list(dir.getParent())) {
      assertEquals(1, s.count(), "temporary directories removed");
    }
    // AND a second extraction reuses the directory as it is
    long mtime = Files.getLastModifiedTime(dir.resolve(NativeBlas.FILES.get(0))).toMillis();
    NativeBlasFiles.extract(loader, dir);
    assertEquals(mtime, Files.getLastModifiedTime(dir.resolve(NativeBlas.FILES.get(0))).toMillis());
  }

  @Test
  void replacesAnIncompleteDirectory(@TempDir Path tmp) throws IOException {
    assumeTrue(linuxAmd64(), "the bundled natives are linux-x86_64");
    // GIVEN a copy killed mid-way: a truncated library, the other files missing
    Path dir = tmp.resolve("openblas-test");
    Files.createDirectories(dir);
    Files.write(dir.resolve(NativeBlas.FILES.get(0)), new byte[10]);
    assertFalse(NativeBlasFiles.complete(loader, dir));
    // WHEN extracted THEN complete
    NativeBlasFiles.extract(loader, dir);
    assertTrue(NativeBlasFiles.complete(loader, dir));
  }

  @Test
  void bundledOpenBlasIsWhatNetlibLoadsByDefault() {
    assumeTrue(linuxAmd64(), "the bundled natives are linux-x86_64");
    assumeTrue(System.getProperty("iterdiff.blas") == null && System.getenv("ITERDIFF_BLAS") == null
, "default choice");
    String why = NativeBlas.configure();
    assertTrue(why.startsWith("bundled OpenBLAS "), why);
    assertTrue(Blas.netlib() instanceof NativeBLAS, NativeBlas.describe());
    assertEquals("JNILAPACK", Lapack.backend(), NativeBlas.describe());
    assertTrue(NativeBlas.describe().contains("OpenBLAS threads 1 from OPENBLAS_NUM_THREADS"),
        NativeBlas.describe());
  }
}
