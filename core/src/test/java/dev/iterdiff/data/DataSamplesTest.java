package dev.iterdiff.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iterdiff.problem.LabeledData;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The committed files in data-samples/ are what data-samples/make.sh says they are. */
class DataSamplesTest {

  private static final Path SAMPLES = Path.of("data-samples");

  /** Every column of A has mean 0 and population std 1, to the 12 digits the file keeps. */
  private static void assertStandardized(LabeledData d) {
    for (int j = 0; j < d.cols(); j++) {
      double sum = 0;
      double squares = 0;
      for (int i = 0; i < d.rows(); i++) {
        sum += d.get(i, j);
        squares += d.get(i, j) * d.get(i, j);
      }
      double mean = sum / d.rows();
      assertEquals(0, mean, 1e-11, "mean of feature " + (j + 1));
      assertEquals(1, Math.sqrt(squares / d.rows() - mean * mean), 1e-11, "std of feature " + (j + 1));
    }
  }

  @Test
  void breastCancerIs569By30StandardizedWithLabelsZeroOne() throws IOException {
    LabeledData d = LibsvmReader.read(SAMPLES.resolve("breast-cancer.libsvm"), 30);
    assertEquals(569, d.rows());
    assertEquals(30, d.cols());
    assertStandardized(d);
    int benign = 0;
    for (double y : d.labels()) {
      assertTrue(y == 0 || y == 1, "label " + y);
      benign += (int) y;
    }
    assertEquals(357, benign);
    // (17.99 − mean)/std of the first feature, computed independently with numpy
    assertEquals(1.0970639814699807, d.get(0, 0), 1e-11);
    assertEquals(-0.7512066928221901, d.get(568, 29), 1e-11);
  }

  @Test
  void digitsIs1797By64InTheUnitIntervalWithLabelsZeroToNine() throws IOException {
    LabeledData d = LibsvmReader.read(SAMPLES.resolve("digits.libsvm"));
    assertEquals(1797, d.rows());
    assertEquals(64, d.cols());
    double pixels = 0;
    double labels = 0;
    for (double v : d.a()) {
      assertTrue(v >= 0 && v <= 1, "pixel " + v);
      pixels += v;
    }
    for (double y : d.labels()) {
      assertTrue(y == Math.rint(y) && y >= 0 && y <= 9, "label " + y);
      labels += y;
    }
    // sums and one entry computed independently with Python's csv over digits.csv.gz
    assertEquals(35107.375, pixels, 1e-9);
    assertEquals(8070, labels, 0);
    assertEquals(0.3125, d.get(100, 20), 0);
    assertEquals(4, d.labels()[100], 0);
  }

  @Test
  void diabetesIs442By10WithStandardizedTarget() throws IOException {
    LabeledData d = LibsvmReader.read(SAMPLES.resolve("diabetes.libsvm"), 10);
    assertEquals(442, d.rows());
    assertEquals(10, d.cols());
    assertStandardized(d);
    double sum = 0;
    for (double y : d.labels()) {
      sum += y;
    }
    assertEquals(0, sum / d.rows(), 1e-11);
    // numpy: (151 − mean(y))/std(y) and the last feature of the last row
    assertEquals(-0.014719475152121254, d.labels()[0], 1e-12);
    assertEquals(0.06442551851572977, d.get(441, 9), 1e-12);
  }

  @Test
  void syntheticFilesAreExactlyWhatTheGeneratorWrites() throws IOException {
    for (int kappa : new int[] {100, 1000}) {
      Path file = SAMPLES.resolve("synthetic-ridge-k" + kappa + ".libsvm");
      SyntheticRidgeData spec = new SyntheticRidgeData(200, 20, kappa, 0.1, 1);
      StringWriter expected = new StringWriter();
      LibsvmWriter.write(spec.generate("s"), expected, SampleFiles.syntheticComments(spec));
      assertEquals(expected.toString(), Files.readString(file), file.toString());
    }
  }
}
