package dev.iterdiff.spark.hyperopt;

import dev.iterdiff.bilevel.OuterState;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The checkpoint of a hyperopt run, written to {@code <output>/checkpoint/state.bin} after
 * every outer step: the outer state (θ, optimizer state, iteration, history, config
 * fingerprint) and the directory of the warm starts saved with it. Written to a temporary file
 * and renamed, so a run killed mid-write leaves the previous checkpoint intact.
 *
 * @param state    the outer state.
 * @param warmDir  directory (object file of (fold, x) pairs) of the inner solutions, or null.
 */
public record HyperoptCheckpoint(OuterState state, String warmDir) implements Serializable {

  /** {@code <output>/checkpoint/state.bin}. */
  public static Path file(String output) {
    return new Path(new Path(output, "checkpoint"), "state.bin");
  }

  /** Whether a checkpoint exists under output. */
  public static boolean exists(String output, Configuration conf) throws IOException {
    Path f = file(output);
    return f.getFileSystem(conf).exists(f);
  }

  /** Writes atomically (temporary file, then rename). */
  public void write(String output, Configuration conf) throws IOException {
    Path f = file(output);
    FileSystem fs = f.getFileSystem(conf);
    Path tmp = new Path(f.getParent(), "state.bin.tmp");
    try (ObjectOutputStream out = new ObjectOutputStream(fs.create(tmp, true))) {
      out.writeObject(this);
    }
    fs.delete(f, false);
    if (!fs.rename(tmp, f)) {
      throw new IOException("checkpoint: could not rename " + tmp + " to " + f);
    }
  }

  /**
   * Reads the checkpoint under output.
   *
   * @throws IllegalArgumentException if there is none, naming the path.
   */
  public static HyperoptCheckpoint read(String output, Configuration conf) throws IOException {
    Path f = file(output);
    FileSystem fs = f.getFileSystem(conf);
    if (!fs.exists(f)) {
      throw new IllegalArgumentException("--resume: no checkpoint at " + f);
    }
    try (ObjectInputStream in = new ObjectInputStream(fs.open(f))) {
      return (HyperoptCheckpoint) in.readObject();
    } catch (ClassNotFoundException e) {
      throw new IOException("checkpoint " + f + " is not readable by this version", e);
    }
  }
}
