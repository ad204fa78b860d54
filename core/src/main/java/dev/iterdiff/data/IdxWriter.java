package dev.iterdiff.data;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/**
 * Writes gzipped IDX files as {@link IdxReader} reads them: the big-endian magic number
 * ({@link IdxReader#IMAGES_MAGIC} or {@link IdxReader#LABELS_MAGIC}), the dimensions, then
 * the unsigned bytes. Java's gzip header carries no time stamp, so equal content gives equal
 * files on one JDK. Used by {@link IdxSubset} to cut the committed Fashion-MNIST subset.
 */
public final class IdxWriter {

  private IdxWriter() {}

  /**
   * Writes images (count × rows × cols) to a gzipped IDX file; parent directories created.
   *
   * @throws IllegalArgumentException if the pixel array is not count·rows·cols long.
   */
  public static void images(IdxReader.Images images, Path file) throws IOException {
    if (images.pixels().length != (long) images.count() * images.size()) {
      throw new IllegalArgumentException(file + ": " + images.pixels().length + " pixels for "
          + images.count() + " x " + images.rows() + " x " + images.cols() + " images");
    }
    try (DataOutputStream out = open(file)) {
      out.writeInt(IdxReader.IMAGES_MAGIC);
      out.writeInt(images.count());
      out.writeInt(images.rows());
      out.writeInt(images.cols());
      out.write(images.pixels());
    }
  }

  /**
   * Writes labels to a gzipped IDX file; parent directories created.
   *
   * @throws IllegalArgumentException on a label outside 0…255, naming its index.
   */
  public static void labels(int[] labels, Path file) throws IOException {
    byte[] b = new byte[labels.length];
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] < 0 || labels[i] > 255) {
        throw new IllegalArgumentException(file + ": label " + i + " is " + labels[i]
            + " (IDX labels are unsigned bytes, 0…255)");
      }
      b[i] = (byte) labels[i];
    }
    try (DataOutputStream out = open(file)) {
      out.writeInt(IdxReader.LABELS_MAGIC);
      out.writeInt(labels.length);
      out.write(b);
    }
  }

  private static DataOutputStream open(Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    OutputStream raw = Files.newOutputStream(file);
    return new DataOutputStream(new BufferedOutputStream(new GZIPOutputStream(raw, 1 << 16)));
  }
}
