package dev.iterdiff.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.iterdiff.problem.LabeledData;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LibsvmReaderTest {

  @TempDir
  Path dir;

  private Path write(String name, String text) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, text, StandardCharsets.UTF_8);
    return file;
  }

  private String error(String text) throws IOException {
    Path file = write("bad.libsvm", text);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> LibsvmReader.read(file));
    return e.getMessage();
  }

  @Test
  void readsSparseRowsIntoDenseColumnMajor() throws IOException {
    // GIVEN three samples, a comment line, a blank line, tabs and a trailing comment
    Path file = write("ok.libsvm", "# header comment\n"
        + "1 1:0.5 3:-2\n"
        + "\n"
        + "-1\t2:1e-3   3:4 # trailing\n"
        + "+0.25 1:7\n");
    // WHEN
    LabeledData d = LibsvmReader.read(file);
    // THEN p = 3 (largest index), missing entries are 0, column-major layout
    assertEquals(3, d.rows());
    assertEquals(3, d.cols());
    assertArrayEquals(new double[] {1, -1, 0.25}, d.labels());
    assertArrayEquals(new double[] {0.5, 0, 7, 0, 1e-3, 0, -2, 4, 0}, d.a());
    assertEquals(file.toString(), d.source());
  }

  @Test
  void fixedFeatureCountKeepsTrailingZeroColumns() throws IOException {
    Path file = write("ok.libsvm", "1 1:2\n0 2:3\n");
    LabeledData d = LibsvmReader.read(file, 4);
    assertEquals(4, d.cols());
    assertArrayEquals(new double[] {2, 0, 0, 3, 0, 0, 0, 0}, d.a());
  }

  @Test
  void manyRowsGrowTheBuffers() throws IOException {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 1000; i++) {
      text.append(i % 2).append(" 1:").append(i).append(" 2:").append(-i).append('\n');
    }
    LabeledData d = LibsvmReader.read(write("big.libsvm", text.toString()));
    assertEquals(1000, d.rows());
    assertEquals(999.0, d.get(999, 0));
    assertEquals(-999.0, d.get(999, 1));
    assertEquals(1.0, d.labels()[999]);
  }

  @Test
  void readsFromAReaderWithTheGivenSourceName() throws IOException {
    LabeledData d = LibsvmReader.read("hdfs://x/y.libsvm", new StringReader("2 2:1\n"), 2);
    assertEquals("hdfs://x/y.libsvm", d.source());
    assertArrayEquals(new double[] {0, 1}, d.a());
  }

  @Test
  void indexZeroIsRejectedWithFileAndLine() throws IOException {
    String m = error("1 1:1\n# c\n0 0:1 2:3\n");
    assertEquals(dir.resolve("bad.libsvm") + ":3: feature index 0 (indices are 1-based)", m);
  }

  @Test
  void valueThatIsNotANumber() throws IOException {
    assertEquals(dir.resolve("bad.libsvm") + ":1: feature 2: value 'abc' is not a number",
        error("1 2:abc\n"));
    // Java's parser would accept these; LIBSVM does not
    assertEquals(dir.resolve("bad.libsvm") + ":1: feature 1: value '1d' is not a number",
        error("1 1:1d\n"));
    assertEquals(dir.resolve("bad.libsvm") + ":2: label: value 'x' is not a number",
        error("1 1:1\nx 1:1\n"));
  }

  @Test
  void nonFiniteValuesAreRejected() throws IOException {
    assertEquals(dir.resolve("bad.libsvm") + ":1: NaN value 'NaN' for feature 3",
        error("1 3:NaN\n"));
    assertEquals(dir.resolve("bad.libsvm") + ":1: infinite value '-inf' for feature 1",
        error("1 1:-inf\n"));
    assertEquals(dir.resolve("bad.libsvm") + ":1: NaN value 'nan' for label",
        error("nan 1:1\n"));
    assertEquals(dir.resolve("bad.libsvm") + ":1: feature 1: value '1e999' overflows a double",
        error("1 1:1e999\n"));
  }

  @Test
  void emptyFileAndCommentOnlyFileHaveNoSamples() throws IOException {
    assertEquals(dir.resolve("bad.libsvm") + " is empty: no samples", error(""));
    assertEquals(dir.resolve("bad.libsvm") + " is empty: no samples", error("# only\n\n  \n"));
  }

  @Test
  void labelsWithoutAnyFeature() throws IOException {
    assertEquals(dir.resolve("bad.libsvm") + ": no features: all 2 samples have only a label",
        error("1\n0\n"));
  }

  @Test
  void indicesMustBeAscendingAndUnique() throws IOException {
    assertEquals(dir.resolve("bad.libsvm")
        + ":1: feature index 2 after 5 (indices must be strictly ascending)", error("1 5:1 2:1\n"));
    assertEquals(dir.resolve("bad.libsvm")
        + ":1: feature index 3 after 3 (indices must be strictly ascending)", error("1 3:1 3:1\n"));
  }

  @Test
  void malformedTokensAndIndices() throws IOException {
    assertEquals(dir.resolve("bad.libsvm") + ":1: token '0.5' is not index:value",
        error("1 0.5\n"));
    assertEquals(dir.resolve("bad.libsvm")
        + ":1: feature index '-1' in '-1:2' is not a positive integer", error("1 -1:2\n"));
    assertEquals(dir.resolve("bad.libsvm") + ":1: feature index '' in ':2' is not a positive integer",
        error("1 :2\n"));
    assertEquals(dir.resolve("bad.libsvm") + ":1: feature 1: value '' is not a number",
        error("1 1:\n"));
    assertEquals(dir.resolve("bad.libsvm") + ":1: feature index '99999999999' is too large",
        error("1 99999999999:1\n"));
  }

  @Test
  void indexBeyondTheFixedFeatureCount() throws IOException {
    Path file = write("bad.libsvm", "1 1:1\n1 31:1\n");
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> LibsvmReader.read(file, 30));
    assertEquals(file + ":2: feature index 31 > 30 features", e.getMessage());
    IllegalArgumentException p =
        assertThrows(IllegalArgumentException.class, () -> LibsvmReader.read(file, 0));
    assertEquals(file + ": number of features must be > 0, got 0", p.getMessage());
  }

  @Test
  void missingFileIsAnIoError() {
    Path missing = dir.resolve("missing.libsvm");
    assertThrows(NoSuchFileException.class, () -> LibsvmReader.read(missing));
  }

  @Test
  void aDenseMatrixLargerThanTheHeapIsRefusedBeforeItIsAllocated() throws IOException {
    // GIVEN 5 samples whose largest index is 10^8: 5 x 10^8 doubles = 4e9 bytes
    Path file = write("huge-index.libsvm", "1 1:1\n1 100000000:1\n-1 1:2\n-1 2:1\n1 3:1\n");
    org.junit.jupiter.api.Assumptions.assumeTrue(Runtime.getRuntime().maxMemory() < 4e9);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> LibsvmReader.read(file));
    assertEquals(true, e.getMessage().startsWith(file + ": a dense 5 x 100000000 matrix "
        + "(largest feature index 100000000) would need 4000000000 bytes, more than the "),
        e.getMessage());
    assertEquals(true, e.getMessage().endsWith(" bytes of heap left; the data must be smaller "
        + "(fewer samples or a smaller largest index)"), e.getMessage());
  }
}
