package dev.iterdiff.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/**
 * Output locations fixed on the driver before any task runs. A relative path such as
 * {@code target/sweep-example} means "under the driver's working directory"; executors do not
 * share that directory (a standalone worker starts each one in {@code work/app-…/N/}), so the
 * jobs qualify a relative output against the driver's default file system and working
 * directory, as Hadoop's {@code FileSystem.makeQualified} does:
 * {@code target/out} → {@code file:/home/me/iterdiff/target/out} (or
 * {@code hdfs://nn/user/me/target/out} when {@code fs.defaultFS} is HDFS). Absolute paths and
 * paths with a scheme are returned unchanged: they already name the same place on every JVM
 * that shares the Hadoop configuration. Inputs need no such care: the jobs read their data on
 * the driver and broadcast it.
 *
 * <p>Spark's own writers (DataFrameWriter, saveAsObjectFile) already qualify their path on the
 * driver — a relative sweep output landed under the driver's directory on the loopback cluster
 * without this class too. Qualifying once, up front, makes every use agree: the paths the jobs
 * print, the warm-start directory stored in a hyperopt checkpoint, and any path a task might
 * be handed.
 *
 * <p>A {@code file:} output on a multi-host cluster still has to be a file system every
 * executor mounts at the same path (NFS); use {@code hdfs://} or {@code s3a://} otherwise.
 */
public final class OutputPaths {

  private OutputPaths() {}

  /**
   * The output location every JVM of the job resolves the same way.
   *
   * @param path   the configured output path (not modified).
   * @param hadoop the driver's Hadoop configuration (the SparkContext's).
   * @return {@code path} itself if it is absolute or has a scheme, else its qualified URI.
   * @throws IllegalArgumentException if {@code path} is empty.
   * @throws UncheckedIOException if the default file system cannot be reached.
   */
  public static String qualified(String path, Configuration hadoop) {
    if (path == null || path.isBlank()) {
      throw new IllegalArgumentException("output path: empty ('" + path + "')");
    }
    Path p = new Path(path);
    if (p.toUri().getScheme() != null || p.isUriPathAbsolute()) {
      return path;
    }
    try {
      return p.getFileSystem(hadoop).makeQualified(p).toString();
    } catch (IOException e) {
      throw new UncheckedIOException("output path " + path + ": cannot resolve against the "
          + "default file system: " + e.getMessage(), e);
    }
  }
}
