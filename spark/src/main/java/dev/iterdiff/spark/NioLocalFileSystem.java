package dev.iterdiff.spark;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.permission.FsAction;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.io.nativeio.NativeIO;

/**
 * Hadoop's local file system ({@code file://}, checksums and all) with one change: permissions
 * are set through {@code java.nio} instead of a {@code chmod} child process.
 *
 * <p>Without Hadoop's native library ({@code libhadoop.so}, which the Maven jars do not ship),
 * {@link RawLocalFileSystem#setPermission} runs {@code chmod} in a new process for every file
 * and directory Hadoop creates with a permission — measured here at 6–8 ms each, whatever the
 * process launch mechanism. One Parquet write (job and task directories, one part file per
 * task, {@code _SUCCESS}) creates about ten of them, so this is ~20–40 % of the fixed cost of
 * a small Spark write job in local mode (BENCHMARKS.md, sweep throughput). The mode bits set
 * are the same (user, group, other; read, write, execute); a sticky bit, a non-POSIX file
 * system or an available native library take Hadoop's own path.
 *
 * <p>{@link SparkSessions} installs it as {@code fs.file.impl} for local-mode sessions. Hadoop
 * caches one file system per scheme and user for the whole JVM, so it serves the session only
 * when no {@code file://} file system was created before with another configuration; either
 * way the files and their modes are the same.
 */
public class NioLocalFileSystem extends LocalFileSystem {

  /** The configuration key Hadoop reads for the {@code file://} implementation. */
  public static final String KEY = "fs.file.impl";

  private static final boolean POSIX =
      FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

  /** A local file system over {@link Raw}. */
  public NioLocalFileSystem() {
    super(new Raw());
  }

  /** The raw (checksum-less) local file system with {@code java.nio} permissions. */
  public static class Raw extends RawLocalFileSystem {

    @Override
    public void setPermission(Path p, FsPermission permission) throws IOException {
      if (!POSIX || permission.getStickyBit() || NativeIO.isAvailable()) {
        super.setPermission(p, permission);
        return;
      }
      Files.setPosixFilePermissions(pathToFile(p).toPath(), modes(permission));
    }
  }

  /** The POSIX mode bits of a Hadoop permission (sticky bit aside). */
  static Set<PosixFilePermission> modes(FsPermission p) {
    Set<PosixFilePermission> s = EnumSet.noneOf(PosixFilePermission.class);
    add(s, p.getUserAction(), PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
        PosixFilePermission.OWNER_EXECUTE);
    add(s, p.getGroupAction(), PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE,
        PosixFilePermission.GROUP_EXECUTE);
    add(s, p.getOtherAction(), PosixFilePermission.OTHERS_READ,
        PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);
    return s;
  }

  private static void add(Set<PosixFilePermission> s, FsAction a, PosixFilePermission r,
      PosixFilePermission w, PosixFilePermission x) {
    if (a.implies(FsAction.READ)) {
      s.add(r);
    }
    if (a.implies(FsAction.WRITE)) {
      s.add(w);
    }
    if (a.implies(FsAction.EXECUTE)) {
      s.add(x);
    }
  }
}
