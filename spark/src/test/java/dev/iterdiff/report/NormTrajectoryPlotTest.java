package dev.iterdiff.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** The trajectory plot of signed θ: the norms it draws, and a real PNG. */
class NormTrajectoryPlotTest {

  /**
   * GIVEN θ rows (3, −4), (0, 0), (−6, 8) WHEN the norms are taken THEN ‖θ‖ = 5, 0, 10 and
   * ‖Δθ‖ = NaN, 5, 10 (hand computed).
   */
  @Test
  void normsOfThetaAndOfItsSteps() {
    double[][] n = NormTrajectoryPlot.norms(new double[][] {{3, -4}, {0, 0}, {-6, 8}});
    assertEquals(5, n[0][0], 0.0);
    assertEquals(0, n[0][1], 0.0);
    assertEquals(10, n[0][2], 0.0);
    assertTrue(Double.isNaN(n[1][0]));
    assertEquals(5, n[1][1], 0.0);
    assertEquals(10, n[1][2], 0.0);
  }

  @Test
  void writesATwoPanelPngAndRefusesMismatchedRows() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    NormTrajectoryPlot.write("t", new double[] {1, 0.5, 0.4},
        new double[][] {{0, 0}, {-1, 2}, {-1.5, 2.5}}, out);
    BufferedImage img = ImageIO.read(new ByteArrayInputStream(out.toByteArray()));
    assertEquals(900, img.getWidth());
    assertEquals(720, img.getHeight());
    var e = assertThrows(IllegalArgumentException.class, () -> NormTrajectoryPlot.write("t",
        new double[] {1, 2}, new double[][] {{0}}, new ByteArrayOutputStream()));
    assertEquals("plot: 2 values vs 1 theta rows (need the same, > 0)", e.getMessage());
  }
}
