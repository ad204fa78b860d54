package dev.iterdiff.spark;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Properties;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;

/**
 * One writer per output directory: the file {@code <output>/_LOCK}, created exclusively, holds
 * the run id, host, pid and start time of the job writing there. A second job finds it and
 * fails fast ({@link OutputBusyException}, naming the run that holds it); the holder checks it
 * again ({@link #checkHeld}) right before publishing and deletes it when done ({@link #close}).
 *
 * <p>Exclusive creation is the one atomic step, and it is not the same call everywhere: on
 * HDFS {@code FileSystem.create(path, overwrite = false)} is decided by the NameNode, one
 * creator wins and the others get {@code FileAlreadyExistsException}; on the local file system
 * Hadoop's {@code create(path, false)} is check-then-open (two processes can both "create" the
 * file), so there the lock is created through {@code java.nio} with {@code CREATE_NEW}
 * ({@code O_CREAT|O_EXCL}). Object stores (s3a) give no exclusive create: there the lock only
 * narrows the race.
 *
 * <p>A lock left by a killed job is stale: when it names this host and a pid that is no
 * longer running, the next job breaks it (through an exclusively created marker
 * {@code _LOCK.broken-<run>}, so that two jobs cannot both break it) and takes over. A lock
 * from another host is never broken automatically: the message says to delete it once no job
 * writes there.
 */
public final class OutputLock implements AutoCloseable {

  /** The lock file's name under the output directory. */
  public static final String NAME = "_LOCK";

  private final FileSystem fs;
  private final Path path;
  private final String runId;
  private Path broken;
  private boolean held = true;

  private OutputLock(FileSystem fs, Path path, String runId) {
    this.fs = fs;
    this.path = path;
    this.runId = runId;
  }

  /**
   * Takes the lock of {@code dir} for {@code runId} (creating {@code dir} if needed); this is
   * also the check that the output is writable.
   *
   * @throws OutputBusyException if another live job holds it.
   * @throws IOException if {@code dir} cannot be written.
   */
  public static OutputLock acquire(FileSystem fs, Path dir, String runId) throws IOException {
    Path path = new Path(dir, NAME);
    byte[] content = content(runId);
    if (createExclusive(fs, path, content)) {
      return new OutputLock(fs, path, runId);
    }
    Properties holder = read(fs, path);
    String other = holder.getProperty("run", "?");
    if (isStale(holder)) {
      Path marker = new Path(dir, NAME + ".broken-" + other);
      if (createExclusive(fs, marker, content) && fs.delete(path, false)
          && createExclusive(fs, path, content)) {
        OutputLock lock = new OutputLock(fs, path, runId);
        lock.broken = marker;
        return lock;
      }
      holder = read(fs, path);
      other = holder.getProperty("run", "?");
    }
    throw new OutputBusyException(dir + " is being written by run " + other + " (pid "
        + holder.getProperty("pid", "?") + " on " + holder.getProperty("host", "?")
        + ", since " + holder.getProperty("started", "?") + "); wait for it, choose another "
        + "output, or delete " + path + " if no job is writing there");
  }

  /** The run id this lock was taken for. */
  public String runId() {
    return runId;
  }

  /**
   * Checks that the lock file still names this run (nobody deleted or replaced it).
   *
   * @throws OutputBusyException if it does not.
   */
  public void checkHeld() throws IOException {
    String now = held ? read(fs, path).getProperty("run") : null;
    if (!runId.equals(now)) {
      throw new OutputBusyException("lost the lock " + path + " of run " + runId
          + (now == null ? " (deleted)" : " to run " + now) + "; nothing was published");
    }
  }

  /** Deletes the lock file if it still names this run. */
  @Override
  public void close() throws IOException {
    if (!held) {
      return;
    }
    held = false;
    if (runId.equals(read(fs, path).getProperty("run"))) {
      fs.delete(path, false);
    }
    if (broken != null) {
      fs.delete(broken, false);
    }
  }

  /** Whether the holder ran on this host under a pid that no longer runs. */
  private static boolean isStale(Properties holder) throws IOException {
    String host = holder.getProperty("host");
    String pid = holder.getProperty("pid");
    if (host == null || pid == null || !host.equals(hostName())) {
      return false;
    }
    try {
      long p = Long.parseLong(pid);
      return p != ProcessHandle.current().pid() && ProcessHandle.of(p).isEmpty();
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static byte[] content(String runId) throws IOException {
    return ("run=" + runId + "\nhost=" + hostName() + "\npid=" + ProcessHandle.current().pid()
        + "\nstarted=" + Instant.now() + "\n").getBytes(StandardCharsets.UTF_8);
  }

  private static String hostName() throws IOException {
    return InetAddress.getLocalHost().getHostName();
  }

  /** The lock's fields; empty if it is gone (or still being written). */
  private static Properties read(FileSystem fs, Path path) throws IOException {
    Properties p = new Properties();
    try (InputStream in = fs.open(path)) {
      ByteArrayOutputStream b = new ByteArrayOutputStream();
      in.transferTo(b);
      p.load(new java.io.StringReader(b.toString(StandardCharsets.UTF_8)));
    } catch (FileNotFoundException e) {
      // gone: no holder
    }
    return p;
  }

  /** Creates {@code path} with {@code content} unless it exists; false if it exists. */
  static boolean createExclusive(FileSystem fs, Path path, byte[] content) throws IOException {
    File local = fs instanceof LocalFileSystem l ? l.pathToFile(path)
        : fs instanceof RawLocalFileSystem r ? r.pathToFile(path) : null;
    if (local != null) {
      Files.createDirectories(local.toPath().getParent());
      try (OutputStream o = Files.newOutputStream(local.toPath(), StandardOpenOption.CREATE_NEW,
          StandardOpenOption.WRITE)) {
        o.write(content);
      } catch (FileAlreadyExistsException e) {
        return false;
      }
      return true;
    }
    try (OutputStream o = fs.create(path, false)) {
      o.write(content);
    } catch (org.apache.hadoop.fs.FileAlreadyExistsException e) {
      return false;
    }
    return true;
  }
}
