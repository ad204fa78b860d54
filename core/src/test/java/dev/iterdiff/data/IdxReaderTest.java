package dev.iterdiff.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iterdiff.problem.LabeledData;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The IDX reader on the committed Fashion-MNIST subset (reference values computed
 * independently with Python's gzip + struct) and on hand-made bad files.
 */
class IdxReaderTest {

  static final Path DIR = Path.of("data-samples/fashion-mnist");
  static final Path TRAIN = DIR.resolve("train-images-idx3-ubyte.gz");
  static final Path TEST = DIR.resolve("t10k-images-idx3-ubyte.gz");

  @TempDir
  Path tmp;

  @Test
  void readsTheCommittedSubsetAsPythonDoes() throws IOException {
    IdxReader.Images im = IdxReader.images(TRAIN);
    assertEquals(3000, im.count());
    assertEquals(28, im.rows());
    assertEquals(28, im.cols());
    assertEquals(77012, sum(im.pixels(), 0, 784));
    assertEquals(20963, sum(im.pixels(), 2999 * 784, 784));
    assertEquals(171757679L, sum(im.pixels(), 0, 3000 * 784));
    assertEquals(224, im.pixels()[14 * 28 + 14] & 0xff);
    assertEquals(54, im.pixels()[1234 * 784 + 10 * 28 + 20] & 0xff);
    int[] labels = IdxReader.labels(IdxReader.labelsFileFor(TRAIN));
    assertArrayEquals(new int[] {3, 2, 1, 6, 1, 2, 2, 7, 3, 2}, Arrays.copyOf(labels, 10));
    int[] counts = new int[10];
    for (int l : labels) {
      counts[l]++;
    }
    int[] expected = new int[10];
    Arrays.fill(expected, 300);
    assertArrayEquals(expected, counts);
    assertEquals(57269177L, sum(IdxReader.images(TEST).pixels(), 0, 1000 * 784));
  }

  @Test
  void labeledDataIsColumnMajorAndScaled() throws IOException {
    LabeledData d = IdxReader.read(TRAIN);
    assertEquals(3000, d.rows());
    assertEquals(784, d.cols());
    assertEquals(224 / 255.0, d.get(0, 14 * 28 + 14), 0);
    assertEquals(54 / 255.0, d.get(1234, 10 * 28 + 20), 0);
    assertEquals(3.0, d.labels()[0], 0);
    double min = Arrays.stream(d.a()).min().orElseThrow();
    double max = Arrays.stream(d.a()).max().orElseThrow();
    assertTrue(min >= 0 && max <= 1 && max > 0.99, min + " " + max);
    LabeledData z = IdxReader.read(TRAIN, IdxReader.labelsFileFor(TRAIN), 0.25, 0.5);
    assertEquals((54 / 255.0 - 0.25) / 0.5, z.get(1234, 10 * 28 + 20), 1e-15);
  }

  @Test
  void plainAndGzippedFilesReadAlike() throws IOException {
    byte[] raw = idx(0x803, new int[] {2, 2, 3}, new byte[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9,
        10, (byte) 255});
    Path plain = write("a-images-idx3-ubyte", raw, false);
    Path gz = write("b-images-idx3-ubyte.gz", raw, true);
    assertArrayEquals(IdxReader.images(plain).pixels(), IdxReader.images(gz).pixels());
    write("a-labels-idx1-ubyte", idx(0x801, new int[] {2}, new byte[] {7, (byte) 200}), false);
    LabeledData d = IdxReader.read(plain);
    assertEquals(1.0, d.get(1, 5), 0);         // image 1, pixel (1, 2): byte 255
    assertEquals(200.0, d.labels()[1], 0);     // unsigned
  }

  @Test
  void badFilesAreOneLineErrorsNamingFileFieldAndValue() throws IOException {
    Path missing = tmp.resolve("none-images-idx3-ubyte.gz");
    NoSuchFileException e0 = assertThrows(NoSuchFileException.class,
        () -> IdxReader.images(missing));
    assertEquals(missing + ": no such file (IDX images)", e0.getMessage());

    Path labelsAsImages = write("l.gz", idx(0x801, new int[] {2}, new byte[2]), true);
    assertEquals(labelsAsImages + ": magic number 0x00000801, expected 0x00000803 (IDX images)",
        message(() -> IdxReader.images(labelsAsImages)));

    byte[] full = idx(0x803, new int[] {3, 2, 2}, new byte[12]);
    Path shortData = write("short.gz", Arrays.copyOf(full, full.length - 5), true);
    assertEquals(shortData + ": truncated: the header says 12 data bytes, the file holds 7",
        message(() -> IdxReader.images(shortData)));
    Path shortHeader = write("header", Arrays.copyOf(full, 10), false);
    assertEquals(shortHeader + ": truncated: the file ends in the header (dimension 1, 2 of 4 "
        + "bytes)", message(() -> IdxReader.images(shortHeader)));
    Path longer = write("long", Arrays.copyOf(full, full.length + 1), false);
    assertEquals(longer + ": trailing bytes after the 12 data bytes the header says",
        message(() -> IdxReader.images(longer)));
    Path zero = write("zero", idx(0x803, new int[] {3, 0, 2}, new byte[0]), false);
    assertEquals(zero + ": dimension 1 is 0 (must be > 0)", message(() -> IdxReader.images(zero)));

    Path gz = write("cut.gz", full, true);
    byte[] bytes = Files.readAllBytes(gz);
    Path cutStream = tmp.resolve("cut-stream.gz");
    Files.write(cutStream, Arrays.copyOf(bytes, bytes.length - 12));
    assertTrue(message(() -> IdxReader.images(cutStream)).startsWith(cutStream
        + ": truncated or corrupt gzip stream"));

    Path images = write("x-images-idx3-ubyte", full, false);
    Path labels = write("x-labels-idx1-ubyte", idx(0x801, new int[] {2}, new byte[2]), false);
    assertEquals(labels + ": 2 labels, but " + images + " holds 3 images",
        message(() -> IdxReader.read(images)));
    assertEquals(tmp.resolve("data.gz") + ": an IDX images file name must contain 'images-idx3'"
        + " (its labels are then the file named with 'labels-idx1')",
        message(() -> IdxReader.labelsFileFor(tmp.resolve("data.gz"))));
    assertEquals("IDX scaling: mean 0.0, std 0.0 (mean finite, std finite and > 0)",
        message(() -> IdxReader.read(images, labels, 0.0, 0.0)));
  }

  @Test
  void writerRoundTrips() throws IOException {
    IdxReader.Images im = IdxReader.images(TEST);
    int[] keep = {0, 17, 999};
    Path out = tmp.resolve("sub-images-idx3-ubyte.gz");
    IdxWriter.images(IdxSubset.select(im, keep, "sub"), out);
    int[] labels = IdxReader.labels(IdxReader.labelsFileFor(TEST));
    IdxWriter.labels(IdxSubset.select(labels, keep), IdxReader.labelsFileFor(out));
    LabeledData d = IdxReader.read(out);
    LabeledData all = IdxReader.read(TEST);
    for (int k = 0; k < keep.length; k++) {
      assertEquals(all.labels()[keep[k]], d.labels()[k], 0);
      for (int j = 0; j < 784; j++) {
        assertEquals(all.get(keep[k], j), d.get(k, j), 0);
      }
    }
    assertEquals(out.resolveSibling("bad") + ": label 1 is 256 (IDX labels are unsigned bytes, "
        + "0…255)", message(() -> IdxWriter.labels(new int[] {1, 256}, out.resolveSibling("bad"))));
  }

  interface Call {
    void run() throws Exception;
  }

  static String message(Call call) {
    return assertThrows(IllegalArgumentException.class, call::run).getMessage();
  }

  static long sum(byte[] b, int from, int n) {
    long s = 0;
    for (int i = from; i < from + n; i++) {
      s += b[i] & 0xff;
    }
    return s;
  }

  static byte[] idx(int magic, int[] dims, byte[] data) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    out.writeInt(magic);
    for (int d : dims) {
      out.writeInt(d);
    }
    out.write(data);
    out.flush();
    return bytes.toByteArray();
  }

  Path write(String name, byte[] content, boolean gzip) throws IOException {
    Path f = tmp.resolve(name);
    if (gzip) {
      try (GZIPOutputStream out = new GZIPOutputStream(Files.newOutputStream(f))) {
        out.write(content);
      }
    } else {
      Files.write(f, content);
    }
    return f;
  }
}
