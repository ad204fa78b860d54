package dev.iterdiff.data;

import dev.iterdiff.problem.LabeledData;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads IDX files — the format of MNIST and Fashion-MNIST (LeCun et al.; Xiao, Rasul &amp;
 * Vollgraf 2017) — plain or gzipped (recognised by the gzip magic bytes 1f 8b, not by the
 * name). An IDX file is a big-endian header, the magic number {@code 0x0000TTDD} (TT = 08
 * for unsigned bytes, DD = the number of dimensions), DD 32-bit dimensions, then the data in
 * row-major order. Two kinds are read:
 * <pre>
 *   images  magic 0x00000803, dimensions (n, rows, cols), n·rows·cols unsigned bytes
 *   labels  magic 0x00000801, dimension  (n),             n unsigned bytes
 * </pre>
 * The dimensions are checked against the (decompressed) length: a file shorter or longer
 * than its header says is an error. {@link #read} pairs an images and a labels file into a
 * {@link LabeledData} (N×(rows·cols), column-major) with pixels scaled to [0, 1]: z = v/255,
 * or standardized with a given mean and std: z = (v/255 − mean)/std.
 *
 * <p>Errors are one line naming the file, the field and the value, e.g.
 * {@code "t10k-labels.gz: magic number 0x00000803, expected 0x00000801 (IDX labels)"}; a
 * missing file is a {@link NoSuchFileException} with the same kind of message.
 */
public final class IdxReader {

  /** Magic number of an IDX file of unsigned bytes in 3 dimensions (images). */
  public static final int IMAGES_MAGIC = 0x00000803;
  /** Magic number of an IDX file of unsigned bytes in 1 dimension (labels). */
  public static final int LABELS_MAGIC = 0x00000801;

  /**
   * Raw images as stored: {@code count} images of {@code rows × cols} unsigned bytes each,
   * image i's pixel (r, c) at {@code pixels[i·rows·cols + r·cols + c]} (read with
   * {@code & 0xff}).
   */
  public record Images(int count, int rows, int cols, byte[] pixels, String source) {

    /** Pixels per image, rows·cols. */
    public int size() {
      return rows * cols;
    }
  }

  private IdxReader() {}

  /**
   * Reads an IDX images file.
   *
   * @throws NoSuchFileException      if it does not exist.
   * @throws IOException              if it cannot be read.
   * @throws IllegalArgumentException on a wrong magic number, a non-positive dimension, or a
   *         length other than the header's (truncated or trailing bytes).
   */
  public static Images images(Path file) throws IOException {
    int[] dims = new int[3];
    byte[] data = readIdx(file, IMAGES_MAGIC, "IDX images", dims);
    return new Images(dims[0], dims[1], dims[2], data, file.toString());
  }

  /**
   * Reads an IDX labels file: one unsigned byte per sample.
   *
   * @throws NoSuchFileException      if it does not exist.
   * @throws IOException              if it cannot be read.
   * @throws IllegalArgumentException as {@link #images}.
   */
  public static int[] labels(Path file) throws IOException {
    byte[] data = readIdx(file, LABELS_MAGIC, "IDX labels", new int[1]);
    int[] out = new int[data.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = data[i] & 0xff;
    }
    return out;
  }

  /**
   * The labels file paired with an images file by the MNIST naming convention: the file name's
   * {@code images-idx3} replaced by {@code labels-idx1} ({@code train-images-idx3-ubyte.gz} →
   * {@code train-labels-idx1-ubyte.gz}), in the same directory.
   *
   * @throws IllegalArgumentException if the name does not contain {@code images-idx3}.
   */
  public static Path labelsFileFor(Path images) {
    String name = String.valueOf(images.getFileName());
    if (!name.contains("images-idx3")) {
      throw new IllegalArgumentException(images + ": an IDX images file name must contain "
          + "'images-idx3' (its labels are then the file named with 'labels-idx1')");
    }
    return images.resolveSibling(name.replace("images-idx3", "labels-idx1"));
  }

  /** {@link #read(Path, Path)} with the labels file of {@link #labelsFileFor}. */
  public static LabeledData read(Path images) throws IOException {
    return read(images, labelsFileFor(images));
  }

  /** {@link #read(Path, Path, double, double)} with mean 0, std 1: pixels v/255 in [0, 1]. */
  public static LabeledData read(Path images, Path labels) throws IOException {
    return read(images, labels, 0.0, 1.0);
  }

  /**
   * Images and labels as a {@link LabeledData}: row i is image i flattened row by row,
   * A(i, j) = (v/255 − mean)/std; label i the class (0…255). The source is the images path.
   *
   * @param mean subtracted from every pixel after scaling to [0, 1], finite.
   * @param std  divides every pixel after centring, finite and &gt; 0.
   * @throws IllegalArgumentException as {@link #images}, or if the two files hold different
   *         numbers of samples, naming both.
   */
  public static LabeledData read(Path images, Path labels, double mean, double std)
      throws IOException {
    if (!Double.isFinite(mean) || !(std > 0) || !Double.isFinite(std)) {
      throw new IllegalArgumentException("IDX scaling: mean " + mean + ", std " + std
          + " (mean finite, std finite and > 0)");
    }
    Images im = images(images);
    int[] y = labels(labels);
    if (y.length != im.count()) {
      throw new IllegalArgumentException(labels + ": " + y.length + " labels, but " + images
          + " holds " + im.count() + " images");
    }
    return toLabeledData(im, y, mean, std);
  }

  /** A(i, j) = (v/255 − mean)/std over the images, labels as given (lengths equal). */
  static LabeledData toLabeledData(Images im, int[] y, double mean, double std) {
    int n = im.count();
    int p = im.size();
    double[] a = new double[Math.multiplyExact(n, p)];
    byte[] px = im.pixels();
    double scale = 1.0 / (255.0 * std);
    double shift = mean / std;
    for (int i = 0; i < n; i++) {
      int off = i * p;
      for (int j = 0; j < p; j++) {
        a[i + j * n] = (px[off + j] & 0xff) * scale - shift;
      }
    }
    double[] labels = new double[n];
    for (int i = 0; i < n; i++) {
      labels[i] = y[i];
    }
    return new LabeledData(a, n, p, labels, im.source());
  }

  /** Header check and the data bytes; dims (length = the expected rank) written. */
  private static byte[] readIdx(Path file, int magic, String kind, int[] dims)
      throws IOException {
    if (!Files.exists(file)) {
      throw new NoSuchFileException(file.toString(), null, "no such file (" + kind + ")");
    }
    try (InputStream in = open(file)) {
      int found = readInt(in, file, "magic number");
      if (found != magic) {
        throw new IllegalArgumentException(file + ": magic number " + hex(found) + ", expected "
            + hex(magic) + " (" + kind + ")");
      }
      long size = 1;
      for (int d = 0; d < dims.length; d++) {
        dims[d] = readInt(in, file, "dimension " + d);
        if (dims[d] <= 0) {
          throw new IllegalArgumentException(file + ": dimension " + d + " is " + dims[d]
              + " (must be > 0)");
        }
        size *= dims[d];
        if (size > Integer.MAX_VALUE - 8) {
          throw new IllegalArgumentException(file + ": dimensions give more than "
              + (Integer.MAX_VALUE - 8) + " bytes of data (dimension " + d + " is " + dims[d]
              + ")");
        }
      }
      byte[] data = in.readNBytes((int) size);
      if (data.length < size) {
        throw new IllegalArgumentException(file + ": truncated: the header says " + size
            + " data bytes, the file holds " + data.length);
      }
      if (in.read() != -1) {
        throw new IllegalArgumentException(file + ": trailing bytes after the " + size
            + " data bytes the header says");
      }
      return data;
    } catch (EOFException | ZipException e) {
      throw new IllegalArgumentException(file + ": truncated or corrupt gzip stream ("
          + e.getMessage() + ")");
    }
  }

  private static InputStream open(Path file) throws IOException {
    BufferedInputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
    in.mark(2);
    int b0 = in.read();
    int b1 = in.read();
    in.reset();
    return b0 == 0x1f && b1 == 0x8b ? new GZIPInputStream(in, 1 << 16) : in;
  }

  private static int readInt(InputStream in, Path file, String field) throws IOException {
    byte[] b = in.readNBytes(4);
    if (b.length < 4) {
      throw new IllegalArgumentException(file + ": truncated: the file ends in the header ("
          + field + ", " + b.length + " of 4 bytes)");
    }
    return ((b[0] & 0xff) << 24) | ((b[1] & 0xff) << 16) | ((b[2] & 0xff) << 8) | (b[3] & 0xff);
  }

  private static String hex(int v) {
    return String.format("0x%08x", v);
  }
}
