package dev.iterdiff.spark.sweep;

import dev.iterdiff.spark.OutputLock;
import dev.iterdiff.spark.config.JobConfigException;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * One run of a sweep into an output directory, published only when complete.
 *
 * <p>The protocol: (1) take {@code <out>/_LOCK} for a fresh run id ({@link OutputLock}; a
 * second writer fails fast; creating the lock is also the check that the output is writable,
 * before any instance runs); (2) write the rows to {@code <out>/_attempts/<run>/results}
 * (Spark's committer, {@code _SUCCESS}) with {@code _RUN_ID} beside them and the summary to
 * {@code _attempts/<run>/summary.json}; (3) check the lock still names this run, then delete
 * the old {@code summary.json}, move the old {@code results} into the attempt directory, and
 * rename the new {@code results} and {@code summary.json} into place; (4) delete the attempt
 * directory and the lock. A run that fails or is killed before (3) leaves the previous result
 * as it was; what it left under {@code _attempts} (a killed run's rows, or the files of tasks
 * still being cancelled) is deleted by the next run once it holds the lock.
 *
 * <p>Renames: a directory rename is atomic on HDFS (one NameNode operation) and on a local
 * POSIX file system ({@code rename(2)}, which Hadoop's local file system calls first; it falls
 * back to copying only when that fails, e.g. across mounts, which cannot happen inside one
 * output directory). Every target is absent when renamed onto (Hadoop renames a directory
 * onto an existing one by moving it inside). On object stores (s3a) renames are copies and
 * the publish is not atomic. A reader checks completeness with {@link #publishedRunId}: the
 * run id of {@code summary.json} must equal {@code results/_RUN_ID}, and {@code summary.json}
 * also holds the row count it was computed from.
 */
public final class SweepAttempt implements AutoCloseable {

  /** Directory under the output holding the runs in progress. */
  public static final String ATTEMPTS = "_attempts";
  /** File in a results directory holding the run id that wrote it. */
  public static final String RUN_ID = "_RUN_ID";

  private static final Pattern JSON_RUN_ID = Pattern.compile("\"run_id\":\"([^\"]*)\"");

  private final FileSystem fs;
  private final Path out;
  private final Path dir;
  private final OutputLock lock;

  private SweepAttempt(FileSystem fs, Path out, OutputLock lock) {
    this.fs = fs;
    this.out = out;
    this.lock = lock;
    this.dir = new Path(new Path(out, ATTEMPTS), lock.runId());
  }

  /**
   * Starts a run into {@code out}: takes the lock and makes the attempt directory.
   *
   * @param overwrite whether an existing {@code results} may be replaced.
   * @throws dev.iterdiff.spark.OutputBusyException if another job writes there.
   * @throws JobConfigException ({@code sweep.output.path}) if the output is not writable, or
   *         holds a result and {@code overwrite} is false.
   */
  public static SweepAttempt start(FileSystem fs, Path out, boolean overwrite) {
    OutputLock lock;
    try {
      lock = OutputLock.acquire(fs, out, newRunId());
    } catch (IOException e) {
      throw notWritable(out, e);
    }
    SweepAttempt a = new SweepAttempt(fs, out, lock);
    try {
      a.checkOverwrite(overwrite);
      fs.delete(a.dir.getParent(), true);
      if (!fs.mkdirs(a.dir)) {
        throw new IOException("cannot create " + a.dir);
      }
      return a;
    } catch (IOException | RuntimeException e) {
      a.close();
      throw e instanceof IOException io ? notWritable(out, io) : (RuntimeException) e;
    }
  }

  /** This run's id: UTC start time and a random suffix, e.g. 20260101T120000Z-1a2b3c4d. */
  public String runId() {
    return lock.runId();
  }

  /** Where this run writes its rows before publishing. */
  public Path results() {
    return new Path(dir, SweepJob.RESULTS);
  }

  /**
   * Publishes the written rows with {@code summaryJson} (which should carry the run id) as
   * {@code <out>/results} and {@code <out>/summary.json}, replacing the previous ones.
   *
   * @throws dev.iterdiff.spark.OutputBusyException if the lock was lost (nothing published).
   */
  public void publish(String summaryJson, boolean overwrite) throws IOException {
    write(new Path(results(), RUN_ID), runId() + "\n");
    Path summary = new Path(dir, SweepJob.SUMMARY);
    write(summary, summaryJson);
    lock.checkHeld();
    checkOverwrite(overwrite);
    Path published = new Path(out, SweepJob.RESULTS);
    fs.delete(new Path(out, SweepJob.SUMMARY), false);
    if (fs.exists(published)) {
      rename(published, new Path(dir, "replaced"));
    }
    rename(results(), published);
    rename(summary, new Path(out, SweepJob.SUMMARY));
  }

  /**
   * Deletes the attempt directory, then the lock. While this run still holds the lock it
   * deletes all of {@code _attempts}: only the holder writes there, so anything else in it is
   * what an earlier, stopped run's tasks left (they may still have been writing when this run
   * cleared it at its start). A run that lost its lock deletes only its own directory.
   */
  @Override
  public void close() {
    try {
      Path attempts = dir.getParent();
      boolean holder;
      try {
        lock.checkHeld();
        holder = true;
      } catch (IOException | RuntimeException e) {
        holder = false;
      }
      fs.delete(holder ? attempts : dir, true);
      if (!holder && fs.exists(attempts) && fs.listStatus(attempts).length == 0) {
        fs.delete(attempts, false);
      }
      lock.close();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("sweep output " + out + ": cleaning up run "
          + runId() + ": " + e.getMessage(), e);
    }
  }

  /**
   * The run id of the result published under {@code out}, checked: {@code summary.json} and
   * {@code results/_RUN_ID} must both exist and name the same run.
   *
   * @throws IllegalStateException naming both if they do not.
   */
  public static String publishedRunId(FileSystem fs, Path out) throws IOException {
    String summary = read(fs, new Path(out, SweepJob.SUMMARY));
    Matcher m = JSON_RUN_ID.matcher(summary == null ? "" : summary);
    String fromSummary = m.find() ? m.group(1) : null;
    String rows = read(fs, new Path(new Path(out, SweepJob.RESULTS), RUN_ID));
    String fromRows = rows == null ? null : rows.strip();
    if (fromSummary == null || !fromSummary.equals(fromRows)) {
      throw new IllegalStateException(out + " holds no complete result: summary.json run "
          + fromSummary + ", results/" + RUN_ID + " " + fromRows);
    }
    return fromSummary;
  }

  private void checkOverwrite(boolean overwrite) throws IOException {
    Path published = new Path(out, SweepJob.RESULTS);
    if (!overwrite && fs.exists(published)) {
      throw new JobConfigException("sweep.output.path", published + " exists; set "
          + "sweep.output.overwrite = true (--overwrite) or choose another path");
    }
  }

  private void rename(Path from, Path to) throws IOException {
    if (!fs.rename(from, to)) {
      throw new IOException("cannot rename " + from + " to " + to);
    }
  }

  private void write(Path path, String text) throws IOException {
    try (OutputStream o = fs.create(path, true)) {
      o.write(text.getBytes(StandardCharsets.UTF_8));
    }
  }

  private static String read(FileSystem fs, Path path) throws IOException {
    if (!fs.exists(path)) {
      return null;
    }
    try (InputStream in = fs.open(path)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static String newRunId() {
    return DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").format(
        ZonedDateTime.now(ZoneOffset.UTC)) + "-" + String.format("%08x",
        ThreadLocalRandom.current().nextInt());
  }

  /** The output cannot be written: one line with the reason. */
  private static JobConfigException notWritable(Path out, IOException e) {
    String reason = e instanceof AccessDeniedException ? "permission denied"
        : e instanceof FileSystemException f && f.getReason() != null ? f.getReason()
        : e.getMessage();
    String file = e instanceof FileSystemException f ? " (" + f.getFile() + ")" : "";
    return new JobConfigException("sweep.output.path", out + " is not writable: " + reason
        + file);
  }
}
