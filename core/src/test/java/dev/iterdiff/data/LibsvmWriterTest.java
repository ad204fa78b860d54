package dev.iterdiff.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.iterdiff.problem.LabeledData;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LibsvmWriterTest {

  @TempDir
  Path dir;

  @Test
  void formatsPlainDecimalsWithTwelveSignificantDigits() {
    assertEquals("1", LibsvmWriter.format(1.0));
    assertEquals("0", LibsvmWriter.format(-0.0));
    assertEquals("151", LibsvmWriter.format(151.0));
    assertEquals("100", LibsvmWriter.format(100.0));
    assertEquals("-0.333333333333", LibsvmWriter.format(-1.0 / 3));
    assertEquals("0.0000123456789012", LibsvmWriter.format(1.23456789012345e-5));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> LibsvmWriter.format(Double.NaN));
    assertEquals("cannot write NaN to LIBSVM", e.getMessage());
  }

  @Test
  void writesSparseLinesWithCommentsAndZerosOmitted() throws IOException {
    LabeledData d = new LabeledData(new double[] {1, 0, 0, 2.5, -3, 0}, 2, 3, new double[] {1, -1}, "t");
    StringWriter out = new StringWriter();
    LibsvmWriter.write(d, out, "made by a test");
    assertEquals("# made by a test\n1 1:1 3:-3\n-1 2:2.5\n", out.toString());
  }

  @Test
  void roundTripsThroughTheReaderUpToTheRounding() throws IOException {
    // GIVEN random-looking values with more digits than the file keeps
    double[] a = new double[4 * 3];
    for (int k = 0; k < a.length; k++) {
      a[k] = Math.sin(k + 1) * Math.pow(10, k % 5 - 2);
    }
    LabeledData d = new LabeledData(a, 4, 3, new double[] {0.1, 2, -3, 4}, "t");
    Path file = dir.resolve("rt.libsvm");
    // WHEN written and read back
    LibsvmWriter.write(d, file);
    LabeledData back = LibsvmReader.read(file, 3);
    // THEN equal to 12 significant digits
    assertArrayEquals(d.labels(), back.labels(), 0);
    for (int k = 0; k < a.length; k++) {
      assertEquals(a[k], back.a()[k], Math.abs(a[k]) * 1e-12, "entry " + k);
    }
    assertEquals(4, Files.readAllLines(file).size());
  }
}
