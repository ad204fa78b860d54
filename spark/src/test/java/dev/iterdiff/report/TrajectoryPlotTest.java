package dev.iterdiff.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class TrajectoryPlotTest {

  @Test
  void writesAReadablePngWithCurvesDrawn() throws Exception {
    double[] values = {3, 2, 1.5, 1.2, 1.1};
    double[][] thetas = {{1, 1}, {0.5, 2}, {0.3, 3}, {0.2, 3.5}, {0.2, 3.9}};
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    TrajectoryPlot.write("test", values, thetas, bytes);
    BufferedImage img = ImageIO.read(new ByteArrayInputStream(bytes.toByteArray()));
    assertEquals(900, img.getWidth());
    int coloured = 0;
    for (int y = 0; y < img.getHeight(); y++) {
      for (int x = 0; x < img.getWidth(); x++) {
        int rgb = img.getRGB(x, y) & 0xffffff;
        int r = rgb >> 16;
        int b = rgb & 0xff;
        if (b > r + 60) {
          coloured++;
        }
      }
    }
    assertTrue(coloured > 200, "the objective curve is drawn: " + coloured + " blue pixels");
  }

  @Test
  void mismatchedRowsAreRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> TrajectoryPlot.write("t", new double[2], new double[3][1],
            new ByteArrayOutputStream()));
    assertTrue(e.getMessage().contains("2 values vs 3 theta rows"), e.getMessage());
  }
}
