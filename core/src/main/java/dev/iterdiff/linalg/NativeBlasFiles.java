package dev.iterdiff.linalg;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Extracts the bundled OpenBLAS natives ({@link NativeBlas#FILES}) into one directory, once:
 * a complete directory (every file present with the size of its resource) is reused; otherwise
 * the files are written to a fresh sibling directory that is then renamed into place
 * atomically, so JVMs starting together (executors of one node) never load a half-written
 * library. {@code libopenblas.so.0} finds the others beside it (RUNPATH {@code $ORIGIN}).
 */
final class NativeBlasFiles {

  private NativeBlasFiles() {}

  /**
   * @return {@code dir}, holding the natives.
   * @throws IOException if a resource is missing or the directory cannot be written.
   */
  static Path extract(ClassLoader loader, Path dir) throws IOException {
    if (complete(loader, dir)) {
      return dir;
    }
    Files.createDirectories(dir.getParent());
    Path tmp = Files.createTempDirectory(dir.getParent(), dir.getFileName() + ".tmp-");
    try {
      for (String name : NativeBlas.FILES) {
        try (InputStream in = loader.getResourceAsStream(NativeBlas.RESOURCE_DIR + name)) {
          if (in == null) {
            throw new IOException("no resource " + NativeBlas.RESOURCE_DIR + name);
          }
          Files.copy(in, tmp.resolve(name));
        }
      }
      try {
        deleteIncomplete(loader, dir);
        Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
      } catch (FileAlreadyExistsException | DirectoryNotEmptyException
          | AtomicMoveNotSupportedException e) {
        // another JVM won the race: use its copy when complete
        if (!complete(loader, dir)) {
          throw new IOException(dir + " exists but is incomplete", e);
        }
      }
      return dir;
    } finally {
      delete(tmp);
    }
  }

  /** Whether every file is in {@code dir} with its resource's size. */
  static boolean complete(ClassLoader loader, Path dir) throws IOException {
    for (String name : NativeBlas.FILES) {
      Path f = dir.resolve(name);
      URL url = loader.getResource(NativeBlas.RESOURCE_DIR + name);
      if (url == null || !Files.isRegularFile(f) || Files.size(f) != size(url)) {
        return false;
      }
    }
    return true;
  }

  private static long size(URL url) throws IOException {
    URLConnection c = url.openConnection();
    c.setUseCaches(false);
    long n = c.getContentLengthLong();
    c.getInputStream().close();
    return n;
  }

  /** An incomplete directory (a copy killed mid-way by an older version) is removed first. */
  private static void deleteIncomplete(ClassLoader loader, Path dir) throws IOException {
    if (Files.isDirectory(dir) && !complete(loader, dir)) {
      delete(dir);
    }
  }

  private static void delete(Path p) throws IOException {
    if (!Files.exists(p)) {
      return;
    }
    try (Stream<Path> s = Files.walk(p)) {
      for (Path q : (Iterable<Path>) s.sorted(Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(q);
      }
    }
  }
}
