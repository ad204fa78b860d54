package dev.iterdiff.spark.hyperopt;

import dev.iterdiff.data.LibsvmReader;
import dev.iterdiff.problem.LabeledData;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/** Reads a LIBSVM data set from any Hadoop path (file://, hdfs://, s3a://) on the driver. */
public final class HyperoptData {

  private HyperoptData() {}

  /**
   * @throws IllegalArgumentException if the file is missing or malformed (LibsvmReader names
   *         file, line and token).
   */
  public static LabeledData read(String path, Configuration conf) throws IOException {
    Path p = new Path(path);
    if (!p.getFileSystem(conf).exists(p)) {
      throw new IllegalArgumentException("data: file not found: " + path);
    }
    try (Reader r = new InputStreamReader(p.getFileSystem(conf).open(p),
        StandardCharsets.UTF_8)) {
      return LibsvmReader.read(path, r, LibsvmReader.INFER_FEATURES);
    }
  }
}
