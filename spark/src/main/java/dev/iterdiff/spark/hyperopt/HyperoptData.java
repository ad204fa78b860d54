package dev.iterdiff.spark.hyperopt;

import dev.iterdiff.data.LibsvmReader;
import dev.iterdiff.problem.LabeledData;
import dev.iterdiff.spark.config.HyperoptSettings;
import dev.iterdiff.spark.ml.SparkDataSource;
import java.nio.ByteBuffer;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;

/**
 * Reads a LIBSVM data set from any Hadoop path (file://, hdfs://, s3a://) on the driver, or,
 * with {@code hyperopt.format}, through a Spark data source ({@link SparkDataSource}).
 */
public final class HyperoptData {

  private HyperoptData() {}

  /**
   * The data set at {@code path} as the settings say to read it; with a format the digest is
   * the SHA-256 of the rows as read (shape, labels, entries), since a directory or a table has
   * no single file to hash.
   *
   * @throws IllegalArgumentException (a {@code JobConfigException} for a format) naming the
   *         path, key or column.
   */
  public static Digested read(SparkSession spark, HyperoptSettings s, String path,
      Configuration conf) throws IOException {
    if (s.format() == null) {
      return readDigested(path, conf);
    }
    LabeledData d = SparkDataSource.read(spark, s.format(), path);
    return new Digested(d, digest(d));
  }

  /** SHA-256 (hex) of rows, columns, labels and the entries (dense or compressed rows). */
  static String digest(LabeledData d) {
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    ByteBuffer b = ByteBuffer.allocate(8);
    java.util.function.DoubleConsumer put = v -> {
      b.clear();
      b.putDouble(v);
      sha.update(b.array());
    };
    put.accept(d.rows());
    put.accept(d.cols());
    for (double v : d.labels()) {
      put.accept(v);
    }
    if (d.isSparse()) {
      for (int v : d.sparse().rowStart()) {
        put.accept(v);
      }
      for (int v : d.sparse().columns()) {
        put.accept(v);
      }
      for (double v : d.sparse().values()) {
        put.accept(v);
      }
    } else {
      for (double v : d.a()) {
        put.accept(v);
      }
    }
    return HexFormat.of().formatHex(sha.digest());
  }

  /**
   * A data set and the SHA-256 (hex) of the bytes it was read from.
   *
   * @param data   the rows.
   * @param sha256 64 hex digits, of the whole file.
   */
  public record Digested(LabeledData data, String sha256) {}

  /**
   * @throws IllegalArgumentException if the file is missing or malformed (LibsvmReader names
   *         file, line and token).
   */
  public static LabeledData read(String path, Configuration conf) throws IOException {
    return readDigested(path, conf).data();
  }

  /**
   * Reads the file and hashes the bytes read, in one pass: the checkpoint keeps the hash so
   * that a resume on other data at the same path is refused.
   *
   * @throws IllegalArgumentException if the file is missing or malformed.
   */
  public static Digested readDigested(String path, Configuration conf) throws IOException {
    Path p = new Path(path);
    if (!p.getFileSystem(conf).exists(p)) {
      throw new IllegalArgumentException("data: file not found: " + path);
    }
    if (p.getFileSystem(conf).getFileStatus(p).isDirectory()) {
      throw new IllegalArgumentException("data: " + path + " is a directory, not a file");
    }
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    try (InputStream in = new DigestInputStream(p.getFileSystem(conf).open(p), sha);
        Reader r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
      LabeledData d = LibsvmReader.read(path, r, LibsvmReader.INFER_FEATURES);
      in.transferTo(OutputStream.nullOutputStream()); // whatever the reader left unread
      return new Digested(d, HexFormat.of().formatHex(sha.digest()));
    }
  }

  /**
   * The SHA-256 (hex) of a file's bytes: for data read by another reader (IDX images and
   * labels), so their checkpoints refuse a resume on changed data as hyperopt's do.
   *
   * @throws IllegalArgumentException if the file is missing.
   */
  public static HyperoptCheckpoint.DataDigest digest(String path, Configuration conf)
      throws IOException {
    Path p = new Path(path);
    if (!p.getFileSystem(conf).exists(p)) {
      throw new IllegalArgumentException("data: file not found: " + path);
    }
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    try (InputStream in = new DigestInputStream(p.getFileSystem(conf).open(p), sha)) {
      in.transferTo(OutputStream.nullOutputStream());
    }
    return new HyperoptCheckpoint.DataDigest(path, HexFormat.of().formatHex(sha.digest()));
  }
}
