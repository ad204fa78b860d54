package dev.iterdiff.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.iterdiff.problem.LabeledData;
import org.junit.jupiter.api.Test;

class StandardizationTest {

  @Test
  void columnsGetMeanZeroAndPopulationStdOne() {
    // column 1: 1, 2, 3, 4 -> mean 2.5, std sqrt(1.25); column 2: 10, 10, 10, 14 -> mean 11, std sqrt(3)
    LabeledData d = new LabeledData(new double[] {1, 2, 3, 4, 10, 10, 10, 14}, 4, 2,
        new double[] {5, 6, 7, 8}, "t");
    LabeledData z = Standardization.features(d);
    double s1 = Math.sqrt(1.25);
    double s2 = Math.sqrt(3);
    assertArrayEquals(new double[] {-1.5 / s1, -0.5 / s1, 0.5 / s1, 1.5 / s1,
        -1 / s2, -1 / s2, -1 / s2, 3 / s2}, z.a(), 1e-15);
    assertArrayEquals(new double[] {5, 6, 7, 8}, z.labels(), 0);
    assertArrayEquals(new double[] {1, 2, 3, 4, 10, 10, 10, 14}, d.a(), 0, "input not modified");
    LabeledData zz = Standardization.featuresAndLabels(d);
    assertArrayEquals(new double[] {-1.5 / s1, -0.5 / s1, 0.5 / s1, 1.5 / s1}, zz.labels(), 1e-15);
  }

  @Test
  void constantColumnIsAnError() {
    LabeledData d = new LabeledData(new double[] {1, 2, 3, 3}, 2, 2, new double[] {0, 1}, "f.csv");
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Standardization.features(d));
    assertEquals("f.csv: feature 2 is constant (3.0): cannot standardize", e.getMessage());
  }
}
