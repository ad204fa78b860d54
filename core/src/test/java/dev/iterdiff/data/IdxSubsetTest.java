package dev.iterdiff.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The seeded class-balanced cut that made data-samples/fashion-mnist/. */
class IdxSubsetTest {

  static final Path FULL = Path.of("/usr/share/datasets/fashion-mnist");

  @Test
  void stratifiedIsBalancedAscendingAndSeeded() {
    int[] labels = new int[100];
    for (int i = 0; i < labels.length; i++) {
      labels[i] = (i * 7) % 4;
    }
    int[] a = IdxSubset.stratified(labels, 5, 3, "l");
    assertArrayEquals(a, IdxSubset.stratified(labels, 5, 3, "l"));
    assertEquals(20, a.length);
    int[] counts = new int[4];
    for (int k = 0; k < a.length; k++) {
      counts[labels[a[k]]]++;
      if (k > 0) {
        assertEquals(true, a[k] > a[k - 1], "ascending, no repeats");
      }
    }
    assertArrayEquals(new int[] {5, 5, 5, 5}, counts);
    assertEquals(false, Arrays.equals(a, IdxSubset.stratified(labels, 5, 4, "l")));
    assertEquals("l: class 0 has 25 samples, fewer than the 26 asked", assertThrows(
        IllegalArgumentException.class, () -> IdxSubset.stratified(labels, 26, 3, "l"))
        .getMessage());
  }

  /** Only where dataset-fashion-mnist is installed (jobs/setup-data.sh); CI skips it. */
  @Test
  void committedSubsetIsWhatMakeShCuts() throws IOException {
    assumeTrue(Files.isDirectory(FULL), "dataset-fashion-mnist not installed");
    check("train", 300, 1);
    check("t10k", 100, 2);
  }

  private static void check(String split, int perClass, long seed) throws IOException {
    Path images = FULL.resolve(split + "-images-idx3-ubyte.gz");
    IdxReader.Images full = IdxReader.images(images);
    int[] labels = IdxReader.labels(IdxReader.labelsFileFor(images));
    int[] keep = IdxSubset.stratified(labels, perClass, seed, split);
    Path committed = IdxReaderTest.DIR.resolve(images.getFileName());
    assertArrayEquals(IdxSubset.select(full, keep, split).pixels(),
        IdxReader.images(committed).pixels(), split);
    assertArrayEquals(IdxSubset.select(labels, keep),
        IdxReader.labels(IdxReader.labelsFileFor(committed)), split);
  }
}
