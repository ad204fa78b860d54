package dev.iterdiff.spark.hyperopt;

import dev.iterdiff.spark.config.JobConfigException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Checks a hyperopt output before any Spark job (issue 10 item 8, as the sweep does): the
 * directory {@code <output>/checkpoint} is created and a probe file written and deleted there.
 * An output under a regular file, or without permission, stops the run with one line naming
 * the path and the reason ({@link JobConfigException}, exit status 2) instead of failing at
 * the first checkpoint after the first evaluation.
 */
final class HyperoptOutputCheck {

  private HyperoptOutputCheck() {}

  /**
   * @throws JobConfigException ({@code hyperopt.output}) if the output cannot be written.
   */
  static void writable(String output, Configuration conf) {
    Path dir = new Path(output, "checkpoint");
    try {
      FileSystem fs = dir.getFileSystem(conf);
      if (!fs.mkdirs(dir)) {
        throw new IOException("cannot create " + dir);
      }
      Path probe = new Path(dir, ".write-probe-" + java.util.UUID.randomUUID());
      fs.create(probe, true).close();
      fs.delete(probe, false);
    } catch (IOException e) {
      String reason = e instanceof AccessDeniedException ? "permission denied"
          : e instanceof FileSystemException f && f.getReason() != null ? f.getReason()
          : e.getMessage();
      throw new JobConfigException("hyperopt.output", output + " is not writable: " + reason);
    }
  }
}
