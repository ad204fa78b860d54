package dev.iterdiff.spark.hyperopt;

import dev.iterdiff.bilevel.OuterState;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.hadoop.fs.ChecksumException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The checkpoint of a hyperopt run, written to {@code <output>/checkpoint/state.json} after
 * every outer step: a versioned JSON document ({@link CheckpointJson}; format
 * {@value #FORMAT}, version {@value #VERSION}) holding the outer state (θ, optimizer state,
 * iteration, history, config fingerprint), the SHA-256 of every data file read, and where the
 * warm starts saved with it are. Written to a temporary file and renamed, so a run killed
 * mid-write leaves the previous checkpoint intact. No Java serialization: anyone who can write
 * the output directory can at worst make {@code --resume} refuse the file.
 *
 * @param state    the outer state.
 * @param warmDir  directory of the warm starts ({@link WarmStarts}) relative to the output
 *                 directory, e.g. {@code checkpoint/warm-6}, so a copied or moved output
 *                 resumes; or null.
 * @param data     the data files read and the SHA-256 of their bytes.
 */
public record HyperoptCheckpoint(OuterState state, String warmDir, List<DataDigest> data) {

  /** The {@code "format"} of the document. */
  public static final String FORMAT = "iterdiff-hyperopt-checkpoint";
  /** The version this code writes; it reads this one and version 1 (see {@link CheckpointJson}). */
  public static final int VERSION = 2;
  /** What a warm-start directory relative to the output may look like. */
  private static final Pattern WARM_DIR = Pattern.compile("checkpoint/warm-\\d+");

  /**
   * A data file and the SHA-256 (hex) of the bytes read from it.
   *
   * @param path   the path as the config gives it.
   * @param sha256 64 hex digits.
   */
  public record DataDigest(String path, String sha256) {}

  /** A checkpoint without data digests. */
  public HyperoptCheckpoint(OuterState state, String warmDir) {
    this(state, warmDir, List.of());
  }

  public HyperoptCheckpoint {
    data = List.copyOf(data);
  }

  /** {@code <output>/checkpoint/state.json}. */
  public static Path file(String output) {
    return new Path(new Path(output, "checkpoint"), "state.json");
  }

  /** {@code <output>/checkpoint/state.bin}, the Java-serialized checkpoint of older versions. */
  static Path legacyFile(String output) {
    return new Path(new Path(output, "checkpoint"), "state.bin");
  }

  /** Whether a checkpoint (of this or an older version) exists under output. */
  public static boolean exists(String output, Configuration conf) throws IOException {
    Path f = file(output);
    FileSystem fs = f.getFileSystem(conf);
    return fs.exists(f) || fs.exists(legacyFile(output));
  }

  /** The warm-start directory resolved against the output, or null. */
  public Path warmPath(String output) {
    return warmDir == null ? null : new Path(output, warmDir);
  }

  /** Writes atomically (temporary file, then rename). */
  public void write(String output, Configuration conf) throws IOException {
    Path f = file(output);
    FileSystem fs = f.getFileSystem(conf);
    Path tmp = new Path(f.getParent(), "state.json.tmp");
    try (OutputStream out = fs.create(tmp, true)) {
      out.write(CheckpointJson.encode(this));
    }
    fs.delete(f, false);
    if (!fs.rename(tmp, f)) {
      throw new IOException("checkpoint: could not rename " + tmp + " to " + f);
    }
  }

  /**
   * Reads the checkpoint under output.
   *
   * @throws IllegalArgumentException naming the file if there is none, if it is of an older
   *         version, damaged, cut short, not a checkpoint, or names a warm-start directory
   *         outside {@code checkpoint/}.
   */
  public static HyperoptCheckpoint read(String output, Configuration conf) throws IOException {
    Path f = file(output);
    FileSystem fs = f.getFileSystem(conf);
    if (!fs.exists(f)) {
      if (fs.exists(legacyFile(output))) {
        throw new IllegalArgumentException("--resume: " + legacyFile(output) + " is a "
            + "checkpoint of an older iterdiff (Java serialization), which this version does "
            + "not read: start the run again in another output");
      }
      throw new IllegalArgumentException("--resume: no checkpoint at " + f);
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (InputStream in = fs.open(f)) {
      in.transferTo(bytes);
    } catch (ChecksumException e) {
      throw new IllegalArgumentException("checkpoint " + f + " does not match its checksum "
          + "file (." + f.getName() + ".crc): it was changed or damaged after it was written");
    }
    HyperoptCheckpoint cp = CheckpointJson.decode(bytes.toByteArray(), f.toString());
    if (cp.warmDir() != null && !WARM_DIR.matcher(cp.warmDir()).matches()) {
      throw new IllegalArgumentException("checkpoint " + f + ": warm_starts must be "
          + "checkpoint/warm-<step>, got '" + cp.warmDir() + "'");
    }
    return cp;
  }

  /**
   * Refuses a resume when a data file's bytes are not those the checkpoint was made from (the
   * files of {@code now} also named by this checkpoint are compared).
   *
   * @throws IllegalArgumentException naming the file, the checkpoint and both digests.
   */
  public void requireSameData(List<DataDigest> now, String output) {
    for (DataDigest then : data) {
      for (DataDigest d : now) {
        if (d.path().equals(then.path()) && !d.sha256().equals(then.sha256())) {
          throw new IllegalArgumentException("--resume: data file " + d.path() + " has "
              + "changed since the checkpoint at " + file(output)
              + " was written (SHA-256 " + abbreviate(then.sha256()) + "… then, "
              + abbreviate(d.sha256()) + "… now); resume with the data that wrote it, or "
              + "choose another output");
        }
      }
    }
  }

  private static String abbreviate(String sha) {
    return sha.substring(0, Math.min(12, sha.length()));
  }
}
