package dev.iterdiff.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.iterdiff.problem.LabeledData;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SampleFilesTest {

  @TempDir
  Path dir;

  private Path gz(String name, String text) throws IOException {
    Path file = dir.resolve(name);
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
    return file;
  }

  @Test
  void parsesScikitLearnsBreastCancerLayout() throws IOException {
    Path csv = dir.resolve("bc.csv");
    Files.writeString(csv, "3,2,malignant,benign\n1.5,2,0\n3,4,1\n5,6e1,1\n");
    LabeledData d = SampleFiles.breastCancer(csv);
    assertArrayEquals(new double[] {1.5, 3, 5, 2, 4, 60}, d.a(), 0);
    assertArrayEquals(new double[] {0, 1, 1}, d.labels(), 0);
  }

  @Test
  void breastCancerErrorsNameFileAndLine() throws IOException {
    Path csv = dir.resolve("bc.csv");
    Files.writeString(csv, "2,2,malignant,benign\n1,2,0\n3,x,1\n");
    assertEquals(csv + ":3: field 2: 'x' is not a number", assertThrows(
        IllegalArgumentException.class, () -> SampleFiles.breastCancer(csv)).getMessage());
    Files.writeString(csv, "3,2,malignant,benign\n1,2,0\n3,4,1\n");
    assertEquals(csv + ": header says 3 samples, found 2", assertThrows(
        IllegalArgumentException.class, () -> SampleFiles.breastCancer(csv)).getMessage());
    Files.writeString(csv, "2,2,malignant,benign\n1,2,0\n3,1\n");
    assertEquals(csv + ":3: 2 fields, expected 3", assertThrows(
        IllegalArgumentException.class, () -> SampleFiles.breastCancer(csv)).getMessage());
  }

  @Test
  void parsesScikitLearnsDiabetesFiles() throws IOException {
    Path x = gz("x.csv.gz", "1 2 3 4 5 6 7 8 9 10\n11 12 13 14 15 16 17 18 19 20\n");
    Path y = gz("y.csv.gz", "1.51e+02\n7.5e+01\n");
    LabeledData d = SampleFiles.diabetes(x, y);
    assertEquals(2, d.rows());
    assertEquals(10, d.cols());
    assertEquals(20, d.get(1, 9));
    assertArrayEquals(new double[] {151, 75}, d.labels(), 0);
    Path y1 = gz("y1.csv.gz", "1\n");
    assertEquals(x + " has 2 samples but " + y1 + " has 1", assertThrows(
        IllegalArgumentException.class, () -> SampleFiles.diabetes(x, y1)).getMessage());
  }
}
